// Shared vocabulary for the rules: weekday and month names and clock-time reading.
import type { ClockTime, Meridiem, Weekday } from './types';

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

/** Read only where the rules already know a weekday is meant ("Sat, Oct 3"). */
const WEEKEND_ABBREVIATIONS: Record<string, Weekday> = { sat: 6, sun: 7 };

export function weekdayValue(text: string): Weekday | null {
  const word = text.toLowerCase();
  // Plurals ("Tuesdays") and "tues", "thurs", "weds" all lose the s to a known key.
  return WEEKDAYS[word.replace(/s$/, '')] ?? WEEKEND_ABBREVIATIONS[word] ?? null;
}

/** Full weekday names, optionally plural ("Tuesdays"), for recurrence phrases. */
export const WEEKDAY_FULL = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?';

/** am/pm, also the "10a", "12p" shorthand (a lone a/p only right after a digit). */
export const MERIDIEM = '(a\\.?m\\.?|p\\.?m\\.?|(?<=\\d)[ap])';

/** Month names and their abbreviations, for recognising dates left in a phrase. */
export const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

export function monthValue(text: string): number | null {
  const index = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(
    text.toLowerCase().slice(0, 3),
  );
  return index < 0 ? null : index + 1;
}

/** Reads hour, minutes and meridiem as written; null when they are not a clock time. */
export function readClock(
  hourText: string,
  minuteText: string | undefined,
  meridiemText: string | undefined,
  secondText?: string,
): ClockTime | null {
  const hour = Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  if (second > 59) return null;
  const meridiem: Meridiem =
    meridiemText === undefined ? null : meridiemText.toLowerCase().startsWith('a') ? 'am' : 'pm';
  if (minute > 59) return null;
  if (meridiem !== null) return hour >= 1 && hour <= 12 ? { hour, minute, second, meridiem, fixed: false } : null;
  if (hour > 23) return null;
  // "08:00", "0:30" and "17:00" can only be 24-hour times.
  const fixed =
    hour === 0 || hour >= 13 || (minuteText !== undefined && hourText.length === 2 && hourText.startsWith('0'));
  return { hour, minute, second, meridiem, fixed };
}
