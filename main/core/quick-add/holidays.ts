// Holidays by name ("on Christmas Eve", "on Thanksgiving", "on Easter Sunday") and the day each
// falls on in a given year. A small table and Easter's computus rather than a holiday library:
// the names people say in a quick-add are few, and they need no country database.
import { setDay } from './day-words';
import type { Scanner } from './scanner';
import type { Holiday, TimeSpec } from './types';

const NAMES: [RegExp, Holiday][] = [
  [/^christmas\s+eve$/, 'christmas-eve'],
  [/^(?:christmas|xmas)(?:\s+day)?$/, 'christmas'],
  [/^boxing\s+day$/, 'boxing-day'],
  [/^new\s+years?'?s?\s+eve$/, 'new-years-eve'],
  [/^new\s+years?'?s?(?:\s+day)?$/, 'new-years-day'],
  [/^valentine'?s?(?:\s+day)?$/, 'valentines'],
  [/^(?:st\.?|saint)\s+patrick'?s?(?:\s+day)?$/, 'st-patricks'],
  [/^(?:independence\s+day|(?:the\s+)?(?:fourth|4th)\s+of\s+july)$/, 'independence-day'],
  [/^hallowe'?en$/, 'halloween'],
  [/^thanksgiving(?:\s+day)?$/, 'thanksgiving'],
  [/^black\s+friday$/, 'black-friday'],
  [/^cyber\s+monday$/, 'cyber-monday'],
  [/^good\s+friday$/, 'good-friday'],
  [/^easter(?:\s+sunday)?$/, 'easter'],
  [/^easter\s+monday$/, 'easter-monday'],
  [/^(?:mother'?s'?\s+day|mothering\s+sunday)$/, 'mothers-day'],
  [/^father'?s'?\s+day$/, 'fathers-day'],
  [/^memorial\s+day$/, 'memorial-day'],
  [/^labou?r\s+day$/, 'labor-day'],
];

/** A holiday's name as written; the words before it ("on", "this") make it a date, not a title word ("Christmas cards"). */
export const HOLIDAY_NAME =
  "(?:christmas\\s+eve|(?:christmas|xmas)(?:\\s+day)?|boxing\\s+day|new\\s+years?'?s?\\s+eve|new\\s+years?'?s?(?:\\s+day)?|" +
  "valentine'?s?(?:\\s+day)?|(?:st\\.?|saint)\\s+patrick'?s?(?:\\s+day)?|independence\\s+day|(?:the\\s+)?(?:fourth|4th)\\s+of\\s+july|" +
  "hallowe'?en|thanksgiving(?:\\s+day)?|black\\s+friday|cyber\\s+monday|good\\s+friday|easter(?:\\s+(?:sunday|monday))?|" +
  "mother'?s'?\\s+day|mothering\\s+sunday|father'?s'?\\s+day|memorial\\s+day|labou?r\\s+day)";

const HOLIDAY = new RegExp(`\\b(?:on|by|until|till|this|next|at)\\s+(?:the\\s+)?(${HOLIDAY_NAME})(?![\\w'])`, 'gi');

/** Zones of the UK and Ireland, where Mother's Day is Mothering Sunday (three weeks before Easter). */
const MOTHERING_SUNDAY_ZONES = /^Europe\/(?:London|Dublin|Belfast|Guernsey|Isle_of_Man|Jersey)$/;

export function readHolidays(scanner: Scanner, spec: TimeSpec): void {
  scanner.claim(HOLIDAY, (m) => {
    const words = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
    const holiday = NAMES.find(([pattern]) => pattern.test(words))?.[1];
    return holiday !== undefined && setDay(spec, { kind: 'holiday', holiday });
  });
}

/** Easter Sunday (Gregorian), by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - Math.floor(b / 4) - g + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return { month: Math.floor(n / 31), day: (n % 31) + 1 };
}

/** Day of the month of the n-th (n = -1: the last) `weekday` (1 = Monday); may run past the month's end for n = 5. */
function weekdayOfMonth(year: number, month: number, weekday: number, n: number): number {
  const daysIn = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const firstWeekday = ((new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7) + 1;
  const first = 1 + ((weekday - firstWeekday + 7) % 7);
  return n > 0 ? first + 7 * (n - 1) : first + 7 * Math.floor((daysIn - first) / 7);
}

/** Day of the month of the n-th (n = -1: the last) `weekday` (1 = Monday), or null when the month has no such day. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): number | null {
  const day = weekdayOfMonth(year, month, weekday, n);
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate() ? day : null;
}

function plusDays(year: number, month: number, day: number, days: number): { month: number; day: number } {
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return { month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The month and day `holiday` falls on in `year`, as kept where `timeZone` is. */
export function holidayDate(holiday: Holiday, year: number, timeZone: string): { month: number; day: number } {
  const easter = easterSunday(year);
  const thanksgiving = weekdayOfMonth(year, 11, 4, 4);
  switch (holiday) {
    case 'christmas-eve':
      return { month: 12, day: 24 };
    case 'christmas':
      return { month: 12, day: 25 };
    case 'boxing-day':
      return { month: 12, day: 26 };
    case 'new-years-eve':
      return { month: 12, day: 31 };
    case 'new-years-day':
      return { month: 1, day: 1 };
    case 'valentines':
      return { month: 2, day: 14 };
    case 'st-patricks':
      return { month: 3, day: 17 };
    case 'independence-day':
      return { month: 7, day: 4 };
    case 'halloween':
      return { month: 10, day: 31 };
    case 'thanksgiving':
      return { month: 11, day: thanksgiving };
    case 'black-friday':
      return plusDays(year, 11, thanksgiving, 1);
    case 'cyber-monday':
      return plusDays(year, 11, thanksgiving, 4);
    case 'good-friday':
      return plusDays(year, easter.month, easter.day, -2);
    case 'easter':
      return easter;
    case 'easter-monday':
      return plusDays(year, easter.month, easter.day, 1);
    case 'mothers-day':
      return MOTHERING_SUNDAY_ZONES.test(timeZone)
        ? plusDays(year, easter.month, easter.day, -21)
        : { month: 5, day: weekdayOfMonth(year, 5, 7, 2) };
    case 'fathers-day':
      return { month: 6, day: weekdayOfMonth(year, 6, 7, 3) };
    case 'memorial-day':
      return { month: 5, day: weekdayOfMonth(year, 5, 1, -1) };
    case 'labor-day':
      return { month: 9, day: weekdayOfMonth(year, 9, 1, 1) };
  }
}
