// parseQuickAdd: the offline quick-add parser. Reads one phrase into a reminder, an
// appointment, an incomplete reminder (no time yet) or none (a question or other request).
import { isValidTimeZone, toZonedIso } from '../reminders/zone-offsets';
import { readNamedDates, readNumericDates } from './calendar-dates';
import { readSpokenClocks } from './clock-phrases';
import { readDayWords } from './day-words';
import { readHolidays } from './holidays';
import { cleanTitle, isNotACommand, isRemindQuestion, readCommand, stripPoliteness, type Intent } from './intent';
import { claimLeftovers } from './leftovers';
import { readMonthDates } from './month-dates';
import { readRecurrence, toRRule } from './recurrence-phrases';
import { resolve } from './resolve';
import { Scanner } from './scanner';
import {
  readClockTimes,
  readDuration,
  readPartsOfDay,
  readPast,
  readRange,
  readRelative,
  readTrailingParts,
} from './time-rules';
import type { QuickAddOptions, QuickAddResult, SpokenZone, TimeSpec } from './types';
import { readZones } from './zones';

export type { QuickAddOptions, QuickAddResult, SpokenZone } from './types';

/** What the parser read as the time, for a confirmation that shows it: spans of `text` (the phrase as read). */
export interface QuickAddReading {
  text: string;
  spans: { start: number; end: number }[];
  /** The zone the time was said in, when not the user's ("4pm CET"). */
  zone: SpokenZone | null;
}

const NONE: QuickAddResult = { kind: 'none' };
const DEFAULT_TITLE: Record<Intent, string> = { reminder: 'Reminder', appointment: 'Appointment' };

function normalize(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '')
    .trim();
}

function hasTime(spec: TimeSpec): boolean {
  return (
    spec.relative !== null ||
    spec.date !== null ||
    spec.time !== null ||
    spec.partOfDay !== null ||
    spec.range !== null ||
    spec.recurrence !== null
  );
}

type TimeRule = (scanner: Scanner, spec: TimeSpec, now: Date) => unknown;

/** The rules after the numeric dates, in the order they run (each sees only what earlier ones left). */
const laterRules: readonly TimeRule[] = [
  readRange,
  readDuration,
  readSpokenClocks,
  readClockTimes,
  readZones,
  readPartsOfDay,
  readMonthDates,
  readHolidays,
  readDayWords,
  readNamedDates,
  readTrailingParts,
];

function emptySpec(text: string): TimeSpec {
  return {
    relative: null,
    date: null,
    time: null,
    partOfDay: null,
    range: null,
    durationMinutes: null,
    recurrence: null,
    past: readPast(text),
    unsupported: false,
    zone: null,
    weekdayCheck: null,
  };
}

/**
 * Reads every time expression in `text` (order matters: each rule sees only what earlier ones
 * left), then claims the time words none of them understood (`unclear`).
 */
function readTimes(
  text: string,
  now: Date,
): { scanner: Scanner; spec: TimeSpec; clearDate: boolean; unclear: boolean } {
  const scanner = new Scanner(text);
  const spec = emptySpec(text);
  readRecurrence(scanner, spec);
  readRelative(scanner, spec);
  const clearDate = readNumericDates(scanner, spec);
  for (const rule of laterRules) rule(scanner, spec, now);
  const unclear = claimLeftovers(scanner);
  return { scanner, spec, clearDate, unclear };
}

/**
 * One step per rule and phrase, each running that rule alone over one phrase: a rule's patterns
 * compile on their first runs, and a warm-up that pays them a little at a time never stalls for
 * long (a rule over three phrases in one step took up to 15 ms at a cold start).
 */
export function timeRuleWarmUps(phrases: readonly string[], now: Date): (() => void)[] {
  const rules: TimeRule[] = [readRecurrence, readRelative, readNumericDates, ...laterRules, claimLeftovers];
  return rules.flatMap((rule) => phrases.map((phrase) => () => void rule(new Scanner(phrase), emptySpec(phrase), now)));
}

type Read = { result: QuickAddResult; reading: QuickAddReading | null };

const nothing: Read = { result: NONE, reading: null };

/**
 * Parses a quick-add phrase in `options.timeZone` relative to `options.now`, and says which
 * words made the time. Pure and synchronous. Throws RangeError for an invalid zone or date.
 */
export function readQuickAdd(text: string, options: QuickAddOptions): Read {
  const { now, timeZone } = options;
  if (!isValidTimeZone(timeZone))
    throw new RangeError(`Unknown time zone "${timeZone}". Use an IANA name such as "Europe/Berlin".`);
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new RangeError('parseQuickAdd needs a valid Date for "now".');

  const phrase = stripPoliteness(normalize(text));
  const question = phrase.endsWith('?');
  const body = phrase.replace(/[\s?]+$/, '');
  if (body === '' || isRemindQuestion(body)) return nothing;

  const { scanner, spec, clearDate, unclear } = readTimes(body, now);
  const timed = hasTime(spec) || spec.unsupported;
  // The command may follow a leading time expression: "in half an hour remind me to …".
  let command = readCommand(scanner.remainder(true));
  if (command.intent === null) {
    if (isNotACommand(body) || question || !timed) return nothing;
  } else if (isRemindQuestion(scanner.remainder(true).trim())) {
    return nothing;
  }
  if (spec.past) return nothing;

  const intent: Intent = command.intent === 'appointment' || spec.range !== null ? 'appointment' : 'reminder';
  // An appointment's length is part of its time; a reminder keeps "for 10 minutes" in its title.
  if (intent === 'appointment') command = readCommand(scanner.remainder(false));
  const title = cleanTitle(command.rest);
  if (title === '' && command.intent === null) return nothing;
  const named = title === '' ? DEFAULT_TITLE[intent] : title;
  const ask: Read = { result: { kind: 'incomplete', title: named, missing: 'time' }, reading: null };

  // Time words left unread, a recurrence Aide cannot store, an ambiguous date: ask, never guess.
  if (!timed || !clearDate || unclear || spec.unsupported) return ask;
  const when = resolve(spec, now, spec.zone?.zone ?? timeZone);
  if (when === 'no-time' || when === 'past') return ask;

  const rrule = spec.recurrence === null ? null : toRRule(spec.recurrence);
  const reading: QuickAddReading = { text: body, spans: scanner.timeSpans(), zone: spec.zone };
  if (intent === 'appointment') {
    const start = toZonedIso(when.start, timeZone);
    return {
      result: { kind: 'appointment', title: named, start, end: toZonedIso(when.end, timeZone), rrule },
      reading,
    };
  }
  return { result: { kind: 'reminder', title: named, due: toZonedIso(when.start, timeZone), rrule }, reading };
}

/** Parses a quick-add phrase (see readQuickAdd): the result alone, as the CLI prints it. */
export function parseQuickAdd(text: string, options: QuickAddOptions): QuickAddResult {
  return readQuickAdd(text, options).result;
}
