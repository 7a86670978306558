// The next occurrence of a rule after an instant, in the user's zone (DST-correct); the rules
// themselves are in docs/recurrence.md.
//
// Every rule is split into periods (INTERVAL minutes, hours, days, weeks, months or years), numbered
// from the start's period, 0. A plan lists the occurrences after the start in one period and
// counts them before a period without listing, so a rule started years ago jumps straight to
// the period around `after` instead of walking every occurrence since.
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  civilFromDay,
  dayFromCivil,
  daysInMonth,
  uniqueSorted,
  weekdayOfDay,
} from './calendar-days';
import { RecurrenceError } from './recurrence-error';
import { parseRule, type Rule, type Until } from './rrule-parse';
import { anchorOf, type Anchor } from './start-anchor';
import { instantToWall, wallToInstant, type ZoneOffsets } from './zone-offsets';

/** Largest instant a Date can hold; beyond it a rule has no representable occurrences. */
const MAX_TIME_MS = 8.64e15;
/**
 * How many periods to scan past the first candidate before concluding the rule never fires
 * again. 4800 months is the 400-year Gregorian cycle, so a MONTHLY or YEARLY rule that has no
 * occurrence within it (e.g. every 12 months on the 30th, from February) has none at all.
 */
const MAX_SCAN_PERIODS = 4800;

interface Plan {
  /** First period that can hold an occurrence after the wall time `afterWall`. */
  firstPeriod(afterMs: number, afterWall: number): number;
  /** Instants, ascending, of the occurrences in period p that come after the start. */
  occurrences(p: number): number[];
  /** Occurrences before period p, the start included; used only with COUNT. */
  countBefore(p: number): number;
  /** No occurrence in period p or later is earlier than this instant. */
  lowerBound(p: number): number;
}

/** First occurrence strictly after `after`, counting from `start` (ISO 8601 with offset, the first occurrence) in IANA `timeZone`; null when the rule has ended (COUNT/UNTIL). */
export function occurrenceAfter(rrule: string, start: string, timeZone: string, after: Date): Date | null {
  const rule = parseRule(rrule);
  const anchor = anchorOf(start, timeZone);
  const afterMs = after instanceof Date ? after.getTime() : NaN;
  if (Number.isNaN(afterMs)) throw new RecurrenceError('occurrenceAfter needs a valid Date for "after".');
  if (afterMs < anchor.ms) return new Date(anchor.ms);

  const plan = planFor(rule, anchor);
  const limit = untilLimit(rule.until, anchor.zone);
  let p = Math.max(0, plan.firstPeriod(afterMs, instantToWall(anchor.zone, afterMs)));
  let seen = rule.count === null ? 0 : plan.countBefore(p);
  for (let scanned = 0; scanned < MAX_SCAN_PERIODS; scanned++, p++) {
    const bound = plan.lowerBound(p);
    if (bound > limit || bound > MAX_TIME_MS) return null;
    for (const ms of plan.occurrences(p)) {
      if (rule.count !== null && seen >= rule.count) return null;
      seen++;
      if (ms > limit) return null;
      if (ms > afterMs) return new Date(ms);
    }
  }
  return null;
}

function planFor(rule: Rule, anchor: Anchor): Plan {
  switch (rule.freq) {
    case 'MINUTELY':
      return elapsedPlan(rule.interval * MINUTE_MS, anchor);
    case 'HOURLY':
      return elapsedPlan(rule.interval * HOUR_MS, anchor);
    case 'DAILY':
      return dailyPlan(rule, anchor);
    case 'WEEKLY':
      return weeklyPlan(rule, anchor);
    case 'MONTHLY':
      return monthlyPlan(rule, anchor);
    case 'YEARLY':
      return yearlyPlan(rule, anchor);
  }
}

/** The last instant UNTIL allows; the date form includes that whole local day. */
function untilLimit(until: Until | null, zone: ZoneOffsets): number {
  if (until === null) return Infinity;
  if (until.kind === 'instant') return until.ms;
  return wallToInstant(zone, (until.day + 1) * DAY_MS) - 1;
}

function at(anchor: Anchor, day: number): number {
  return wallToInstant(anchor.zone, day * DAY_MS + anchor.timeOfDayMs);
}

/** MINUTELY and HOURLY count real elapsed time from the start, so a DST change moves no occurrence. */
function elapsedPlan(step: number, anchor: Anchor): Plan {
  return {
    firstPeriod: (afterMs) => Math.floor((afterMs - anchor.ms) / step),
    occurrences: (p) => (p === 0 ? [] : [anchor.ms + p * step]),
    countBefore: (p) => Math.max(1, p),
    lowerBound: (p) => anchor.ms + p * step,
  };
}

function dailyPlan(rule: Rule, anchor: Anchor): Plan {
  const { interval } = rule;
  const days = rule.byDay === null ? null : new Set(rule.byDay);
  const matches = (p: number): boolean => days === null || days.has(weekdayOfDay(anchor.day + p * interval));
  // Which periods match repeats every 7 periods, so counting is a few multiplications.
  const matchingIn = (from: number, to: number): number => {
    let n = 0;
    for (let p = from; p <= to; p++) if (matches(p)) n++;
    return n;
  };
  const perCycle = matchingIn(1, 7);
  return {
    // One day of slack: a wall time pushed across midnight by a gap still lands in its period.
    firstPeriod: (_afterMs, afterWall) => Math.floor((Math.floor(afterWall / DAY_MS) - 1 - anchor.day) / interval),
    occurrences: (p) => (p > 0 && matches(p) ? [at(anchor, anchor.day + p * interval)] : []),
    countBefore: (p) => {
      const periods = p - 1;
      if (periods <= 0) return 1;
      return 1 + Math.floor(periods / 7) * perCycle + matchingIn(1, periods % 7);
    },
    lowerBound: (p) => (anchor.day + p * interval - 1) * DAY_MS,
  };
}

function weeklyPlan(rule: Rule, anchor: Anchor): Plan {
  const weekdays = rule.byDay ?? [weekdayOfDay(anchor.day)];
  const monday0 = anchor.day - weekdayOfDay(anchor.day);
  const stride = 7 * rule.interval;
  const inFirstWeek = weekdays.filter((w) => monday0 + w > anchor.day).length;
  return {
    firstPeriod: (_afterMs, afterWall) => Math.floor((Math.floor(afterWall / DAY_MS) - 1 - monday0) / stride),
    occurrences: (p) => {
      const monday = monday0 + p * stride;
      const out: number[] = [];
      for (const w of weekdays) if (monday + w > anchor.day) out.push(at(anchor, monday + w));
      return out;
    },
    countBefore: (p) => (p <= 0 ? 1 : 1 + inFirstWeek + (p - 1) * weekdays.length),
    lowerBound: (p) => (monday0 + p * stride - 1) * DAY_MS,
  };
}

function monthlyPlan(rule: Rule, anchor: Anchor): Plan {
  const startDate = civilFromDay(anchor.day);
  const month0 = startDate.year * 12 + startDate.month - 1;
  const wanted = rule.byMonthDay ?? [startDate.day];
  const monthOf = (p: number): { year: number; month: number; length: number } => {
    const monthIndex = month0 + p * rule.interval;
    const year = Math.floor(monthIndex / 12);
    const month = monthIndex - year * 12 + 1;
    return { year, month, length: daysInMonth(year, month) };
  };
  /** Days of month of the occurrences in period p after the start, ascending. */
  const daysOf = (p: number, length: number): number[] => {
    const resolved = uniqueSorted(wanted.map((d) => (d === -1 ? length : d)).filter((d) => d <= length));
    return p === 0 ? resolved.filter((d) => d > startDate.day) : resolved;
  };
  // After period 0, how many occurrences a month holds depends only on its length.
  const perLength = new Map([28, 29, 30, 31].map((length) => [length, daysOf(1, length).length]));
  return {
    firstPeriod: (_afterMs, afterWall) => {
      const { year, month } = civilFromDay(Math.floor(afterWall / DAY_MS) - 1);
      return Math.floor((year * 12 + month - 1 - month0) / rule.interval);
    },
    occurrences: (p) => {
      const { year, month, length } = monthOf(p);
      const firstDay = dayFromCivil(year, month, 1);
      return daysOf(p, length).map((d) => at(anchor, firstDay + d - 1));
    },
    // Month lengths vary, so this walks the months, but only as lengths, never as instants.
    countBefore: (p) => {
      if (p <= 0) return 1;
      let n = 1 + daysOf(0, monthOf(0).length).length;
      for (let q = 1; q < p; q++) n += perLength.get(monthOf(q).length) ?? 0;
      return n;
    },
    lowerBound: (p) => {
      const { year, month } = monthOf(p);
      return (dayFromCivil(year, month, 1) - 1) * DAY_MS;
    },
  };
}

function yearlyPlan(rule: Rule, anchor: Anchor): Plan {
  const { year: year0, month, day } = civilFromDay(anchor.day);
  const exists = (p: number): boolean => day <= daysInMonth(year0 + p * rule.interval, month);
  const alwaysExists = !(month === 2 && day === 29);
  return {
    firstPeriod: (_afterMs, afterWall) =>
      Math.floor((civilFromDay(Math.floor(afterWall / DAY_MS) - 1).year - year0) / rule.interval),
    occurrences: (p) => (p > 0 && exists(p) ? [at(anchor, dayFromCivil(year0 + p * rule.interval, month, day))] : []),
    countBefore: (p) => {
      if (p <= 1) return 1;
      if (alwaysExists) return p;
      let n = 1;
      for (let q = 1; q < p; q++) if (exists(q)) n++;
      return n;
    },
    lowerBound: (p) => (dayFromCivil(year0 + p * rule.interval, month, 1) - 1) * DAY_MS,
  };
}
