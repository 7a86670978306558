// Turns what the rules read into instants: wall-clock arithmetic in the user's IANA zone with
// luxon, so "tomorrow at 9am" on the eve of a DST change gets the new offset.
import { DateTime } from 'luxon';
import type { Clock, DateSpec, PartOfDay, RecurrenceSpec, TimeSpec } from './types';

export type Resolution = { start: Date; end: Date } | 'no-time' | 'past';

const PART_TIMES: Record<PartOfDay, { hour: number; minute: number }> = {
  morning: { hour: 9, minute: 0 },
  noon: { hour: 12, minute: 0 },
  afternoon: { hour: 15, minute: 0 },
  evening: { hour: 18, minute: 0 },
  night: { hour: 20, minute: 0 },
  midnight: { hour: 24, minute: 0 },
};
const DEFAULT_TIME = { hour: 9, minute: 0 };
const DEFAULT_LENGTH_MINUTES = 60;
const UNIT_MS = { second: 1000, minute: 60_000, hour: 3_600_000 } as const;
/** A recurrence whose rule matches no day within this many days is not something to quick-add. */
const SEARCH_DAYS = 1500;

/** A clock time on the 24-hour clock; `hour` may be 24 (midnight at the end of the day). */
interface DayTime {
  hour: number;
  minute: number;
}

/** Reads a clock written without am/pm the way people mean it: the part of day decides; else 1–6 is afternoon, 7–11 morning. */
function hourOf(clock: Clock, part: PartOfDay | null): number {
  if (clock.meridiem !== null) return (clock.hour % 12) + (clock.meridiem === 'pm' ? 12 : 0);
  if (clock.fixed) return clock.hour;
  if (part === 'afternoon' || part === 'evening' || part === 'night')
    return clock.hour < 12 ? clock.hour + 12 : clock.hour;
  if (part === 'morning') return clock.hour % 12;
  return clock.hour <= 6 ? clock.hour + 12 : clock.hour;
}

const minutesOf = (t: DayTime): number => t.hour * 60 + t.minute;

/** Both ends of a range: a meridiem written once applies to both ("3-4pm"), and the end is the first reading after the start. */
function rangeTimes(range: { start: Clock; end: Clock }, part: PartOfDay | null): { start: DayTime; end: DayTime } {
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
  const start = { hour: startHour, minute: a.minute };
  if (b.meridiem !== null || b.fixed) return { start, end: { hour: hourOf(b, part), minute: b.minute } };
  const readings = b.hour < 12 ? [b.hour, b.hour + 12] : [b.hour];
  const after = readings.find((h) => h * 60 + b.minute > minutesOf(start));
  return { start, end: { hour: after ?? b.hour, minute: b.minute } };
}

function dayOf(date: DateSpec, today: DateTime): DateTime {
  switch (date.kind) {
    case 'offset':
      return today.plus({ days: date.days });
    case 'weekday':
      return today.plus({ days: (date.weekday - today.weekday + 7) % 7 || 7 });
    case 'next-week':
      return today.startOf('week').plus({ weeks: 1, days: date.weekday - 1 });
    case 'calendar': {
      const year = date.year ?? today.year;
      const day = today.set({ year, month: date.month, day: date.day });
      return date.year === null && day < today ? day.plus({ years: 1 }) : day;
    }
    case 'month-day': {
      // This month when the day is still ahead, else the next month that has it.
      for (let m = 0; m < 12; m++) {
        const month = today.startOf('month').plus({ months: m });
        if (date.day <= (month.daysInMonth ?? 0) && (m > 0 || date.day >= today.day))
          return month.set({ day: date.day });
      }
      return today;
    }
  }
}

function at(day: DateTime, time: DayTime): DateTime {
  if (time.hour === 24) return at(day.plus({ days: 1 }), { hour: 0, minute: 0 });
  // fromObject moves a wall time inside a spring-forward gap forward by the gap.
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute },
    { zone: day.zone },
  );
}

function matchesRule(rule: RecurrenceSpec, day: DateTime, date: DateSpec | null): boolean {
  if (rule.byDay !== null && !rule.byDay.some((d) => d === day.weekday)) return false;
  if (rule.byMonthDay !== null && day.day !== rule.byMonthDay) return false;
  if (rule.freq === 'YEARLY' && date?.kind === 'calendar') return day.month === date.month && day.day === date.day;
  return true;
}

/** The start and end of what `spec` describes, after `now` in `timeZone`. */
export function resolve(spec: TimeSpec, now: Date, timeZone: string): Resolution {
  const current = DateTime.fromJSDate(now, { zone: timeZone });
  const today = current.startOf('day');
  const part = spec.partOfDay;
  const range = spec.range === null ? null : rangeTimes(spec.range, part);
  const time: DayTime | null =
    range?.start ??
    (spec.time !== null
      ? { hour: hourOf(spec.time, part), minute: spec.time.minute }
      : part !== null
        ? PART_TIMES[part]
        : null);

  let start: DateTime | null = null;
  const rule = spec.recurrence;
  if (rule !== null) {
    if (rule.freq === 'HOURLY' && time === null && spec.date === null) {
      start = current.plus({ hours: rule.interval });
    } else {
      const from = spec.date === null ? today : dayOf(spec.date, today);
      for (let i = 0; i < SEARCH_DAYS && start === null; i++) {
        const day = from.plus({ days: i });
        if (!matchesRule(rule, day, spec.date)) continue;
        const candidate = at(day, time ?? DEFAULT_TIME);
        if (candidate > current) start = candidate;
      }
      if (start === null) return 'no-time';
    }
  } else if (spec.relative !== null && !(spec.relative.unit === 'day' || spec.relative.unit === 'week')) {
    start = current.plus({ milliseconds: Math.round(spec.relative.amount * UNIT_MS[spec.relative.unit]) });
  } else if (spec.relative !== null) {
    // Days and weeks count on the calendar, keeping the wall time unless one was given.
    const later = current.plus({ [spec.relative.unit === 'day' ? 'days' : 'weeks']: spec.relative.amount });
    start = time === null ? later : at(later.startOf('day'), time);
  } else if (spec.date !== null) {
    start = at(dayOf(spec.date, today), time ?? DEFAULT_TIME);
  } else if (time !== null) {
    const todayAt = at(today, time);
    start = todayAt > current ? todayAt : at(today.plus({ days: 1 }), time);
  }
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
