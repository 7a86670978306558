// Our own time rules, in the order they must run: spans from "in 10 minutes", time ranges,
// lengths ("for 30 minutes"), clock times and parts of day.
import { AMOUNT, amountValue, minutesOf } from './amounts';
import type { Scanner } from './scanner';
import type { ClockTime, PartOfDay, TimeSpec } from './types';
import { MERIDIEM, readClock } from './words';

const CLOCK = `(\\d{1,2})(?:[:.](\\d{2}))?\\s*${MERIDIEM}?`;

const RELATIVE = new RegExp(
  `\\b(?:in|within)\\s+(${AMOUNT})\\b|\\b(${AMOUNT})\\s+(?:from\\s+now|hence|later)\\b`,
  'gi',
);
const RANGE = new RegExp(
  `\\b(?:(from|between)\\s+)?(?:at\\s+)?${CLOCK}\\s*(-|–|—|to|till|til|until|and)\\s*${CLOCK}(?![\\w:])`,
  'gi',
);
const DURATION = new RegExp(`\\bfor\\s+(${AMOUNT})\\b`, 'gi');
const CLOCK_WITH_MERIDIEM = new RegExp(
  `\\b(?:(?:at|by|around)\\s+|@\\s*)?(\\d{1,2})(?:[:.](\\d{2}))?\\s*${MERIDIEM}(?![a-z])`,
  'gi',
);
const CLOCK_WITH_MERIDIEM_SECONDS = new RegExp(
  `\\b(?:(?:at|by|around)\\s+|@\\s*)?(\\d{1,2}):(\\d{2}):(\\d{2})\\s*${MERIDIEM}?(?![a-z:])`,
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
// "last Friday" is the past, "the last Friday of the month" is not.
const PAST =
  /\b(yesterday|ago|last\s+(?:night|week|weekend|month|year|time|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?!\s+(?:of|in)\b)))\b/i;

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

export function readPast(text: string): boolean {
  return PAST.test(text);
}

export function readRelative(scanner: Scanner, spec: TimeSpec): void {
  scanner.claim(RELATIVE, (m) => {
    const read = amountValue(m[1] ?? m[2] ?? '');
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
      const read = amountValue(m[1] ?? '');
      if (read === null || spec.durationMinutes !== null) return false;
      spec.durationMinutes = minutesOf(read);
      return spec.durationMinutes > 0;
    },
    'duration',
  );
}

export function readClockTimes(scanner: Scanner, spec: TimeSpec): void {
  const take = (clock: ClockTime | null): boolean => {
    if (clock === null || spec.time !== null) return false;
    spec.time = clock;
    return true;
  };
  scanner.claim(CLOCK_WITH_MERIDIEM_SECONDS, (m) => take(readClock(m[1] ?? '', m[2], m[4], m[3])));
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
