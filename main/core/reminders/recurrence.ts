// Recurrence: parses the RRULE subset Aide supports, finds the next occurrence in the user's
// zone (DST-correct), describes a rule in words, and formats instants as ISO 8601 with offset.
//
// Semantics (docs/recurrence.md says the same at more length):
// - FREQ = HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY; INTERVAL (default 1); BYDAY for WEEKLY and
//   DAILY (MO..SU, no ordinals); BYMONTHDAY for MONTHLY (1..31, -1 = last day); COUNT; UNTIL
//   (20261231T235959Z or 20261231, the latter inclusive of that whole local day). WKST is
//   accepted and dropped: weeks start on Monday. Anything else throws RecurrenceError.
// - `start` is occurrence 1 whether or not it matches the rule; COUNT counts it.
// - The time of day, the weekday (WEEKLY without BYDAY), the day of month (MONTHLY without
//   BYMONTHDAY) and the date (YEARLY) come from `start`, read in the zone.
// - Wall-clock times are kept across DST. A wall time inside a spring-forward gap moves forward
//   by the gap (02:30 → 03:30); an ambiguous one (fall-back) takes the earlier, summer-time
//   instant. HOURLY counts real elapsed hours instead.
// - Days that do not exist are skipped, not clamped (RFC 5545): the 31st skips 30-day months,
//   29 February skips non-leap years. BYMONTHDAY=-1 is the last day of every month.
import { IANAZone } from 'luxon';

export class RecurrenceError extends Error {
  override name = 'RecurrenceError';
}

type Freq = 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

/** UNTIL as written: an instant (UTC form) or a local calendar day (date form). */
type Until = { kind: 'instant'; ms: number; text: string } | { kind: 'day'; day: number; text: string };

interface Rule {
  freq: Freq;
  interval: number;
  /** Weekdays, Monday = 0, sorted and unique; null when absent. */
  byDay: number[] | null;
  /** 1..31 and -1, sorted and unique; null when absent. */
  byMonthDay: number[] | null;
  count: number | null;
  until: Until | null;
}

const FREQS: readonly Freq[] = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const ALL_WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const SUPPORTED_PARTS =
  'Supported: FREQ (HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL.';

const SECOND_MS = 1000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Largest instant a Date can hold; beyond it a rule has no representable occurrences. */
const MAX_TIME_MS = 8.64e15;
/**
 * How many periods to scan past the first candidate before concluding the rule never fires
 * again. 4800 months is the 400-year Gregorian cycle, so a MONTHLY or YEARLY rule that has no
 * occurrence within it (e.g. every 12 months on the 30th, from February) has none at all.
 */
const MAX_SCAN_PERIODS = 4800;

// ---------------------------------------------------------------------------------------------
// Parsing

function parseRule(input: string): Rule {
  if (typeof input !== 'string' || input.trim() === '') {
    throw new RecurrenceError('The recurrence rule is empty. Expected something like "FREQ=WEEKLY;BYDAY=MO,WE".');
  }
  const body = input.trim().replace(/^RRULE:/i, '');
  const values = new Map<string, string>();
  for (const rawPart of body.split(';')) {
    const part = rawPart.trim();
    if (part === '') continue; // a trailing ";" is harmless
    const eq = part.indexOf('=');
    if (eq <= 0) {
      throw new RecurrenceError(`Cannot read the RRULE part "${part}": expected NAME=VALUE, e.g. "FREQ=DAILY".`);
    }
    const name = part.slice(0, eq).trim().toUpperCase();
    const value = part
      .slice(eq + 1)
      .trim()
      .toUpperCase();
    if (!['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL', 'WKST'].includes(name)) {
      throw new RecurrenceError(`Unsupported RRULE part "${name}". ${SUPPORTED_PARTS}`);
    }
    if (values.has(name)) throw new RecurrenceError(`The RRULE part "${name}" appears twice; give it once.`);
    if (value === '') throw new RecurrenceError(`The RRULE part "${name}" has no value.`);
    values.set(name, value);
  }

  const freqText = values.get('FREQ');
  if (freqText === undefined) {
    throw new RecurrenceError('The RRULE has no FREQ. Add one of FREQ=HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY.');
  }
  const freq = FREQS.find((f) => f === freqText);
  if (freq === undefined) {
    throw new RecurrenceError(`Unsupported FREQ "${freqText}". Supported: HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY.`);
  }

  const interval = parsePositive(values.get('INTERVAL') ?? '1', 'INTERVAL', 9999);
  const count = values.has('COUNT') ? parsePositive(values.get('COUNT') ?? '', 'COUNT', 999_999) : null;

  const wkst = values.get('WKST');
  if (wkst !== undefined && !(WEEKDAY_CODES as readonly string[]).includes(wkst)) {
    throw new RecurrenceError(`WKST "${wkst}" is not a weekday. Use MO, TU, WE, TH, FR, SA or SU.`);
  }

  let byDay: number[] | null = null;
  const byDayText = values.get('BYDAY');
  if (byDayText !== undefined) {
    if (freq !== 'WEEKLY' && freq !== 'DAILY') {
      throw new RecurrenceError(`BYDAY is supported only with FREQ=WEEKLY or FREQ=DAILY, not FREQ=${freq}.`);
    }
    byDay = uniqueSorted(byDayText.split(',').map((token) => parseWeekday(token.trim())));
  }

  let byMonthDay: number[] | null = null;
  const byMonthDayText = values.get('BYMONTHDAY');
  if (byMonthDayText !== undefined) {
    if (freq !== 'MONTHLY') {
      throw new RecurrenceError(`BYMONTHDAY is supported only with FREQ=MONTHLY, not FREQ=${freq}.`);
    }
    byMonthDay = uniqueSorted(byMonthDayText.split(',').map((token) => parseMonthDay(token.trim())));
    // -1 sorts first numerically; the canonical text lists it last, after the fixed days.
    if (byMonthDay[0] === -1) byMonthDay = [...byMonthDay.slice(1), -1];
  }

  const untilText = values.get('UNTIL');
  const until = untilText === undefined ? null : parseUntil(untilText);
  if (until !== null && count !== null) {
    throw new RecurrenceError('COUNT and UNTIL cannot be used together (RFC 5545); keep one of them.');
  }

  return { freq, interval, byDay, byMonthDay, count, until };
}

function parsePositive(text: string, name: string, max: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= max)) {
    throw new RecurrenceError(`${name} must be a whole number from 1 to ${max}, not "${text}".`);
  }
  return n;
}

function parseWeekday(token: string): number {
  const index = (WEEKDAY_CODES as readonly string[]).indexOf(token);
  if (index >= 0) return index;
  if (/^[+-]?\d+[A-Z]{2}$/.test(token)) {
    throw new RecurrenceError(
      `BYDAY "${token}" (a numbered weekday) is not supported. Use plain weekdays MO, TU, WE, TH, FR, SA, SU.`,
    );
  }
  throw new RecurrenceError(
    `BYDAY "${token}" is not a weekday. Use MO, TU, WE, TH, FR, SA or SU, separated by commas.`,
  );
}

function parseMonthDay(token: string): number {
  const n = /^-?\d{1,2}$/.test(token) ? Number(token) : NaN;
  if (n === -1 || (n >= 1 && n <= 31)) return n;
  throw new RecurrenceError(
    `BYMONTHDAY "${token}" is not supported. Use 1 to 31, or -1 for the last day of the month.`,
  );
}

function parseUntil(text: string): Until {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(text);
  const fail = (): never => {
    throw new RecurrenceError(
      `UNTIL "${text}" is not a valid date. Use the UTC form 20261231T235959Z or the date form 20261231.`,
    );
  };
  if (match === null) return fail();
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const day = dayFromCivil(y, mo, d);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return fail();
  if (match[4] === undefined) return { kind: 'day', day, text };
  if (h > 23 || mi > 59 || s > 59) return fail();
  return { kind: 'instant', ms: day * DAY_MS + h * HOUR_MS + mi * MINUTE_MS + s * SECOND_MS, text };
}

function uniqueSorted(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function formatRule(rule: Rule): string {
  const parts = [`FREQ=${rule.freq}`, `INTERVAL=${rule.interval}`];
  if (rule.byDay !== null) parts.push(`BYDAY=${rule.byDay.map((d) => WEEKDAY_CODES[d]).join(',')}`);
  if (rule.byMonthDay !== null) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.count !== null) parts.push(`COUNT=${rule.count}`);
  if (rule.until !== null) parts.push(`UNTIL=${rule.until.text}`);
  return parts.join(';');
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian).

function dayFromCivil(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function civilFromDay(day: number): { year: number; month: number; day: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return MONTH_LENGTHS[month - 1] ?? 31;
}

/** Monday = 0 … Sunday = 6; 1970-01-01 was a Thursday. */
function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

// ---------------------------------------------------------------------------------------------
// Zone offsets.
//
// Luxon's IANAZone.offset is the source of truth but costs several microseconds per call
// (Intl formatToParts), and occurrenceAfter runs for every item at start-up. So offsets are
// cached per week-long block: a block whose two ends share an offset is taken to have it
// throughout (zones never change twice within a week); a block that contains a transition
// stores the transition, found once by bisection to the second.

type Block = number | { at: number; before: number; after: number };

const BLOCK_MS = 7 * DAY_MS;
const MAX_CACHED_BLOCKS = 100_000;

class ZoneOffsets {
  private readonly edges = new Map<number, number>();
  private readonly blocks = new Map<number, Block>();

  constructor(private readonly zone: IANAZone) {}

  /** The zone's offset from UTC in minutes at `ms`. */
  offset(ms: number): number {
    const index = Math.floor(ms / BLOCK_MS);
    let block = this.blocks.get(index);
    if (block === undefined) {
      if (this.blocks.size >= MAX_CACHED_BLOCKS) {
        this.blocks.clear();
        this.edges.clear();
      }
      block = this.loadBlock(index);
      this.blocks.set(index, block);
    }
    if (typeof block === 'number') return block;
    return ms < block.at ? block.before : block.after;
  }

  private loadBlock(index: number): Block {
    const before = this.edge(index);
    const after = this.edge(index + 1);
    if (before === after) return before;
    let lo = (index * BLOCK_MS) / SECOND_MS;
    let hi = ((index + 1) * BLOCK_MS) / SECOND_MS;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.zone.offset(mid * SECOND_MS) === before) lo = mid;
      else hi = mid;
    }
    return { at: hi * SECOND_MS, before, after };
  }

  private edge(index: number): number {
    let offset = this.edges.get(index);
    if (offset === undefined) {
      offset = this.zone.offset(index * BLOCK_MS);
      this.edges.set(index, offset);
    }
    return offset;
  }
}

const zoneCache = new Map<string, ZoneOffsets>();

function zoneOffsets(timeZone: string): ZoneOffsets {
  let cached = zoneCache.get(timeZone);
  if (cached === undefined) {
    if (!isValidTimeZone(timeZone)) {
      throw new RecurrenceError(`Unknown time zone "${timeZone}". Use an IANA name such as "Europe/Berlin".`);
    }
    cached = new ZoneOffsets(IANAZone.create(timeZone));
    zoneCache.set(timeZone, cached);
  }
  return cached;
}

/**
 * The instant of a wall-clock time (ms since the epoch as if the wall time were UTC).
 * Gap: shift forward by the gap. Ambiguous: the earlier instant. Luxon resolves ambiguous times
 * to the later instant, so this is done here, explicitly, on the offsets either side.
 */
function wallToInstant(zone: ZoneOffsets, wallMs: number): number {
  const before = zone.offset(wallMs - DAY_MS);
  const after = zone.offset(wallMs + DAY_MS);
  if (before === after) return wallMs - before * MINUTE_MS;
  // The larger offset gives the earlier instant; take the first that reads back as this wall time.
  for (const offset of before > after ? [before, after] : [after, before]) {
    const candidate = wallMs - offset * MINUTE_MS;
    if (zone.offset(candidate) === offset) return candidate;
  }
  // In the gap: reading the wall time with the pre-transition offset lands after the jump,
  // later by exactly the gap's length.
  return wallMs - before * MINUTE_MS;
}

function instantToWall(zone: ZoneOffsets, ms: number): number {
  return ms + zone.offset(ms) * MINUTE_MS;
}

// ---------------------------------------------------------------------------------------------
// Start

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Parses ISO 8601 with offset; without an offset the time is read in the zone. */
function parseStart(start: string, zone: ZoneOffsets): number {
  const match = typeof start === 'string' ? ISO_PATTERN.exec(start.trim()) : null;
  const fail = (): never => {
    throw new RecurrenceError(`Start "${start}" is not an ISO 8601 date-time, e.g. "2026-03-29T09:00:00+02:00".`);
  };
  if (match === null) return fail();
  const field = (i: number): number => Number(match[i] ?? '0');
  const [y, mo, d, h, mi, s] = [field(1), field(2), field(3), field(4), field(5), field(6)];
  const ms = Math.floor(Number(`0.${match[7] ?? '0'}`) * 1000);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return fail();
  const wall = dayFromCivil(y, mo, d) * DAY_MS + h * HOUR_MS + mi * MINUTE_MS + s * SECOND_MS + ms;
  const offsetText = match[8];
  if (offsetText === undefined) return wallToInstant(zone, wall);
  if (offsetText.toUpperCase() === 'Z') return wall;
  const digits = offsetText.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return wall - (offsetText[0] === '-' ? -offsetMinutes : offsetMinutes) * MINUTE_MS;
}

/** The start read in the zone: everything the rule borrows from it. */
interface Anchor {
  zone: ZoneOffsets;
  ms: number;
  day: number;
  timeOfDayMs: number;
}

function anchorOf(start: string, timeZone: string): Anchor {
  const zone = zoneOffsets(timeZone);
  const ms = parseStart(start, zone);
  const wall = instantToWall(zone, ms);
  const day = Math.floor(wall / DAY_MS);
  return { zone, ms, day, timeOfDayMs: wall - day * DAY_MS };
}

// ---------------------------------------------------------------------------------------------
// Occurrences
//
// Every rule is split into periods (INTERVAL hours, days, weeks, months or years), numbered
// from the start's period, 0. A plan lists the occurrences after the start in one period and
// counts them before a period without listing, so a rule started years ago jumps straight to
// the period around `after` instead of walking every occurrence since.

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

function at(anchor: Anchor, day: number): number {
  return wallToInstant(anchor.zone, day * DAY_MS + anchor.timeOfDayMs);
}

function hourlyPlan(rule: Rule, anchor: Anchor): Plan {
  const step = rule.interval * HOUR_MS;
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

function planFor(rule: Rule, anchor: Anchor): Plan {
  switch (rule.freq) {
    case 'HOURLY':
      return hourlyPlan(rule, anchor);
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

// ---------------------------------------------------------------------------------------------
// Public API

/** Parses and normalises an RFC 5545 RRULE (with or without the "RRULE:" prefix, any case, any part order); throws RecurrenceError. Returns the canonical text, e.g. "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE". */
export function normalizeRRule(rrule: string): string {
  return formatRule(parseRule(rrule));
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

/** The rule in words in English, e.g. "every day at 17:00", "every weekday at 09:00", "every Monday and Wednesday at 18:30", "every 2 weeks on Friday at 08:00", "every month on the 31st at 10:00 (skips shorter months)", "on the last day of every month at 10:00", "every 3 hours", "every year on 5 March at 09:00". */
export function describeRecurrence(rrule: string, start: string, timeZone: string): string {
  const rule = parseRule(rrule);
  const anchor = anchorOf(start, timeZone);
  const time = `at ${clockText(anchor.timeOfDayMs)}`;
  const every = (unit: string): string => (rule.interval === 1 ? `every ${unit}` : `every ${rule.interval} ${unit}s`);
  const startDate = civilFromDay(anchor.day);
  let text: string;
  switch (rule.freq) {
    case 'HOURLY':
      text = every('hour');
      break;
    case 'DAILY': {
      const days = rule.byDay ?? ALL_WEEKDAYS;
      if (days.length === 7) text = `${every('day')} ${time}`;
      else if (rule.interval === 1) text = `every ${weekdaysText(days)} ${time}`;
      else text = `${every('day')} ${time}, only on ${joinWords(weekdayNames(days), 'or')}`;
      break;
    }
    case 'WEEKLY': {
      const days = rule.byDay ?? [weekdayOfDay(anchor.day)];
      if (rule.interval === 1) text = `every ${weekdaysText(days)} ${time}`;
      else if (days.length === 7) text = `${every('week')}, every day of the week, ${time}`;
      else if (isWorkWeek(days)) text = `${every('week')} on weekdays ${time}`;
      else text = `${every('week')} on ${joinWords(weekdayNames(days), 'and')} ${time}`;
      break;
    }
    case 'MONTHLY': {
      const days = rule.byMonthDay ?? [startDate.day];
      if (days.length === 1 && days[0] === -1) {
        text = `on the last day of ${every('month')} ${time}`;
      } else {
        const names = days.map((d) => (d === -1 ? 'last day' : `${d}${ordinalSuffix(d)}`));
        const skips = days.some((d) => d >= 29) ? ' (skips shorter months)' : '';
        text = `${every('month')} on the ${joinWords(names, 'and')} ${time}${skips}`;
      }
      break;
    }
    case 'YEARLY': {
      const leapOnly = startDate.month === 2 && startDate.day === 29 ? ' (skips non-leap years)' : '';
      text = `${every('year')} on ${startDate.day} ${MONTH_NAMES[startDate.month - 1]} ${time}${leapOnly}`;
      break;
    }
  }
  if (rule.count !== null) text += rule.count === 1 ? ', once' : `, ${rule.count} times`;
  if (rule.until !== null) {
    const lastDay =
      rule.until.kind === 'day' ? rule.until.day : Math.floor(instantToWall(anchor.zone, rule.until.ms) / DAY_MS);
    const d = civilFromDay(lastDay);
    text += `, until ${d.day} ${MONTH_NAMES[d.month - 1]} ${d.year}`;
  }
  return text;
}

/** Formats a Date as ISO 8601 with the zone's offset at that instant, seconds precision, e.g. "2026-03-29T09:00:00+02:00". */
export function toZonedIso(date: Date, timeZone: string): string {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (Number.isNaN(ms)) throw new RecurrenceError('toZonedIso needs a valid Date.');
  const zone = zoneOffsets(timeZone);
  const seconds = Math.floor(ms / SECOND_MS) * SECOND_MS;
  // Historical local mean times have offsets with seconds; ISO 8601 offsets stop at minutes.
  const offset = Math.round(zone.offset(seconds));
  const local = new Date(seconds + offset * MINUTE_MS).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** True when `timeZone` is a valid IANA zone. */
export function isValidTimeZone(timeZone: string): boolean {
  // IANAZone caches each name, so repeated checks do not build a new Intl formatter each time.
  return typeof timeZone === 'string' && timeZone !== '' && IANAZone.create(timeZone).isValid;
}

// ---------------------------------------------------------------------------------------------
// Words

function clockText(timeOfDayMs: number): string {
  const totalSeconds = Math.floor(timeOfDayMs / SECOND_MS);
  const hh = pad2(Math.floor(totalSeconds / 3600));
  const mm = pad2(Math.floor(totalSeconds / 60) % 60);
  const ss = totalSeconds % 60;
  return ss === 0 ? `${hh}:${mm}` : `${hh}:${mm}:${pad2(ss)}`;
}

/** "day", "weekday" or the names, to follow "every". */
function weekdaysText(days: number[]): string {
  if (days.length === 7) return 'day';
  if (isWorkWeek(days)) return 'weekday';
  return joinWords(weekdayNames(days), 'and');
}

function isWorkWeek(days: number[]): boolean {
  return days.join() === '0,1,2,3,4';
}

function weekdayNames(days: number[]): string[] {
  return days.map((d) => WEEKDAY_NAMES[d] ?? '');
}

function joinWords(words: string[], conjunction: 'and' | 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
