// The calendar day a DateSpec names, counted from today in the zone the phrase is read in;
// null when there is no such day ("the fifth Monday of February", "31 April").
import type { DateTime } from 'luxon';
import { holidayDate, nthWeekday } from './holidays';
import type { DateSpec } from './types';

/** The first day from `today` on (this year, else next) with that month and day. */
function nextDate(today: DateTime, dayIn: (year: number) => { month: number; day: number } | null): DateTime | null {
  for (const year of [today.year, today.year + 1]) {
    const date = dayIn(year);
    if (date === null) continue;
    const day = today.set({ year, month: date.month, day: date.day });
    if (day.month === date.month && day >= today) return day;
  }
  return null;
}

function monthDay(today: DateTime, day: number): DateTime | null {
  // This month when the day is still ahead, else the next month that has it.
  for (let m = 0; m < 12; m++) {
    const month = today.startOf('month').plus({ months: m });
    if (day <= (month.daysInMonth ?? 0) && (m > 0 || day >= today.day)) return month.set({ day });
  }
  return null;
}

function nthWeekdayDay(date: Extract<DateSpec, { kind: 'nth-weekday' }>, today: DateTime): DateTime | null {
  const inMonth = (month: DateTime): DateTime | null => {
    const day = nthWeekday(month.year, month.month, date.weekday, date.n);
    return day === null ? null : month.set({ day });
  };
  const thisMonth = today.startOf('month');
  if (date.month !== null) {
    const month = date.month;
    return nextDate(today, (year) => {
      const day = nthWeekday(year, month, date.weekday, date.n);
      return day === null ? null : { month, day };
    });
  }
  if (date.months > 0) return inMonth(thisMonth.plus({ months: date.months }));
  // "the last Friday of the month": this month's while still ahead, else next month's.
  const here = inMonth(thisMonth);
  return here !== null && here >= today ? here : inMonth(thisMonth.plus({ months: 1 }));
}

function monthOffsetDay(date: Extract<DateSpec, { kind: 'month' }>, today: DateTime): DateTime | null {
  const month = today.startOf('month').plus({ months: date.months });
  const last = month.daysInMonth ?? 28;
  if (date.day === 'end') return month.set({ day: last });
  const day = date.day ?? 1;
  return day <= last ? month.set({ day }) : null;
}

export function dayOf(date: DateSpec, today: DateTime): DateTime | null {
  switch (date.kind) {
    case 'offset':
      return today.plus({ days: date.days });
    case 'weekday':
      return today.plus({ days: ((date.weekday - today.weekday + 7) % 7 || 7) + 7 * date.weeksLater });
    case 'next-week':
      return today.startOf('week').plus({ weeks: date.weeks, days: date.weekday - 1 });
    case 'calendar': {
      if (date.year !== null) {
        const day = today.set({ year: date.year, month: date.month, day: date.day });
        return day.day === date.day ? day : null;
      }
      return nextDate(today, () => ({ month: date.month, day: date.day }));
    }
    case 'month-day':
      return monthDay(today, date.day);
    case 'month':
      return monthOffsetDay(date, today);
    case 'nth-weekday':
      return nthWeekdayDay(date, today);
    case 'holiday':
      return nextDate(today, (year) => holidayDate(date.holiday, year, today.zoneName ?? 'UTC'));
  }
}
