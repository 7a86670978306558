// A rule's start read in the user's zone: the instant, the local day and the time of day that
// occurrences and the wording borrow from it.
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, dayFromCivil, daysInMonth } from './calendar-days';
import { RecurrenceError } from './recurrence-error';
import { instantToWall, wallToInstant, zoneOffsets, type ZoneOffsets } from './zone-offsets';

export interface Anchor {
  zone: ZoneOffsets;
  ms: number;
  day: number;
  timeOfDayMs: number;
}

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export function anchorOf(start: string, timeZone: string): Anchor {
  const zone = zoneOffsets(timeZone);
  const ms = parseStart(start, zone);
  const wall = instantToWall(zone, ms);
  const day = Math.floor(wall / DAY_MS);
  return { zone, ms, day, timeOfDayMs: wall - day * DAY_MS };
}

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
