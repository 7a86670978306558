// The date engines the quick-add benchmark compares, each mapped onto quick-add results as well
// as it reasonably can: chrono-node's casual parser alone, and Microsoft's Recognizers-Text
// date-time model. Both share our command and title rules, so only the reading of times differs.
import { DateTimeRecognizer } from '@microsoft/recognizers-text-date-time';
import { casual } from 'chrono-node';
import { DateTime } from 'luxon';
import { toZonedIso } from '../../main/core/reminders/zone-offsets';
import { cleanTitle, isNotACommand, readCommand, stripPoliteness } from '../../main/core/quick-add/intent';
import type { QuickAddResult } from '../../main/core/quick-add/parse';
import type { Labelled } from '../quick-add/sets';

/** What an engine found: the spans it read and the instants they mean (end only for a range). */
interface Found {
  spans: { start: number; end: number }[];
  start: DateTime | null;
  end: DateTime | null;
}

/** Our command/title/question rules around an engine's reading, so titles and kinds are decided alike. */
function toResult(text: string, found: Found, now: DateTime, tz: string): QuickAddResult {
  let rest = text;
  for (const { start, end } of [...found.spans].sort((a, b) => b.start - a.start))
    rest = rest.slice(0, start) + ' ' + rest.slice(end);
  const command = readCommand(rest);
  const timed = found.start !== null;
  if (command.intent === null && (isNotACommand(text) || text.endsWith('?') || !timed)) return { kind: 'none' };
  const title = cleanTitle(command.rest) || (command.intent === 'appointment' ? 'Appointment' : 'Reminder');
  if (found.start === null || found.start <= now) return { kind: 'incomplete', title, missing: 'time' };
  const due = toZonedIso(found.start.toJSDate(), tz);
  if (found.end !== null || command.intent === 'appointment') {
    const end = found.end ?? found.start.plus({ hours: 1 });
    return { kind: 'appointment', title, start: due, end: toZonedIso(end.toJSDate(), tz), rrule: null };
  }
  return { kind: 'reminder', title, due, rrule: null };
}

const phrase = (row: Labelled): string => stripPoliteness(row.text.trim().replace(/[.!]+$/, ''));

/** chrono-node's casual English parser: the first date it finds (09:00 when it has no hour), a range when it has an end. */
export function chronoEngine(row: Labelled): QuickAddResult {
  const now = DateTime.fromISO(row.now, { zone: row.tz });
  const text = phrase(row);
  const [first] = casual.parse(text, { instant: now.toJSDate(), timezone: now.offset }, { forwardDate: true });
  if (first === undefined) return toResult(text, { spans: [], start: null, end: null }, now, row.tz);
  const wall = (c: NonNullable<typeof first.end>): DateTime => {
    const day = DateTime.fromObject(
      { year: c.get('year') ?? now.year, month: c.get('month') ?? 1, day: c.get('day') ?? 1 },
      { zone: row.tz },
    );
    return c.isCertain('hour') || c.isCertain('minute')
      ? day.set({ hour: c.get('hour') ?? 0, minute: c.get('minute') ?? 0, second: c.get('second') ?? 0 })
      : day.set({ hour: 9 });
  };
  const relative = !first.start.isCertain('day') && first.start.isCertain('hour');
  const start = relative ? DateTime.fromJSDate(first.start.date(), { zone: row.tz }) : wall(first.start);
  const end = first.end ? wall(first.end) : null;
  return toResult(
    text,
    { spans: [{ start: first.index, end: first.index + first.text.length }], start, end },
    now,
    row.tz,
  );
}

const recognizer = new DateTimeRecognizer('en-us').getDateTimeModel();

interface WallTime {
  hour: number;
  minute: number;
  second: number;
}

interface Resolution {
  type?: string;
  value?: string;
  start?: string;
  end?: string;
}

/** The first value not in the past (the model gives last and next for "Monday"). */
function pick(values: Resolution[], now: DateTime, tz: string): Resolution | null {
  const at = (v: Resolution) => DateTime.fromSQL(v.value ?? v.start ?? '', { zone: tz });
  return values.find((v) => !at(v).isValid || at(v) >= now.startOf('day')) ?? values[values.length - 1] ?? null;
}

/** Microsoft Recognizers-Text date-time model: dates, times and date-times combined; ranges become appointments; sets (recurrences) are not mapped. */
export function recognizersEngine(row: Labelled): QuickAddResult {
  const now = DateTime.fromISO(row.now, { zone: row.tz });
  const text = phrase(row);
  // The model reads wall-clock fields of the reference date, so give it the user's wall clock.
  const reference = new Date(now.year, now.month - 1, now.day, now.hour, now.minute, now.second);
  const found: Found = { spans: [], start: null, end: null };
  let day: DateTime | null = null;
  let time: WallTime | null = null;
  let endTime: WallTime | null = null;
  for (const result of recognizer.parse(text, reference)) {
    const values = (result.resolution as { values?: Resolution[] } | undefined)?.values ?? [];
    const value = pick(values, now, row.tz);
    if (value === null) continue;
    found.spans.push({ start: result.start, end: result.end + 1 });
    const type = value.type ?? '';
    const clock = (s: string): WallTime | null => {
      const t = DateTime.fromFormat(s, 'HH:mm:ss');
      return t.isValid ? { hour: t.hour, minute: t.minute, second: t.second } : null;
    };
    if (type === 'date') day = DateTime.fromSQL(value.value ?? '', { zone: row.tz });
    else if (type === 'time') time = clock(value.value ?? '');
    else if (type === 'datetime') found.start = DateTime.fromSQL(value.value ?? '', { zone: row.tz });
    else if (type === 'timerange') [time, endTime] = [clock(value.start ?? ''), clock(value.end ?? '')];
    else if (type === 'datetimerange') {
      found.start = DateTime.fromSQL(value.start ?? '', { zone: row.tz });
      found.end = DateTime.fromSQL(value.end ?? '', { zone: row.tz });
    } else if (type === 'daterange') day = DateTime.fromSQL(value.start ?? '', { zone: row.tz });
    else if (
      type === 'duration' &&
      /\bin\b/i.test(result.text + text.slice(Math.max(0, result.start - 3), result.start))
    )
      found.start = now.plus({ seconds: Number(value.value) });
  }
  const valid = (d: DateTime | null) => (d !== null && d.isValid ? d : null);
  [found.start, found.end, day] = [valid(found.start), valid(found.end), valid(day)];
  if (found.start === null && (day !== null || time !== null)) {
    const base = day ?? now.startOf('day');
    const t = time ?? { hour: 9, minute: 0, second: 0 };
    let start = base.set(t);
    if (day === null && start <= now) start = start.plus({ days: 1 });
    found.start = start;
    if (endTime !== null) found.end = start.set(endTime);
  }
  return toResult(text, found, now, row.tz);
}
