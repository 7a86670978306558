// Calendar dates: ISO dates, numeric dates when unambiguous, "the 15th", and month-name dates
// ("December 24th", "24 Dec 2026"), which chrono-node reads for us.
import { casual, Chrono, type Parser } from 'chrono-node/en';
import type { Scanner } from './scanner';
import { setDay } from './day-words';
import type { TimeSpec } from './types';

const ISO_DATE = /\b(?:on\s+|by\s+)?(\d{4})-(\d{2})-(\d{2})\b/g;
const NUMERIC_DATE = /\b(?:on\s+|by\s+)?(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?\b(?!\/)/g;
const ORDINAL_DAY = /\b(?:on\s+|by\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+of\b)/gi;
const MONTH_NAME = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b/i;

type ParsingContext = Parameters<Parser['pattern']>[0];

/** A real parsing context (chrono does not export its class), to ask parsers for their patterns. */
function parsingContext(): ParsingContext {
  let context: ParsingContext | null = null;
  const capture: Parser = {
    pattern: (given) => {
      context = given;
      return /$^/;
    },
    extract: () => null,
  };
  new Chrono({ parsers: [capture], refiners: [] }).parse('x');
  return context!;
}

/**
 * The casual English parsers whose pattern names a month. chrono reads only month-name dates here
 * (the rules before it read everything else), and the others are costly to have: the time-unit
 * patterns ("3 days ago", "within 2 weeks") took ~10 ms each to compile on first use and ~90 ms
 * each to compile natively on the second, the main process's longest stall at start.
 */
function monthNameParsers(): Parser[] {
  const context = parsingContext();
  return casual.parsers.filter((parser) => /january/i.test(parser.pattern(context).source));
}

let monthChrono: Chrono | null = null;

function monthDates(): Chrono {
  monthChrono ??= new Chrono({ parsers: monthNameParsers(), refiners: casual.refiners });
  return monthChrono;
}

/**
 * One small step per month-name parser, each in its own turn of the event loop: its pattern's
 * first run (on text it does not match: one run, the bytecode compile), then its second (the
 * native compile). A regular expression's compile cannot be split, so this is as small as it gets.
 */
export function monthDateWarmUps(): (() => void)[] {
  const parsers = monthDates().parsers;
  const run = (parser: Parser, text: string) => () => {
    new Chrono({ parsers: [parser], refiners: [] }).parse(text, new Date(), { forwardDate: true });
  };
  return [
    ...parsers.map((parser) => run(parser, 'warm up')),
    ...parsers.map((parser) => run(parser, 'on March 3 2026 and 24 Dec')),
    () => void monthDates().parse('dentist on March 3', new Date(), { forwardDate: true }),
  ];
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function setCalendar(spec: TimeSpec, year: number | null, month: number, day: number): boolean {
  // Without a year, 29 February is checked against a leap year; resolving picks the year.
  return validDate(year ?? 2024, month, day) && setDay(spec, { kind: 'calendar', year, month, day });
}

/**
 * Claims ISO and numeric dates; runs before the time rules so "2026-12-24" is not read as a
 * range. Returns false when a date was written ambiguously (3/4), so the caller can ask
 * instead of guessing.
 */
export function readNumericDates(scanner: Scanner, spec: TimeSpec): boolean {
  let clear = true;
  scanner.claim(ISO_DATE, (m) => setCalendar(spec, Number(m[1]), Number(m[2]), Number(m[3])));
  scanner.claim(NUMERIC_DATE, (m) => {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = m[3] === undefined ? null : m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    // Month/day or day/month: only when one reading is impossible (or both say the same).
    if (a > 12 && b <= 12) return setCalendar(spec, year, b, a);
    if (b > 12 && a <= 12) return setCalendar(spec, year, a, b);
    if (a === b) return setCalendar(spec, year, a, b);
    clear = false;
    return false;
  });
  return clear;
}

/** Claims "the 15th" and month-name dates; runs after the time rules so chrono sees only what is left. */
export function readNamedDates(scanner: Scanner, spec: TimeSpec, now: Date): void {
  scanner.claim(ORDINAL_DAY, (m) => {
    const day = Number(m[1]);
    if (day < 1 || day > 31) return false;
    // "next month on the 10th"
    if (spec.date?.kind === 'month' && spec.date.day === null) {
      spec.date = { ...spec.date, day };
      return true;
    }
    return setDay(spec, { kind: 'month-day', day });
  });
  // chrono is the slow part of the parser, so it runs only when a month name is left.
  const open = spec.date === null || (spec.date.kind === 'weekday' && spec.date.weeksLater === 0);
  if (open && MONTH_NAME.test(scanner.rest)) {
    const rest = scanner.restSealed;
    for (const result of monthDates().parse(rest, now, { forwardDate: true })) {
      const day = result.start.isCertain('day') ? result.start.get('day') : null;
      const month = result.start.isCertain('month') ? result.start.get('month') : null;
      const year = result.start.isCertain('year') ? result.start.get('year') : null;
      if (day === null || month === null || !setCalendar(spec, year, month, day)) continue;
      const lead = /\b(?:on|by)\s+(?:the\s+)?$/i.exec(rest.slice(0, result.index));
      scanner.mark(lead === null ? result.index : lead.index, result.index + result.text.length);
      break;
    }
  }
}
