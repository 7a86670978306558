// Occurrences of a calendar object in the person's zone, expanded by ical.js (RRULE, RDATE,
// EXDATE, RECURRENCE-ID overrides moved or cancelled), bounded so an endless rule cannot hang.
import ICAL from 'ical.js';
import { toZonedIso } from '../reminders/zone-offsets';
import type { ItemComponents } from './ical-parse';
import { decoding, endMs, openForReading, startTime } from './ical-read';
import type { TimeReader } from './ical-zones';
import type { Occurrence } from './sync-types';

/**
 * At most this many occurrences are walked per call. ical.js always expands from the series
 * start, so a rule that repeats every few minutes, started years ago, is cut off here rather
 * than walked for seconds (ical.js takes some 10–30 µs a step); a daily rule covers 135 years.
 */
export const MAX_EXPANSION_STEPS = 50_000;

interface Instance {
  startMs: number;
  endMs: number | null;
  /** The un-moved start (RECURRENCE-ID), null for a single item. */
  baseMs: number | null;
}

/** Occurrences, in the person's zone, that overlap [from, to): starting before `to` and ending after `from` (or, without length, starting at or after it). */
export function occurrencesBetween(ics: string, from: Date, to: Date, personZone: string): Occurrence[] {
  return decoding(() => between(ics, from.getTime(), to.getTime(), personZone));
}

function between(ics: string, fromMs: number, toMs: number, personZone: string): Occurrence[] {
  const found: Instance[] = [];
  const expansion = openExpansion(ics, personZone);
  expansion.walk((instance) => {
    if (overlaps(instance, fromMs, toMs)) found.push(instance);
    return (instance.baseMs ?? instance.startMs) < toMs;
  });
  found.push(...expansion.movedInto((o) => overlaps(o, fromMs, toMs)));
  return found.sort((a, b) => a.startMs - b.startMs).map(expansion.toOccurrence);
}

/** The first occurrence starting strictly after `after`, or null when the series has ended. */
export function nextOccurrence(ics: string, after: Date, personZone: string): Occurrence | null {
  return decoding(() => firstAfter(ics, after.getTime(), personZone));
}

function firstAfter(ics: string, afterMs: number, personZone: string): Occurrence | null {
  let best: Instance | null = null;
  const expansion = openExpansion(ics, personZone);
  expansion.walk((instance) => {
    if (instance.startMs > afterMs && (best === null || instance.startMs < best.startMs)) best = instance;
    return best === null || (instance.baseMs ?? instance.startMs) <= afterMs;
  });
  for (const moved of expansion.movedInto((o) => o.startMs > afterMs)) {
    if (best === null || moved.startMs < (best as Instance).startMs) best = moved;
  }
  return best === null ? null : expansion.toOccurrence(best);
}

function overlaps(o: Instance, fromMs: number, toMs: number): boolean {
  if (o.startMs >= toMs) return false;
  return o.endMs !== null && o.endMs > o.startMs ? o.endMs > fromMs : o.startMs >= fromMs;
}

interface Expansion {
  /** Calls `visit` for each occurrence in order of RECURRENCE-ID while it returns true. */
  walk(visit: (instance: Instance) => boolean): void;
  /** Overrides the walk did not reach (their RECURRENCE-ID lies beyond it) that `wanted` accepts. */
  movedInto(wanted: (instance: Instance) => boolean): Instance[];
  toOccurrence(instance: Instance): Occurrence;
}

function openExpansion(ics: string, personZone: string): Expansion {
  const { item, reader } = openForReading(ics, personZone);
  return expansionOf(item, reader);
}

function expansionOf(item: ItemComponents, reader: TimeReader): Expansion {
  const start = startTime(item);
  const isTask = item.name === 'vtodo';
  const event = new ICAL.Event(item.master, { exceptions: item.overrides });
  let lastBase = -Infinity;
  const cancelled = (component: ICAL.Component) =>
    String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
  /** An override (or a single item) as written: its own start and end. */
  const asWritten = (component: ICAL.Component, base: number | null): Instance | null => {
    if (cancelled(component)) return null;
    const own = startTime({ ...item, master: component });
    const startMs = reader.instant(own.time, own.tzid);
    return { startMs, endMs: isTask ? null : endMs(component, own.time, startMs, reader), baseMs: base };
  };
  const length = isTask ? null : event.duration;
  /** An occurrence of the series itself: a task at its shifted DUE, an event with the series' length. */
  const fromSeries = (occurrence: ICAL.Time, shift: ICAL.Duration | null): Instance => {
    const own = shift === null ? occurrence : shifted(occurrence, shift);
    return {
      startMs: reader.instant(own),
      endMs: length === null ? null : reader.instant(shifted(occurrence, length)),
      baseMs: null,
    };
  };
  // ical.js matches overrides by text on every step, which doubles its cost; only the steps
  // whose instant is an override's RECURRENCE-ID ask it.
  const overridden = new Set(
    item.overrides
      .map((c) => c.getFirstPropertyValue('recurrence-id'))
      .filter((id) => id instanceof ICAL.Time)
      .map((id) => reader.instant(id as ICAL.Time)),
  );
  const recurring = item.master.hasProperty('rrule') || item.master.hasProperty('rdate');
  return {
    walk(visit) {
      if (!recurring) {
        const single = asWritten(item.master, null);
        if (single !== null) visit(single);
        return;
      }
      const iterator = event.iterator(anchorOf(item, start.time));
      const shift = isTask ? taskShift(item.master) : null;
      for (let step = 0; step < MAX_EXPANSION_STEPS; step++) {
        const next = nextTime(iterator);
        if (next === null) return;
        const base = reader.instant(next);
        lastBase = base;
        const override = overridden.has(base) ? event.getOccurrenceDetails(next).item.component : item.master;
        const instance = override === item.master ? fromSeries(next, shift) : asWritten(override, base);
        if (instance !== null && !visit({ ...instance, baseMs: base })) return;
      }
    },
    movedInto(wanted) {
      return item.overrides
        .map((component) => ({ component, id: component.getFirstPropertyValue('recurrence-id') }))
        .filter(({ id }) => id instanceof ICAL.Time && reader.instant(id) > lastBase)
        .map(({ component, id }) => asWritten(component, reader.instant(id as ICAL.Time)))
        .filter((o): o is Instance => o !== null && wanted(o));
    },
    toOccurrence(o) {
      const iso = (ms: number) => toZonedIso(new Date(ms), reader.personZone);
      return {
        start: iso(o.startMs),
        end: o.endMs === null ? null : iso(o.endMs),
        recurrenceId: o.baseMs === null ? null : iso(o.baseMs),
      };
    },
  };
}

/** ical.js stops with an error on a rule it finds impossible after 500 tries; that ends the series. */
function nextTime(iterator: ICAL.RecurExpansion): ICAL.Time | null {
  try {
    return iterator.next() ?? null;
  } catch {
    return null;
  }
}

/** A task's series runs from DTSTART; without one, from DUE. */
function anchorOf(item: ItemComponents, start: ICAL.Time): ICAL.Time {
  const dtstart = item.master.getFirstPropertyValue('dtstart');
  return dtstart instanceof ICAL.Time ? dtstart : start;
}

/** A task rings at DUE: each occurrence of its DTSTART moves by DUE − DTSTART. */
function taskShift(master: ICAL.Component): ICAL.Duration | null {
  const dtstart = master.getFirstPropertyValue('dtstart');
  const due = master.getFirstPropertyValue('due');
  if (!(dtstart instanceof ICAL.Time) || !(due instanceof ICAL.Time)) return null;
  return due.subtractDate(dtstart);
}

function shifted(time: ICAL.Time, by: ICAL.Duration): ICAL.Time {
  const out = time.clone();
  out.addDuration(by);
  return out;
}
