// Recurrence phrases ("every weekday", "every 2 hours", "every 30 minutes", "monthly on the 1st",
// "on Tuesdays")
// read into a RecurrenceSpec, and the spec written as the RRULE text Aide stores.
import { MIN_MINUTELY_INTERVAL, normalizeRRule } from '../reminders/rrule-parse';
import type { Scanner } from './scanner';
import type { PartOfDay, RecurrenceSpec, TimeSpec, Weekday } from './types';
import { NUMBER, numberValue } from './number-words';
import { WEEKDAY_FULL, weekdayValue } from './words';

const WORKWEEK: Weekday[] = [1, 2, 3, 4, 5];
const WEEKEND: Weekday[] = [6, 7];
const CODES = ['', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const WEEKDAY_LIST = `${WEEKDAY_FULL}(?:\\s*(?:,\\s*(?:and\\s+)?|and|&)\\s*${WEEKDAY_FULL})*`;
const ORDINAL_DAY = '(\\d{1,2})(?:st|nd|rd|th)';

const EVERY = new RegExp(
  `\\b(?:every|each)\\s+(?:(other|second)\\s+|(${NUMBER})\\s+)?` +
    `(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weekdays?|weekends?|weeks?|months?|years?|` +
    `mornings?|afternoons?|evenings?|nights?|${WEEKDAY_LIST})\\b` +
    `(?:\\s+on\\s+(?:the\\s+)?(?:${ORDINAL_DAY}|(${WEEKDAY_LIST})))?`,
  'gi',
);
const EVERY_PART_OF_HOUR =
  /\b(?:every|each)\s+(?:(half)\s+(?:an\s+)?hour|(?:a\s+)?(quarter)\s+(?:of\s+an\s+)?hour|hour\s+and\s+a\s+(half|quarter))\b/gi;
const MONTH_DAY_OF_EVERY = new RegExp(
  `\\b(?:on\\s+)?(?:the\\s+)?${ORDINAL_DAY}\\s+(?:day\\s+)?of\\s+(?:every|each|the)\\s+month\\b`,
  'gi',
);
const EVERY_ORDINAL = new RegExp(`\\bevery\\s+${ORDINAL_DAY}(?:\\s+of\\s+the\\s+month)?\\b`, 'gi');
const ADVERB = new RegExp(
  `\\b(daily|everyday|weekly|fortnightly|biweekly|monthly|yearly|annually|hourly)\\b` +
    `(?:\\s+on\\s+(?:the\\s+)?(?:${ORDINAL_DAY}|(${WEEKDAY_LIST})))?`,
  'gi',
);
const PLURAL_DAYS = new RegExp(
  `\\b(?:on\\s+)?(weekdays|weekends|(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)` +
    `(?:\\s*(?:,\\s*(?:and\\s+)?|and|&)\\s*${WEEKDAY_FULL})*)\\b`,
  'gi',
);

const PART_OF_DAY: Record<string, PartOfDay> = {
  morning: 'morning',
  afternoon: 'afternoon',
  evening: 'evening',
  night: 'night',
};

function weekdayList(text: string): Weekday[] {
  const days = text
    .toLowerCase()
    .split(/[^a-z]+/)
    .map(weekdayValue)
    .filter((d): d is Weekday => d !== null);
  return [...new Set(days)].sort((a, b) => a - b);
}

function rule(
  freq: RecurrenceSpec['freq'],
  interval = 1,
  byDay: Weekday[] | null = null,
  byMonthDay: number | null = null,
): RecurrenceSpec {
  return { freq, interval, byDay, byMonthDay };
}

/**
 * A rule every so many minutes: whole hours are HOURLY ("every 120 minutes" is every 2 hours);
 * null when faster than Aide stores (see MIN_MINUTELY_INTERVAL) or not whole minutes.
 */
function everyMinutes(minutes: number): RecurrenceSpec | null {
  if (!Number.isInteger(minutes) || minutes < MIN_MINUTELY_INTERVAL) return null;
  return minutes % 60 === 0 ? rule('HOURLY', minutes / 60) : rule('MINUTELY', minutes);
}

/** Adds "on the 15th" / "on Friday" that followed a monthly or weekly phrase. */
function withOn(spec: RecurrenceSpec, ordinal: string | undefined, days: string | undefined): RecurrenceSpec | null {
  if (ordinal !== undefined) {
    const day = Number(ordinal);
    if (spec.freq !== 'MONTHLY' || day < 1 || day > 31) return null;
    return { ...spec, byMonthDay: day };
  }
  if (days !== undefined) {
    if (spec.freq !== 'WEEKLY') return null;
    return { ...spec, byDay: weekdayList(days) };
  }
  return spec;
}

/** Claims at most one recurrence phrase and records it (and a part of day it names) in `spec`. */
export function readRecurrence(scanner: Scanner, spec: TimeSpec): void {
  const found = (r: RecurrenceSpec | null): boolean => {
    if (r === null || spec.recurrence !== null) return false;
    spec.recurrence = r;
    return true;
  };

  // "the 15th of every month" before "every month" takes its words.
  scanner.claim(MONTH_DAY_OF_EVERY, (m) => {
    const day = Number(m[1]);
    return day >= 1 && day <= 31 && found(rule('MONTHLY', 1, null, day));
  });
  scanner.claim(EVERY_ORDINAL, (m) => {
    const day = Number(m[1]);
    return day >= 1 && day <= 31 && found(rule('MONTHLY', 1, null, day));
  });
  // Too fast to store ("every 2 minutes", "every 10 seconds") is claimed but asked back.
  const foundMinutes = (r: RecurrenceSpec | null): boolean => {
    if (r === null) spec.unsupported = true;
    return r === null || found(r);
  };
  scanner.claim(EVERY_PART_OF_HOUR, (m) => {
    const [, half, quarter, andA] = m;
    if (andA !== undefined) return foundMinutes(everyMinutes(/^h/i.test(andA) ? 90 : 75));
    return foundMinutes(everyMinutes(half !== undefined ? 30 : quarter !== undefined ? 15 : 0));
  });
  scanner.claim(EVERY, (m) => {
    const [, other, countText, unitText = '', ordinal, onDays] = m;
    const interval = other !== undefined ? 2 : countText !== undefined ? numberValue(countText) : 1;
    if (!(interval > 0)) return false;
    const unit = unitText.toLowerCase();
    if (/^(seconds?|secs?)$/.test(unit)) return foundMinutes(null);
    if (/^(minutes?|mins?)$/.test(unit)) return foundMinutes(everyMinutes(interval));
    // "every 1.5 hours" is every 90 minutes; other units need a whole number.
    if (/^(hours?|hrs?)$/.test(unit))
      return Number.isInteger(interval * 60) && foundMinutes(everyMinutes(interval * 60));
    if (!Number.isInteger(interval)) return false;
    let r: RecurrenceSpec;
    if (/^days?$/.test(unit)) r = rule('DAILY', interval);
    else if (/^weekdays?$/.test(unit)) r = rule('WEEKLY', interval, WORKWEEK);
    else if (/^weekends?$/.test(unit)) r = rule('WEEKLY', interval, WEEKEND);
    else if (/^weeks?$/.test(unit)) r = rule('WEEKLY', interval);
    else if (/^months?$/.test(unit)) r = rule('MONTHLY', interval);
    else if (/^years?$/.test(unit)) r = rule('YEARLY', interval);
    else if (PART_OF_DAY[unit.replace(/s$/, '')] !== undefined) {
      r = rule('DAILY', interval);
      spec.partOfDay = PART_OF_DAY[unit.replace(/s$/, '')] ?? null;
    } else r = rule('WEEKLY', interval, weekdayList(unit));
    return found(withOn(r, ordinal, onDays));
  });

  if (spec.recurrence === null && !spec.unsupported) {
    scanner.claim(ADVERB, (m) => {
      const word = (m[1] ?? '').toLowerCase();
      const base =
        word === 'hourly'
          ? rule('HOURLY')
          : word === 'daily' || word === 'everyday'
            ? rule('DAILY')
            : word === 'weekly'
              ? rule('WEEKLY')
              : word === 'fortnightly' || word === 'biweekly'
                ? rule('WEEKLY', 2)
                : word === 'monthly'
                  ? rule('MONTHLY')
                  : rule('YEARLY');
      return found(withOn(base, m[2], m[3]));
    });
  }
  if (spec.recurrence === null && !spec.unsupported) {
    scanner.claim(PLURAL_DAYS, (m) => {
      const words = (m[1] ?? '').toLowerCase();
      if (words === 'weekdays') return found(rule('WEEKLY', 1, WORKWEEK));
      if (words === 'weekends') return found(rule('WEEKLY', 1, WEEKEND));
      return found(rule('WEEKLY', 1, weekdayList(words)));
    });
  }
}

/**
 * The RRULE text for a spec, in the canonical part order of normalizeRRule (which also
 * validates it), without the INTERVAL=1 it spells out: "FREQ=WEEKLY;BYDAY=TU".
 */
export function toRRule(spec: RecurrenceSpec): string {
  const parts = [`FREQ=${spec.freq}`];
  if (spec.interval !== 1) parts.push(`INTERVAL=${spec.interval}`);
  if (spec.byDay !== null) parts.push(`BYDAY=${spec.byDay.map((d) => CODES[d]).join(',')}`);
  if (spec.byMonthDay !== null) parts.push(`BYMONTHDAY=${spec.byMonthDay}`);
  return normalizeRRule(parts.join(';')).replace(/;INTERVAL=1(?=;|$)/, '');
}
