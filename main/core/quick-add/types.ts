// The quick-add result shapes (architecture section 2) and the parser's internal reading of a
// phrase: what was said about when, before it is resolved against `now` in the user's zone.

export type QuickAddResult =
  | { kind: 'reminder'; title: string; due: string; rrule: string | null }
  | { kind: 'appointment'; title: string; start: string; end: string; rrule: string | null }
  | { kind: 'incomplete'; title: string; missing: 'time' }
  | { kind: 'none' };

export interface QuickAddOptions {
  now: Date;
  /** IANA zone the phrase is read in, e.g. "Europe/Berlin". */
  timeZone: string;
}

export type Meridiem = 'am' | 'pm' | null;

/**
 * A clock time as written: `fixed` is true when it cannot be 12-hour (13:00, 08:00, 0:30).
 * `minute` is negative for "ten to 6" (the hour named, less ten minutes); `hour` 24 is midnight
 * at the end of the day ("quarter to midnight").
 */
export interface ClockTime {
  hour: number;
  minute: number;
  second: number;
  meridiem: Meridiem;
  fixed: boolean;
}

export type PartOfDay = 'morning' | 'noon' | 'afternoon' | 'evening' | 'night' | 'midnight';

/** Weekday numbers as luxon counts them: Monday = 1 … Sunday = 7. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type DateSpec =
  | { kind: 'offset'; days: number }
  /** The first such weekday after today, or `weeksLater` weeks after it ("Monday after next"). */
  | { kind: 'weekday'; weekday: Weekday; weeksLater: number }
  /** That weekday `weeks` weeks on (Monday-first): "next week" (Monday), "Tuesday next week". */
  | { kind: 'next-week'; weekday: Weekday; weeks: number }
  | { kind: 'calendar'; year: number | null; month: number; day: number }
  | { kind: 'month-day'; day: number }
  /** A day of the month `months` on: "next month" (day null: the 1st), "end of the month". */
  | { kind: 'month'; months: number; day: number | 'end' | null }
  /** "the second Wednesday of March" (n = -1 for the last); `month` null is this month or the next. */
  | { kind: 'nth-weekday'; n: number; weekday: Weekday; month: number | null; months: number }
  | { kind: 'holiday'; holiday: Holiday };

export type Holiday =
  | 'christmas-eve'
  | 'christmas'
  | 'boxing-day'
  | 'new-years-eve'
  | 'new-years-day'
  | 'valentines'
  | 'st-patricks'
  | 'independence-day'
  | 'halloween'
  | 'thanksgiving'
  | 'black-friday'
  | 'cyber-monday'
  | 'good-friday'
  | 'easter'
  | 'easter-monday'
  | 'mothers-day'
  | 'fathers-day'
  | 'memorial-day'
  | 'labor-day';

/** A zone the time was said in ("9am EST"): the words as written and the IANA zone they mean. */
export interface SpokenZone {
  label: string;
  zone: string;
}

export type Freq = 'MINUTELY' | 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export interface RecurrenceSpec {
  freq: Freq;
  interval: number;
  byDay: Weekday[] | null;
  byMonthDay: number | null;
}

export type RelativeUnit = 'second' | 'minute' | 'hour' | 'day' | 'week';

/** Everything the time rules found in a phrase. */
export interface TimeSpec {
  relative: { amount: number; unit: RelativeUnit } | null;
  date: DateSpec | null;
  time: ClockTime | null;
  partOfDay: PartOfDay | null;
  range: { start: ClockTime; end: ClockTime } | null;
  durationMinutes: number | null;
  recurrence: RecurrenceSpec | null;
  /** The phrase speaks about the past ("yesterday", "2 days ago"): not something to schedule. */
  past: boolean;
  /** A recurrence Aide cannot store ("every 2 minutes"). */
  unsupported: boolean;
  /** The zone a time was said in, when not the user's. */
  zone: SpokenZone | null;
  /** A weekday written next to a date ("Sat, Oct 3"): the date must fall on it. */
  weekdayCheck: Weekday | null;
}
