// An IANA zone's offsets from UTC, cached for speed: wall time ↔ instant (DST gaps and overlaps
// resolved the way docs/recurrence.md says) and instants as ISO 8601 with the zone's offset.
//
// Luxon's IANAZone.offset is the source of truth but costs several microseconds per call
// (Intl formatToParts), and occurrenceAfter runs for every item at start-up. So offsets are
// cached per week-long block: a block whose two ends share an offset is taken to have it
// throughout (zones never change twice within a week); a block that contains a transition
// stores the transition, found once by bisection to the second.
import { IANAZone } from 'luxon';
import { DAY_MS, MINUTE_MS, SECOND_MS } from './calendar-days';
import { RecurrenceError } from './recurrence-error';

type Block = number | { at: number; before: number; after: number };

const BLOCK_MS = 7 * DAY_MS;
const MAX_CACHED_BLOCKS = 100_000;

export class ZoneOffsets {
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

/** The cached offsets of an IANA zone; throws RecurrenceError for an unknown name. */
export function zoneOffsets(timeZone: string): ZoneOffsets {
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

/** True when `timeZone` is a valid IANA zone. */
export function isValidTimeZone(timeZone: string): boolean {
  // IANAZone caches each name, so repeated checks do not build a new Intl formatter each time.
  return typeof timeZone === 'string' && timeZone !== '' && IANAZone.create(timeZone).isValid;
}

/**
 * The instant of a wall-clock time (ms since the epoch as if the wall time were UTC).
 * Gap: shift forward by the gap. Ambiguous: the earlier instant. Luxon resolves ambiguous times
 * to the later instant, so this is done here, explicitly, on the offsets either side.
 */
export function wallToInstant(zone: ZoneOffsets, wallMs: number): number {
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

export function instantToWall(zone: ZoneOffsets, ms: number): number {
  return ms + zone.offset(ms) * MINUTE_MS;
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

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
