// Days named by their place in a month: "the second Wednesday of March", "the last Friday of
// the month", "next month", "the end of the month", "the 15th of next month".
import { setDay } from './day-words';
import type { Scanner } from './scanner';
import type { TimeSpec } from './types';
import { MONTH, WEEKDAY, monthValue, weekdayValue } from './words';

const ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  fifth: 5,
  '5th': 5,
  last: -1,
};
const ORDINAL = `(${Object.keys(ORDINALS).join('|')})`;
const WHICH_MONTH = `(?:(the|this|next)\\s+month|(${MONTH}))`;

const NTH_WEEKDAY = new RegExp(
  `\\b(?:(?:on|by|for)\\s+)?(?:the\\s+)?${ORDINAL}\\s+(${WEEKDAY})\\s+(?:of|in)\\s+${WHICH_MONTH}\\b`,
  'gi',
);
const MONTH_END =
  /\b(?:(?:at|by|before|until|on|for)\s+)?(?:the\s+)?end\s+of\s+(?:(?:the|this)\s+)?(next\s+)?month\b/gi;
const DAY_OF_NEXT_MONTH = /\b(?:(?:on|by|for)\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\s+of\s+next\s+month\b/gi;
const NEXT_MONTH = /\b(?:(?:on|by|for|in|during)\s+)?next\s+month\b/gi;

export function readMonthDates(scanner: Scanner, spec: TimeSpec): void {
  scanner.claim(NTH_WEEKDAY, (m) => {
    const n = ORDINALS[(m[1] ?? '').toLowerCase()];
    const weekday = weekdayValue(m[2] ?? '');
    const relative = (m[3] ?? '').toLowerCase();
    const month = m[4] === undefined ? null : monthValue(m[4]);
    if (n === undefined || weekday === null) return false;
    return setDay(spec, { kind: 'nth-weekday', n, weekday, month, months: relative === 'next' ? 1 : 0 });
  });
  scanner.claim(MONTH_END, (m) => setDay(spec, { kind: 'month', months: m[1] === undefined ? 0 : 1, day: 'end' }));
  scanner.claim(DAY_OF_NEXT_MONTH, (m) => {
    const day = Number(m[1]);
    return day >= 1 && day <= 31 && setDay(spec, { kind: 'month', months: 1, day });
  });
  scanner.claim(NEXT_MONTH, () => setDay(spec, { kind: 'month', months: 1, day: null }));
}
