// parseQuickAdd: the offline quick-add parser. Reads one phrase into a reminder, an
// appointment, an incomplete reminder (no time yet) or none (a question or other request).
import { isValidTimeZone, toZonedIso } from '../reminders/recurrence';
import { readNamedDates, readNumericDates } from './calendar-dates';
import { cleanTitle, isNotACommand, isRemindQuestion, readCommand, stripPoliteness, type Intent } from './intent';
import { readRecurrence, toRRule } from './recurrence-phrases';
import { resolve } from './resolve';
import { Scanner } from './scanner';
import {
  readClockTimes,
  readDayWords,
  readDuration,
  readPartsOfDay,
  readPast,
  readRange,
  readRelative,
  readTrailingParts,
} from './time-rules';
import type { QuickAddOptions, QuickAddResult, TimeSpec } from './types';

export type { QuickAddOptions, QuickAddResult } from './types';

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

/** Reads every time expression in `text` (order matters: each rule sees only what earlier ones left). */
function readTimes(text: string, now: Date): { scanner: Scanner; spec: TimeSpec; clearDate: boolean } {
  const scanner = new Scanner(text);
  const spec: TimeSpec = {
    relative: null,
    date: null,
    time: null,
    partOfDay: null,
    range: null,
    durationMinutes: null,
    recurrence: null,
    past: readPast(text),
    unsupported: false,
  };
  readRecurrence(scanner, spec);
  readRelative(scanner, spec);
  const clearDate = readNumericDates(scanner, spec);
  readRange(scanner, spec);
  readDuration(scanner, spec);
  readClockTimes(scanner, spec);
  readPartsOfDay(scanner, spec);
  readDayWords(scanner, spec);
  readNamedDates(scanner, spec, now);
  readTrailingParts(scanner, spec);
  return { scanner, spec, clearDate };
}

/**
 * Parses a quick-add phrase in `options.timeZone` relative to `options.now`. Pure and
 * synchronous. Throws RangeError for an invalid zone or date (the phrase itself never throws).
 */
export function parseQuickAdd(text: string, options: QuickAddOptions): QuickAddResult {
  const { now, timeZone } = options;
  if (!isValidTimeZone(timeZone))
    throw new RangeError(`Unknown time zone "${timeZone}". Use an IANA name such as "Europe/Berlin".`);
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new RangeError('parseQuickAdd needs a valid Date for "now".');

  const phrase = stripPoliteness(normalize(text));
  const question = phrase.endsWith('?');
  const body = phrase.replace(/[\s?]+$/, '');
  if (body === '' || isRemindQuestion(body)) return NONE;

  const { scanner, spec, clearDate } = readTimes(body, now);
  const timed = hasTime(spec);
  // The command may follow a leading time expression: "in half an hour remind me to …".
  let command = readCommand(scanner.remainder(true));
  if (command.intent === null) {
    if (isNotACommand(body) || question || !timed) return NONE;
  } else if (isRemindQuestion(scanner.remainder(true).trim())) {
    return NONE;
  }
  if (spec.past || spec.unsupported) return NONE;

  const intent: Intent = command.intent === 'appointment' || spec.range !== null ? 'appointment' : 'reminder';
  // An appointment's length is part of its time; a reminder keeps "for 10 minutes" in its title.
  if (intent === 'appointment') command = readCommand(scanner.remainder(false));
  const title = cleanTitle(command.rest);
  if (title === '' && command.intent === null) return NONE;
  const named = title === '' ? DEFAULT_TITLE[intent] : title;

  if (!timed || !clearDate) return { kind: 'incomplete', title: named, missing: 'time' };
  const when = resolve(spec, now, timeZone);
  if (when === 'no-time' || when === 'past') return { kind: 'incomplete', title: named, missing: 'time' };

  const rrule = spec.recurrence === null ? null : toRRule(spec.recurrence);
  if (intent === 'appointment') {
    return {
      kind: 'appointment',
      title: named,
      start: toZonedIso(when.start, timeZone),
      end: toZonedIso(when.end, timeZone),
      rrule,
    };
  }
  return { kind: 'reminder', title: named, due: toZonedIso(when.start, timeZone), rrule };
}
