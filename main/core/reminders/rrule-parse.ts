// Reads the RRULE subset Aide supports into a Rule and writes a Rule back as canonical text;
// docs/recurrence.md lists the parts and what each means.
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, dayFromCivil, daysInMonth, uniqueSorted } from './calendar-days';
import { RecurrenceError } from './recurrence-error';

export type Freq = 'MINUTELY' | 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

/** UNTIL as written: an instant (UTC form) or a local calendar day (date form). */
export type Until = { kind: 'instant'; ms: number; text: string } | { kind: 'day'; day: number; text: string };

export interface Rule {
  freq: Freq;
  interval: number;
  /** Weekdays, Monday = 0, sorted and unique; null when absent. */
  byDay: number[] | null;
  /** 1..31 and -1, sorted and unique; null when absent. */
  byMonthDay: number[] | null;
  count: number | null;
  until: Until | null;
}

const FREQS: readonly Freq[] = ['MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const SUPPORTED_PARTS =
  'Supported: FREQ (MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL.';
/**
 * The shortest repeat Aide stores: a reminder every minute or two is a notification storm that
 * buries everything else (and each one is a grouped desktop notification plus a write to
 * the reminders journal), not a reminder anyone acts on.
 */
export const MIN_MINUTELY_INTERVAL = 5;

/** Parses and normalises an RFC 5545 RRULE (with or without the "RRULE:" prefix, any case, any part order); throws RecurrenceError. Returns the canonical text, e.g. "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE". */
export function normalizeRRule(rrule: string): string {
  return formatRule(parseRule(rrule));
}

export function parseRule(input: string): Rule {
  const values = readParts(input);
  const freqText = values.get('FREQ');
  if (freqText === undefined) {
    throw new RecurrenceError(
      'The RRULE has no FREQ. Add one of FREQ=MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY.',
    );
  }
  const freq = FREQS.find((f) => f === freqText);
  if (freq === undefined) {
    throw new RecurrenceError(
      `Unsupported FREQ "${freqText}". Supported: MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY.`,
    );
  }

  const interval = parsePositive(values.get('INTERVAL') ?? '1', 'INTERVAL', 9999);
  if (freq === 'MINUTELY' && interval < MIN_MINUTELY_INTERVAL) {
    throw new RecurrenceError(
      `A reminder can repeat at most every ${MIN_MINUTELY_INTERVAL} minutes (FREQ=MINUTELY;INTERVAL=${MIN_MINUTELY_INTERVAL} or more), not every ${interval === 1 ? 'minute' : `${interval} minutes`}.`,
    );
  }
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

/** The NAME=VALUE parts, names and values upper-cased; each supported name at most once. */
function readParts(input: string): Map<string, string> {
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
  return values;
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

function formatRule(rule: Rule): string {
  const parts = [`FREQ=${rule.freq}`, `INTERVAL=${rule.interval}`];
  if (rule.byDay !== null) parts.push(`BYDAY=${rule.byDay.map((d) => WEEKDAY_CODES[d]).join(',')}`);
  if (rule.byMonthDay !== null) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.count !== null) parts.push(`COUNT=${rule.count}`);
  if (rule.until !== null) parts.push(`UNTIL=${rule.until.text}`);
  return parts.join(';');
}
