// Checks on what the model or the user asks for (titles, times, rules, minutes), each refusal
// an ItemError whose message says what to do instead.
import { DateTime } from 'luxon';
import { RecurrenceError } from './recurrence-error';
import { describeRecurrence } from './recurrence-wording';
import { ItemError, type ItemKind } from './reminder-items';
import { DEFAULT_REMIND_MINUTES } from './reminder-store-schema';
import { normalizeRRule } from './rrule-parse';
import { toZonedIso } from './zone-offsets';

/** Lets a time typed "now" by the model (a few seconds old when it arrives) still count. */
const NOW_TOLERANCE_MS = 60_000;
const MAX_SNOOZE_MINUTES = 10_080;
const MAX_REMIND_MINUTES = 40_320;
const MAX_TITLE = 500;
const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Parses an ISO time with offset, refuses one in the past, and returns it in `timeZone`'s offset. */
export function futureTime(value: string, what: string, timeZone: string, now: Date): string {
  const ms = parseTime(value);
  if (ms < now.getTime() - NOW_TOLERANCE_MS) {
    throw new ItemError(
      `The ${what} ${value} is in the past (now is ${toZonedIso(now, timeZone)}). Ask the user for a future time.`,
      `The ${what} you chose is in the past. Choose a later time.`,
    );
  }
  return toZonedIso(new Date(ms), timeZone);
}

export function endAfter(start: string, end: string, timeZone: string): string {
  const ms = parseTime(end);
  if (ms <= Date.parse(start)) throw new ItemError(`The end (${end}) is before the start (${start}).`);
  return toZonedIso(new Date(ms), timeZone);
}

function parseTime(value: string): number {
  const text = value.trim();
  const parsed = OFFSET_TIME.test(text) ? DateTime.fromISO(text, { setZone: true }) : null;
  if (!parsed?.isValid) {
    throw new ItemError(`Invalid time "${value}": use ISO 8601 with offset, e.g. 2026-11-27T17:00:00+01:00.`);
  }
  return parsed.toMillis();
}

export function checkTitle(title: string, what: ItemKind): string {
  const trimmed = title.trim();
  if (trimmed === '') throw new ItemError(`The ${what} needs a title: say in a few words what it is about.`);
  if (trimmed.length > MAX_TITLE)
    throw new ItemError(`The title is too long (${trimmed.length} characters); keep it under ${MAX_TITLE}.`);
  return trimmed;
}

export function checkRRule(rrule: string | null): string | null {
  if (rrule === null || rrule.trim() === '') return null;
  try {
    return normalizeRRule(rrule);
  } catch (error) {
    if (error instanceof RecurrenceError) throw new ItemError(`Invalid recurrence "${rrule}": ${error.message}`);
    throw error;
  }
}

export function checkRemindMinutes(minutes: number | null | undefined): number {
  if (minutes === null || minutes === undefined) return DEFAULT_REMIND_MINUTES;
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_REMIND_MINUTES) {
    throw new ItemError(
      `Remind a whole number of minutes before, from 0 to ${MAX_REMIND_MINUTES} (four weeks); got ${minutes}.`,
    );
  }
  return minutes;
}

export function checkSnoozeMinutes(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_SNOOZE_MINUTES) {
    throw new ItemError(
      `Snooze for a whole number of minutes from 1 to ${MAX_SNOOZE_MINUTES} (one week); got ${minutes}.`,
    );
  }
  return minutes;
}

export function cleanText(text: string | null | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** The rule in words for the stored recurrenceText; null for a one-shot item. */
export function describe(rrule: string | null, start: string, timeZone: string): string | null {
  return rrule === null ? null : describeRecurrence(rrule, start, timeZone);
}
