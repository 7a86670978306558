// The system message of every request: who the assistant is, and the user's local date, time,
// weekday and zone, with an example of the time format the tools expect.

export function systemPrompt(now: Date, timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  const local = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(now);
  const offset = utcOffset(now, timeZone);
  return [
    'You are Aide, a concise and helpful personal assistant. Answer in Markdown.',
    `The user's local date and time is ${local}, time zone ${timeZone} (UTC${offset} now).`,
    'Use the tools to create, list, change, complete, snooze and delete reminders and appointments.',
    `Give times as ISO 8601 with the offset that applies on that date in ${timeZone}, e.g. ${isoExample(now, timeZone)}.`,
    'Ask when the time is unclear instead of guessing. Use the ids from tool results; list first when you need an id.',
  ].join('\n');
}

/** "+01:00" for the zone at that instant. */
function utcOffset(at: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = part?.replace('GMT', '') ?? '';
  return offset === '' ? '+00:00' : offset;
}

function isoExample(now: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T17:00:00${utcOffset(now, timeZone)}`;
}
