// Helpers for the iCalendar tests: objects written line by line as other clients send them, and
// the unfolded content lines of what Aide writes.

/** A VCALENDAR from content lines (without BEGIN/END:VCALENDAR), CRLF-terminated. */
export function vcalendar(...lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Other client//EN', ...lines, 'END:VCALENDAR', ''].join(
    '\r\n',
  );
}

/** A UTC DATE-TIME as other clients write it, `YYYYMMDDTHHMMSSZ`, from epoch ms or ISO text. */
export function utcStamp(at: number | string): string {
  return new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
}

/** The content lines of `ics` with folding undone (RFC 5545 §3.1). */
export function unfolded(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '');
}

/** The unfolded lines of each component named `name` (BEGIN/END excluded; nested components included). */
export function blocks(ics: string, name: string): string[][] {
  const out: string[][] = [];
  let current: string[] | null = null;
  let depth = 0;
  for (const line of unfolded(ics)) {
    if (line === `BEGIN:${name}` && current === null) {
      current = [];
      depth = 0;
      continue;
    }
    if (current !== null) {
      if (line.startsWith('BEGIN:')) depth++;
      if (line === `END:${name}` && depth === 0) {
        out.push(current);
        current = null;
        continue;
      }
      if (line.startsWith('END:')) depth--;
      current.push(line);
    }
  }
  return out;
}

/** The America/New_York VTIMEZONE as Apple Calendar and Thunderbird write it. */
export const NEW_YORK_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:America/New_York',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:-0500',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  'DTSTART:20070311T020000',
  'TZNAME:EDT',
  'TZOFFSETTO:-0400',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:-0400',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
  'DTSTART:20071104T020000',
  'TZNAME:EST',
  'TZOFFSETTO:-0500',
  'END:STANDARD',
  'END:VTIMEZONE',
];
