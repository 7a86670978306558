// Day words: "tomorrow", "this weekend", "next week", weekdays ("on Monday", "Tuesday next
// week", "Monday after next"), and the one place a rule sets the day a phrase speaks of.
import type { Scanner } from './scanner';
import type { DateSpec, TimeSpec } from './types';
import { WEEKDAY, weekdayValue } from './words';

const DAY_AFTER_TOMORROW = /\b(?:on\s+)?(?:the\s+)?day\s+after\s+tomorrow\b/gi;
const TOMORROW = /\b(?:(?:by|for|on)\s+)?(?:tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow)\b/gi;
const TODAY = /\b(?:(?:by|for|on|later)\s+)?today\b/gi;
const WEEKEND = /\b(?:(?:on|at|over|for|by)\s+)?(this|the|next)\s+weekend\b/gi;
const WEEKDAY_NEXT_WEEK = new RegExp(
  `\\b(?:(?:on|by|for)\\s+)?(${WEEKDAY})\\s+(?:of\\s+)?next\\s+week\\b|\\bnext\\s+week\\s+(?:on\\s+)?(${WEEKDAY})\\b`,
  'gi',
);
const WEEK_AFTER_NEXT = /\b(?:(?:on|by|for|in)\s+)?the\s+week\s+after\s+next\b/gi;
const WEEKDAY_AFTER_NEXT = new RegExp(`\\b(?:(?:on|by|for)\\s+)?(?:the\\s+)?(${WEEKDAY})\\s+after\\s+next\\b`, 'gi');
const NEXT_WEEK = /\b(?:(?:on|by|for)\s+)?next\s+week\b/gi;
const WEEKDAY_WORD = new RegExp(`\\b(?:(?:on|by|for|until|this|next|coming|the)\\s+)*(${WEEKDAY})\\b\\.?`, 'gi');
/** "Sat" and "Sun" are ordinary words too; as weekdays only capitalised and before a date ("Sat, Oct 3"). */
const SAT_SUN = /\b(?:on\s+)?(Sat|Sun)\b\.?(?=,?\s+(?:[A-Za-z]{3,9}\.?\s+\d|\d))/g;

const dated = (date: DateSpec): boolean => date.kind === 'calendar' || date.kind === 'month-day';
const plainWeekday = (date: DateSpec): date is Extract<DateSpec, { kind: 'weekday' }> =>
  date.kind === 'weekday' && date.weeksLater === 0;

/**
 * Sets the day `spec` speaks of; false when it already has another. A weekday written next to
 * a date ("Friday, 4 December") becomes a check on that date instead of a second day.
 */
export function setDay(spec: TimeSpec, date: DateSpec): boolean {
  const current = spec.date;
  if (current === null) {
    spec.date = date;
    return true;
  }
  if (spec.weekdayCheck !== null) return false;
  if (plainWeekday(current) && dated(date)) {
    spec.weekdayCheck = current.weekday;
    spec.date = date;
    return true;
  }
  if (plainWeekday(date) && dated(current)) {
    spec.weekdayCheck = date.weekday;
    return true;
  }
  return false;
}

export function readDayWords(scanner: Scanner, spec: TimeSpec): void {
  scanner.claim(DAY_AFTER_TOMORROW, () => setDay(spec, { kind: 'offset', days: 2 }));
  scanner.claim(TOMORROW, () => setDay(spec, { kind: 'offset', days: 1 }));
  scanner.claim(TODAY, () => setDay(spec, { kind: 'offset', days: 0 }));
  scanner.claim(WEEKEND, (m) =>
    (m[1] ?? '').toLowerCase() === 'next'
      ? setDay(spec, { kind: 'next-week', weekday: 6, weeks: 1 })
      : setDay(spec, { kind: 'weekday', weekday: 6, weeksLater: 0 }),
  );
  scanner.claim(WEEKDAY_NEXT_WEEK, (m) => {
    const weekday = weekdayValue(m[1] ?? m[2] ?? '');
    return weekday !== null && setDay(spec, { kind: 'next-week', weekday, weeks: 1 });
  });
  scanner.claim(WEEK_AFTER_NEXT, () => setDay(spec, { kind: 'next-week', weekday: 1, weeks: 2 }));
  scanner.claim(WEEKDAY_AFTER_NEXT, (m) => {
    const weekday = weekdayValue(m[1] ?? '');
    return weekday !== null && setDay(spec, { kind: 'weekday', weekday, weeksLater: 1 });
  });
  scanner.claim(NEXT_WEEK, () => setDay(spec, { kind: 'next-week', weekday: 1, weeks: 1 }));
  for (const pattern of [WEEKDAY_WORD, SAT_SUN]) {
    scanner.claim(pattern, (m) => {
      const weekday = weekdayValue(m[1] ?? '');
      return weekday !== null && setDay(spec, { kind: 'weekday', weekday, weeksLater: 0 });
    });
  }
}
