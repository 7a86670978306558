// Our own time rules, in the order they must run: spans from "in 10 minutes", time ranges,
// lengths ("for 30 minutes"), clock times, parts of day and day words ("tomorrow", "Monday").
import type { Scanner } from './scanner';
import type { Clock, PartOfDay, RelativeUnit, TimeSpec } from './types';
import { MERIDIEM, NUMBER, WEEKDAY, numberValue, readClock, weekdayValue } from './words';

const UNIT = '(seconds?|secs?|minutes?|mins?|m|hours?|hrs?|h|days?|weeks?)';
const CLOCK = `(\\d{1,2})(?:[:.](\\d{2}))?\\s*${MERIDIEM}?`;

const RELATIVE = new RegExp(
  `\\b(?:in|within)\\s+(?:(half\\s+an?\\s+hour)|(an?\\s+hour\\s+and\\s+a\\s+half)|(${NUMBER})\\s*${UNIT}(\\s+and\\s+a\\s+half)?)\\b` +
    `|\\b(${NUMBER})\\s*${UNIT}\\s+from\\s+now\\b`,
  'gi',
);
const RANGE = new RegExp(
  `\\b(?:(from|between)\\s+)?(?:at\\s+)?${CLOCK}\\s*(-|–|—|to|till|til|until|and)\\s*${CLOCK}(?![\\w:])`,
  'gi',
);
const DURATION = new RegExp(
  `\\bfor\\s+(?:(half\\s+an?\\s+hour)|(an?\\s+hour\\s+and\\s+a\\s+half)|(${NUMBER})\\s*${UNIT})\\b`,
  'gi',
);
const CLOCK_WITH_MERIDIEM = new RegExp(
  `\\b(?:(?:at|by|around)\\s+|@\\s*)?(\\d{1,2})(?:[:.](\\d{2}))?\\s*${MERIDIEM}(?![a-z])`,
  'gi',
);
const CLOCK_24 = /\b(?:(?:at|by|around)\s+|@\s*)?(\d{1,2}):(\d{2})\b(?!:)|\b(?:at|by|around)\s+(\d{1,2})\.(\d{2})\b/gi;
const BARE_HOUR =
  /\b(?:(?:at|by|around)\s+|@\s*)(\d{1,2})(?:\s*o'?clock)?\b(?![.:,/]\d|\s*%)|\b(\d{1,2})\s*o'?clock\b/gi;
const NAMED_TIME = /\b(?:(?:at|by|around)\s+)?(noon|midday|midnight|lunchtime)\b/gi;
const TONIGHT = /\b(?:(?:by|for)\s+)?(tonight|tonite)\b/gi;
const DAY_AND_PART = /\b(this|today|tomorrow|tmrw)\s+(morning|afternoon|evening|night)\b/gi;
const PART_WITH_LEAD = /\b(?:in\s+the|during\s+the|at)\s+(morning|afternoon|evening|night)\b/gi;
const PART_ALONE = /\b(morning|afternoon|evening|night)\b/gi;
const DAY_AFTER_TOMORROW = /\b(?:on\s+)?(?:the\s+)?day\s+after\s+tomorrow\b/gi;
const TOMORROW = /\b(?:(?:by|for|on)\s+)?(?:tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow)\b/gi;
const TODAY = /\b(?:(?:by|for|on|later)\s+)?today\b/gi;
const WEEKEND = /\b(?:(?:on|at|over|for|by)\s+)?(this|the|next)\s+weekend\b/gi;
const NEXT_WEEK = /\b(?:(?:on|by|for)\s+)?next\s+week\b/gi;
const WEEKDAY_WORD = new RegExp(`\\b(?:(?:on|by|for|until|this|next|coming|the)\\s+)*(${WEEKDAY})\\b\\.?`, 'gi');
const PAST =
  /\b(yesterday|ago|last\s+(?:night|week|weekend|month|year|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/i;

const PARTS: Record<string, PartOfDay> = {
  morning: 'morning',
  afternoon: 'afternoon',
  evening: 'evening',
  night: 'night',
  noon: 'noon',
  midday: 'noon',
  lunchtime: 'noon',
  midnight: 'midnight',
};

function unitOf(text: string): RelativeUnit | null {
  const unit = text.toLowerCase();
  if (/^(seconds?|secs?)$/.test(unit)) return 'second';
  if (/^(minutes?|mins?|m)$/.test(unit)) return 'minute';
  if (/^(hours?|hrs?|h)$/.test(unit)) return 'hour';
  if (/^days?$/.test(unit)) return 'day';
  if (/^weeks?$/.test(unit)) return 'week';
  return null;
}

const UNIT_MINUTES: Record<RelativeUnit, number> = { second: 1 / 60, minute: 1, hour: 60, day: 1440, week: 10080 };

/** "half an hour", "an hour and a half", "N unit [and a half]" (capture groups in that order) as an amount and unit. */
function amountOf(
  halfHour: string | undefined,
  hourAndHalf: string | undefined,
  countText: string | undefined,
  unitText: string | undefined,
  andHalf: string | undefined,
): { amount: number; unit: RelativeUnit } | null {
  if (halfHour !== undefined) return { amount: 30, unit: 'minute' };
  if (hourAndHalf !== undefined) return { amount: 90, unit: 'minute' };
  const unit = unitOf(unitText ?? '');
  if (countText === undefined || unit === null) return null;
  const amount = numberValue(countText) + (andHalf !== undefined ? 0.5 : 0);
  if (!(amount > 0)) return null;
  // Fractions of a day or week have no wall-clock meaning; count them in minutes.
  if (!Number.isInteger(amount) && (unit === 'day' || unit === 'week')) {
    return { amount: amount * UNIT_MINUTES[unit], unit: 'minute' };
  }
  return { amount, unit };
}

export function readPast(text: string): boolean {
  return PAST.test(text);
}

export function readRelative(scanner: Scanner, spec: TimeSpec): void {
  scanner.claim(RELATIVE, (m) => {
    const read =
      m[6] !== undefined
        ? amountOf(undefined, undefined, m[6], m[7], undefined)
        : amountOf(m[1], m[2], m[3], m[4], m[5]);
    if (read === null || spec.relative !== null) return false;
    spec.relative = read;
    return true;
  });
}

export function readRange(scanner: Scanner, spec: TimeSpec): void {
  scanner.claim(RANGE, (m) => {
    const [, lead, h1 = '', m1, mer1, joiner = '', h2 = '', m2, mer2] = m;
    const start = readClock(h1, m1, mer1);
    const end = readClock(h2, m2, mer2);
    if (start === null || end === null || spec.range !== null) return false;
    const word = joiner.toLowerCase();
    if (word === 'and' && lead?.toLowerCase() !== 'between') return false;
    // A bare "3-4" could be anything (a count, a score); a time range says so with am/pm,
    // a colon, or "from"/"between".
    const clearlyTimes =
      lead !== undefined || mer1 !== undefined || mer2 !== undefined || m1 !== undefined || m2 !== undefined;
    if (!clearlyTimes) return false;
    spec.range = { start, end };
    return true;
  });
}

export function readDuration(scanner: Scanner, spec: TimeSpec): void {
  scanner.claim(
    DURATION,
    (m) => {
      const read = amountOf(m[1], m[2], m[3], m[4], undefined);
      if (read === null || spec.durationMinutes !== null) return false;
      spec.durationMinutes = Math.round(read.amount * UNIT_MINUTES[read.unit]);
      return spec.durationMinutes > 0;
    },
    'duration',
  );
}

export function readClockTimes(scanner: Scanner, spec: TimeSpec): void {
  const take = (clock: Clock | null): boolean => {
    if (clock === null || spec.time !== null) return false;
    spec.time = clock;
    return true;
  };
  scanner.claim(CLOCK_WITH_MERIDIEM, (m) => take(readClock(m[1] ?? '', m[2], m[3])));
  scanner.claim(CLOCK_24, (m) =>
    take(m[1] !== undefined ? readClock(m[1], m[2], undefined) : readClock(m[3] ?? '', m[4], undefined)),
  );
  scanner.claim(BARE_HOUR, (m) => take(readClock(m[1] ?? m[2] ?? '', undefined, undefined)));
  scanner.claim(NAMED_TIME, (m) => {
    if (spec.partOfDay !== null && spec.time !== null) return false;
    spec.partOfDay = PARTS[(m[1] ?? '').toLowerCase()] ?? null;
    return true;
  });
}

export function readPartsOfDay(scanner: Scanner, spec: TimeSpec): void {
  const take = (word: string | undefined): boolean => {
    const part = PARTS[(word ?? '').toLowerCase()];
    if (part === undefined || (spec.partOfDay !== null && spec.partOfDay !== part)) return false;
    spec.partOfDay = part;
    return true;
  };
  scanner.claim(TONIGHT, () => {
    spec.date ??= { kind: 'offset', days: 0 };
    spec.partOfDay = 'night';
    return true;
  });
  scanner.claim(DAY_AND_PART, (m) => {
    if (!take(m[2])) return false;
    spec.date ??= { kind: 'offset', days: /^t(omorrow|mrw)$/i.test(m[1] ?? '') ? 1 : 0 };
    return true;
  });
  scanner.claim(PART_WITH_LEAD, (m) => take(m[1]));
}

/** A lone "morning" counts only right after another time expression or at the very end ("Monday morning", "call mom this evening"), not in "morning run". */
export function readTrailingParts(scanner: Scanner, spec: TimeSpec): void {
  scanner.claim(PART_ALONE, (m) => {
    const atEnd = /^[\s.!?,]*$/.test(scanner.rest.slice(m.index + m[0].length));
    if (!scanner.followsClaim(m.index) && !atEnd) return false;
    const part = PARTS[(m[1] ?? '').toLowerCase()];
    if (part === undefined || spec.partOfDay !== null) return false;
    spec.partOfDay = part;
    return true;
  });
}

export function readDayWords(scanner: Scanner, spec: TimeSpec): void {
  const setDate = (date: TimeSpec['date']): boolean => {
    if (spec.date !== null) return false;
    spec.date = date;
    return true;
  };
  scanner.claim(DAY_AFTER_TOMORROW, () => setDate({ kind: 'offset', days: 2 }));
  scanner.claim(TOMORROW, () => setDate({ kind: 'offset', days: 1 }));
  scanner.claim(TODAY, () => setDate({ kind: 'offset', days: 0 }));
  scanner.claim(WEEKEND, (m) =>
    (m[1] ?? '').toLowerCase() === 'next'
      ? setDate({ kind: 'next-week', weekday: 6 })
      : setDate({ kind: 'weekday', weekday: 6 }),
  );
  scanner.claim(NEXT_WEEK, () => setDate({ kind: 'next-week', weekday: 1 }));
  scanner.claim(WEEKDAY_WORD, (m) => {
    const weekday = weekdayValue(m[1] ?? '');
    return weekday !== null && setDate({ kind: 'weekday', weekday });
  });
}
