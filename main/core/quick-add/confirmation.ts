// What a quick-add confirmation shows of the parser's reading: the phrase with the words that
// made the time, and for a time said in another zone both clocks ("4:00 PM CET (10:00 AM your time)").
import { DateTime } from 'luxon';
import type { QuickAddReading } from './parse';

export interface CardReading {
  text: string;
  spans: { start: number; end: number }[];
  zoneNote: string | null;
}

const clock = (iso: string, zone: string): string =>
  DateTime.fromISO(iso, { zone }).setLocale('en-US').toFormat('h:mm a');

/** The reading for a card whose item starts at `at` (ISO), for a person in `timeZone`. */
export function cardReading(reading: QuickAddReading, at: string, timeZone: string): CardReading {
  const zone = reading.zone;
  const zoneNote = zone === null ? null : `${clock(at, zone.zone)} ${zone.label} (${clock(at, timeZone)} your time)`;
  return { text: reading.text, spans: reading.spans, zoneNote };
}

/** `card` with the reading attached when there is one (a created quick-add always has one). */
export function withReading<T extends object>(
  card: T,
  reading: QuickAddReading | null,
  at: string,
  timeZone: string,
): T & { reading?: CardReading } {
  return reading === null ? card : { ...card, reading: cardReading(reading, at, timeZone) };
}
