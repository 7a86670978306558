// Shared vocabulary for the rules: number words, weekday names and clock-time reading.
import type { Clock, Meridiem, Weekday } from './types';

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  'forty-five': 45,
  'forty five': 45,
  sixty: 60,
  ninety: 90,
  'a couple of': 2,
  'a couple': 2,
};

/** Alternation for regexes: digits (with an optional decimal part) or a number word. */
export const NUMBER = `(?:\\d+(?:\\.\\d+)?|${Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;

export function numberValue(text: string): number {
  const word = NUMBER_WORDS[text.toLowerCase().replace(/\s+/g, ' ')];
  return word ?? Number(text);
}

const WEEKDAYS: Record<string, Weekday> = {
  monday: 1,
  mon: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  wednesday: 3,
  wed: 3,
  weds: 3,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sunday: 7,
};

/** Weekday names and the abbreviations that are not also ordinary words ("sat", "sun" are). */
export const WEEKDAY = `(?:${Object.keys(WEEKDAYS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;

export function weekdayValue(text: string): Weekday | null {
  // Plurals ("Tuesdays") and "tues", "thurs", "weds" all lose the s to a known key.
  return WEEKDAYS[text.toLowerCase().replace(/s$/, '')] ?? null;
}

/** Full weekday names, optionally plural ("Tuesdays"), for recurrence phrases. */
export const WEEKDAY_FULL = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?';

export const MERIDIEM = '(a\\.?m\\.?|p\\.?m\\.?)';

/** Reads hour, minutes and meridiem as written; null when they are not a clock time. */
export function readClock(
  hourText: string,
  minuteText: string | undefined,
  meridiemText: string | undefined,
): Clock | null {
  const hour = Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  const meridiem: Meridiem =
    meridiemText === undefined ? null : meridiemText.toLowerCase().startsWith('a') ? 'am' : 'pm';
  if (minute > 59) return null;
  if (meridiem !== null) return hour >= 1 && hour <= 12 ? { hour, minute, meridiem, fixed: false } : null;
  if (hour > 23) return null;
  // "08:00", "0:30" and "17:00" can only be 24-hour times.
  const fixed =
    hour === 0 || hour >= 13 || (minuteText !== undefined && hourText.length === 2 && hourText.startsWith('0'));
  return { hour, minute, meridiem, fixed };
}
