// Turns what the rules read into instants: wall-clock arithmetic in the user's IANA zone with
// luxon, so "tomorrow at 9am" on the eve of a DST change gets the new offset.
import { DateTime } from 'luxon';
import { dayOf } from './resolve-day';
import type { ClockTime, DateSpec, PartOfDay, RecurrenceSpec, TimeSpec } from './types';

export type Resolution = { start: Date; end: Date } | 'no-time' | 'past';

const PART_TIMES: Record<PartOfDay, DayTime> = {
  morning: { hour: 9, minute: 0, second: 0 },
  noon: { hour: 12, minute: 0, second: 0 },
  afternoon: { hour: 15, minute: 0, second: 0 },
  evening: { hour: 18, minute: 0, second: 0 },
  night: { hour: 20, minute: 0, second: 0 },
  midnight: { hour: 24, minute: 0, second: 0 },
};
const DEFAULT_TIME: DayTime = { hour: 9, minute: 0, second: 0 };
const DEFAULT_LENGTH_MINUTES = 60;
const UNIT_MS = { second: 1000, minute: 60_000, hour: 3_600_000 } as const;
/** A recurrence whose rule matches no day within this many days is not something to quick-add. */
const SEARCH_DAYS = 1500;

/** A clock time on the 24-hour clock; `hour` may be 24 (midnight at the end of the day). */
interface DayTime {
  hour: number;
  minute: number;
  second: number;
}

/** Reads a clock written without am/pm the way people mean it: the part of day decides; else 1–6 is afternoon, 7–11 morning. */
function hourOf(clock: ClockTime, part: PartOfDay | null): number {
  if (clock.meridiem !== null) return (clock.hour % 12) + (clock.meridiem === 'pm' ? 12 : 0);
  if (clock.fixed) return clock.hour;
  if (part === 'afternoon' || part === 'evening' || part === 'night')
    return clock.hour < 12 ? clock.hour + 12 : clock.hour;
  if (part === 'morning') return clock.hour % 12;
  return clock.hour <= 6 ? clock.hour + 12 : clock.hour;
}

const minutesOf = (t: DayTime): number => t.hour * 60 + t.minute;

/** The clock as a time of day: "ten to 6" (minute -10) is 17:50; "quarter past midnight" is 24:15 (the next day). */
function dayTimeOf(clock: ClockTime, part: PartOfDay | null): DayTime {
  const minutes = hourOf(clock, part) * 60 + clock.minute;
  return { hour: Math.floor(minutes / 60), minute: minutes % 60, second: clock.second };
}

/** Both ends of a range: a meridiem written once applies to both ("3-4pm"), and the end is the first reading after the start. */
function rangeTimes(
  range: { start: ClockTime; end: ClockTime },
  part: PartOfDay | null,
): { start: DayTime; end: DayTime } {
  const { start: a, end: b } = range;
  let startHour: number;
  if (a.meridiem === null && !a.fixed && b.meridiem !== null) {
    startHour = (a.hour % 12) + (b.meridiem === 'pm' ? 12 : 0);
    const endHour = hourOf(b, part);
    // "11-1pm" is 11am to 1pm.
    if (startHour * 60 + a.minute >= endHour * 60 + b.minute) startHour = (startHour + 12) % 24;
  } else {
    startHour = hourOf(a, part);
  }
  const start = { hour: startHour, minute: a.minute, second: 0 };
  if (b.meridiem !== null || b.fixed) return { start, end: { hour: hourOf(b, part), minute: b.minute, second: 0 } };
  const readings = b.hour < 12 ? [b.hour, b.hour + 12] : [b.hour];
  const after = readings.find((h) => h * 60 + b.minute > minutesOf(start));
  return { start, end: { hour: after ?? b.hour, minute: b.minute, second: 0 } };
}

function at(day: DateTime, time: DayTime): DateTime {
  if (time.hour >= 24) return at(day.plus({ days: 1 }), { ...time, hour: time.hour - 24 });
  // fromObject moves a wall time inside a spring-forward gap forward by the gap.
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute, second: time.second },
    { zone: day.zone },
  );
}

function matchesRule(rule: RecurrenceSpec, day: DateTime, date: DateSpec | null): boolean {
  if (rule.byDay !== null && !rule.byDay.some((d) => d === day.weekday)) return false;
  if (rule.byMonthDay !== null && day.day !== rule.byMonthDay) return false;
  if (rule.freq === 'YEARLY' && date?.kind === 'calendar') return day.month === date.month && day.day === date.day;
  return true;
}

/** The first occurrence of a recurrence from the day named (or today) whose time is still ahead. */
function firstOccurrence(
  rule: RecurrenceSpec,
  spec: TimeSpec,
  current: DateTime,
  time: DayTime | null,
): DateTime | null {
  const today = current.startOf('day');
  if ((rule.freq === 'HOURLY' || rule.freq === 'MINUTELY') && spec.date === null) {
    // Runs from now or from the time said today, in real minutes: "every 2 hours" starts 2 hours
    // from now; "every 30 minutes from 9am" said at 10:00 is already running, next at 10:30.
    const step = rule.interval * UNIT_MS[rule.freq === 'HOURLY' ? 'hour' : 'minute'];
    const from = time === null ? current : at(today, time);
    if (from > current) return from;
    return from.plus({ milliseconds: (Math.floor((current.toMillis() - from.toMillis()) / step) + 1) * step });
  }
  const from = spec.date === null ? today : dayOf(spec.date, today);
  if (from === null) return null;
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const day = from.plus({ days: i });
    if (!matchesRule(rule, day, spec.date)) continue;
    const candidate = at(day, time ?? DEFAULT_TIME);
    if (candidate > current) return candidate;
  }
  return null;
}

/** When a one-off phrase starts, or null when the day it names does not exist or is not the weekday written beside it. */
function oneOffStart(spec: TimeSpec, current: DateTime, time: DayTime | null): DateTime | null {
  const today = current.startOf('day');
  const relative = spec.relative;
  if (relative !== null && relative.unit !== 'day' && relative.unit !== 'week')
    return current.plus({ milliseconds: Math.round(relative.amount * UNIT_MS[relative.unit]) });
  if (relative !== null) {
    // Days and weeks count on the calendar, keeping the wall time unless one was given.
    const later = current.plus({ [relative.unit === 'day' ? 'days' : 'weeks']: relative.amount });
    return time === null ? later : at(later.startOf('day'), time);
  }
  if (spec.date !== null) {
    const day = dayOf(spec.date, today);
    if (day === null || (spec.weekdayCheck !== null && day.weekday !== spec.weekdayCheck)) return null;
    return at(day, time ?? DEFAULT_TIME);
  }
  if (time === null) return null;
  const todayAt = at(today, time);
  return todayAt > current ? todayAt : at(today.plus({ days: 1 }), time);
}

/** The start and end of what `spec` describes, after `now`, on the clock and calendar of `timeZone`. */
export function resolve(spec: TimeSpec, now: Date, timeZone: string): Resolution {
  const current = DateTime.fromJSDate(now, { zone: timeZone });
  const part = spec.partOfDay;
  const range = spec.range === null ? null : rangeTimes(spec.range, part);
  const time: DayTime | null =
    range?.start ?? (spec.time !== null ? dayTimeOf(spec.time, part) : part !== null ? PART_TIMES[part] : null);

  const start =
    spec.recurrence !== null ? firstOccurrence(spec.recurrence, spec, current, time) : oneOffStart(spec, current, time);
  if (start === null) return 'no-time';
  if (start <= current) return 'past';

  let end: DateTime;
  if (range !== null) {
    end = at(start.startOf('day'), range.end);
    if (end <= start) end = end.plus({ days: 1 });
  } else {
    end = start.plus({ minutes: spec.durationMinutes ?? DEFAULT_LENGTH_MINUTES });
  }
  return { start: start.toJSDate(), end: end.toJSDate() };
}
