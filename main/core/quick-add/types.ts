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

/** A clock time as written: `fixed` is true when it cannot be 12-hour (13:00, 08:00, 0:30). */
export interface Clock {
  hour: number;
  minute: number;
  meridiem: Meridiem;
  fixed: boolean;
}

export type PartOfDay = 'morning' | 'noon' | 'afternoon' | 'evening' | 'night' | 'midnight';

/** Weekday numbers as luxon counts them: Monday = 1 … Sunday = 7. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type DateSpec =
  | { kind: 'offset'; days: number }
  | { kind: 'weekday'; weekday: Weekday }
  /** That weekday in the week after this one: "next week" (Monday), "next weekend" (Saturday). */
  | { kind: 'next-week'; weekday: Weekday }
  | { kind: 'calendar'; year: number | null; month: number; day: number }
  | { kind: 'month-day'; day: number };

export type Freq = 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

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
  time: Clock | null;
  partOfDay: PartOfDay | null;
  range: { start: Clock; end: Clock } | null;
  durationMinutes: number | null;
  recurrence: RecurrenceSpec | null;
  /** The phrase speaks about the past ("yesterday", "2 days ago"): not something to schedule. */
  past: boolean;
  /** A recurrence Aide cannot store ("every 30 minutes"). */
  unsupported: boolean;
}
