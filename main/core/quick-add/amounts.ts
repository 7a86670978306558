// Amounts of time as written: "10 minutes", "an hour and a half", "three quarters of an hour",
// "2.5 hours", "half a day", "a fortnight". One pattern for "in …", "… from now", "… hence" and "for …".
import { NUMBER, numberValue } from './number-words';
import type { RelativeUnit } from './types';

const UNIT = '(?:seconds?|secs?|minutes?|mins?|m|hours?|hrs?|h|days?|weeks?|fortnights?)';
const FRACTION = '(?:a\\s+half|a\\s+quarter|three[-\\s]quarters)';

/** Matches an amount of time (no capture groups, so callers can wrap it in their own). */
export const AMOUNT =
  `(?:(?:three[-\\s]quarters|an?\\s+quarter|quarter|half)\\s+(?:of\\s+)?(?:an?\\s+)?${UNIT}` +
  `|${NUMBER}(?:\\s+and\\s+${FRACTION})?\\s*${UNIT}(?:\\s+and\\s+${FRACTION})?)`;

const UNIT_MINUTES: Record<RelativeUnit, number> = { second: 1 / 60, minute: 1, hour: 60, day: 1440, week: 10080 };

function unitOf(text: string): { unit: RelativeUnit; times: number } | null {
  const unit = text.toLowerCase();
  if (/^(seconds?|secs?)$/.test(unit)) return { unit: 'second', times: 1 };
  if (/^(minutes?|mins?|m)$/.test(unit)) return { unit: 'minute', times: 1 };
  if (/^(hours?|hrs?|h)$/.test(unit)) return { unit: 'hour', times: 1 };
  if (/^days?$/.test(unit)) return { unit: 'day', times: 1 };
  if (/^weeks?$/.test(unit)) return { unit: 'week', times: 1 };
  if (/^fortnights?$/.test(unit)) return { unit: 'week', times: 2 };
  return null;
}

function fractionOf(text: string | undefined): number {
  if (text === undefined) return 0;
  const words = text.toLowerCase();
  if (words.endsWith('half')) return 0.5;
  return words.startsWith('three') ? 0.75 : 0.25;
}

const PARTS = new RegExp(
  `^(?:(three[-\\s]quarters|an?\\s+quarter|quarter|half)\\s+(?:of\\s+)?(?:an?\\s+)?(${UNIT})` +
    `|(${NUMBER})(?:\\s+and\\s+(${FRACTION}))?\\s*(${UNIT})(?:\\s+and\\s+(${FRACTION}))?)$`,
  'i',
);

/** The amount an AMOUNT match says, in whole units where it has them; fractions of days and weeks in minutes. */
export function amountValue(text: string): { amount: number; unit: RelativeUnit } | null {
  const m = PARTS.exec(text.trim().replace(/\s+/g, ' '));
  if (m === null) return null;
  const [, fraction, fractionUnit, count, andFraction, unitText, trailingFraction] = m;
  const unit = unitOf(fraction !== undefined ? (fractionUnit ?? '') : (unitText ?? ''));
  if (unit === null) return null;
  const amount =
    (fraction !== undefined
      ? fractionOf(/^half/i.test(fraction) ? 'half' : fraction)
      : numberValue(count ?? '') + fractionOf(andFraction ?? trailingFraction)) * unit.times;
  if (!(amount > 0)) return null;
  // A fraction of a day or week has no wall-clock meaning, and a fraction of a minute or an hour
  // is counted exactly: both in minutes (seconds keep their unit).
  if (!Number.isInteger(amount) && unit.unit !== 'second')
    return { amount: amount * UNIT_MINUTES[unit.unit], unit: 'minute' };
  return { amount, unit: unit.unit };
}

export function minutesOf(amount: { amount: number; unit: RelativeUnit }): number {
  return Math.round(amount.amount * UNIT_MINUTES[amount.unit]);
}
