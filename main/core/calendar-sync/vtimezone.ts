// VTIMEZONE blocks for IANA zones, generated from the zone database the runtime carries (Intl,
// through Luxon), for the calendar objects Aide writes and the `.ics` export.
//
// Our own code because nothing kept fits: ical.js parses VTIMEZONE but ships no zone database,
// ical-generator only accepts a generator function, and the packages that do carry one
// (timezones-ical-library, @touch4it/ical-timezones) are not kept dependencies. The runtime's
// zone data is the same data Luxon and the scheduler already use, so the offsets agree.
import ICAL from 'ical.js';
import { DAY_MS, MINUTE_MS, SECOND_MS, daysInMonth } from '../reminders/calendar-days';
import { zoneOffsets, type ZoneOffsets } from '../reminders/zone-offsets';

/** One change of a zone's offset. */
export interface ZoneTransition {
  /** The instant of the change, ms since the epoch. */
  ms: number;
  /** Offsets from UTC in minutes before and after. */
  before: number;
  after: number;
  daylight: boolean;
}

/** Zones never change offset twice within a week (the same assumption as zone-offsets.ts). */
const SCAN_STEP_MS = 7 * DAY_MS;
const MIN_SCAN_YEARS = 8;
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2200;
const MAX_SPAN_YEARS = 200;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

/** The zone's transitions from 1 January `fromYear` to 31 December `toYear` (UTC), ascending. */
export function zoneTransitions(timeZone: string, fromYear: number, toYear: number): ZoneTransition[] {
  // The scheduler's cached offsets: a second VTIMEZONE for the same zone costs almost nothing.
  const zone = zoneOffsets(timeZone);
  const end = Date.UTC(toYear + 1, 0, 1);
  const out: ZoneTransition[] = [];
  let at = Date.UTC(fromYear, 0, 1);
  let offset = zone.offset(at);
  while (at < end) {
    const next = Math.min(at + SCAN_STEP_MS, end);
    const nextOffset = zone.offset(next);
    if (nextOffset !== offset) {
      const ms = bisect(zone, at, next, offset);
      out.push({ ms, before: offset, after: nextOffset, daylight: isDaylight(timeZone, ms) });
    }
    at = next;
    offset = nextOffset;
  }
  return out;
}

/** The first second in (lo, hi] whose offset is no longer `before`. */
function bisect(zone: ZoneOffsets, loMs: number, hiMs: number, before: number): number {
  let lo = Math.floor(loMs / SECOND_MS);
  let hi = Math.floor(hiMs / SECOND_MS);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid * SECOND_MS) === before) lo = mid;
    else hi = mid;
  }
  return hi * SECOND_MS;
}

/**
 * A VTIMEZONE for `timeZone` valid from 1 January `fromYear` through `toYear` (and beyond, where
 * the zone's last rule is a regular yearly one: that observance gets an open RRULE, the way
 * tzdata itself continues a rule). Transitions that follow no yearly rule are listed as RDATEs.
 */
export function vtimezoneComponent(timeZone: string, fromYearAsked: number, toYearAsked: number): ICAL.Component {
  // A hostile or odd object (DTSTART in 1601 or 9999) must not make us scan millennia.
  const fromYear = Math.min(Math.max(fromYearAsked, EARLIEST_YEAR), LATEST_YEAR);
  const toYear = Math.min(Math.max(toYearAsked, fromYear), fromYear + MAX_SPAN_YEARS);
  // Every object read or written builds one, mostly for the same few zones and years.
  const key = `${timeZone}|${fromYear}|${toYear}`;
  let jcal = built.get(key);
  if (jcal === undefined) {
    if (built.size >= MAX_BUILT) built.clear();
    jcal = build(timeZone, fromYear, toYear).toJSON();
    built.set(key, jcal);
  }
  return new ICAL.Component(structuredClone(jcal));
}

const built = new Map<string, ReturnType<ICAL.Component['toJSON']>>();
const MAX_BUILT = 256;

function build(timeZone: string, fromYear: number, toYear: number): ICAL.Component {
  const zone = zoneOffsets(timeZone);
  const vtimezone = new ICAL.Component('vtimezone');
  vtimezone.addPropertyWithValue('tzid', timeZone);
  // ical.js reads any time before a zone's first onset as UTC, so the block opens, at local
  // midnight on 1 January, with the offset in force then.
  const first = zone.offset(Date.UTC(fromYear, 0, 1));
  const startMs = Date.UTC(fromYear, 0, 1) - first * MINUTE_MS;
  const opening = { ms: startMs, before: first, after: first, daylight: isDaylight(timeZone, startMs) };
  vtimezone.addSubcomponent(observance(opening, [opening], false));
  const groups = new Map<string, ZoneTransition[]>();
  // Eight years at least, so a "last Sunday" rule shows dates from the 25th to the 31st and is
  // not mistaken for "the 4th Sunday".
  const transitions = zoneTransitions(timeZone, fromYear, Math.max(toYear, fromYear + MIN_SCAN_YEARS - 1));
  for (const t of transitions) {
    const key = `${t.daylight}|${t.before}|${t.after}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const lastYear = yearOf(transitions.at(-1) ?? opening);
  for (const group of groups.values()) {
    const rule = yearlyRule(group);
    const stillInForce = rule !== null && yearOf(group.at(-1) ?? opening) === lastYear;
    vtimezone.addSubcomponent(observance(group[0] ?? opening, group, stillInForce ? rule : null));
  }
  return vtimezone;
}

/** The VTIMEZONE as text (CRLF lines), for ical-generator's `timezone.generator`. */
export function vtimezoneText(timeZone: string, fromYear: number, toYear: number): string {
  return vtimezoneComponent(timeZone, fromYear, toYear).toString();
}

function observance(first: ZoneTransition, group: ZoneTransition[], rule: string | null | false): ICAL.Component {
  const component = new ICAL.Component(first.daylight ? 'daylight' : 'standard');
  component.addPropertyWithValue('dtstart', onsetTime(first));
  component.addPropertyWithValue('tzoffsetfrom', ICAL.UtcOffset.fromSeconds(first.before * 60));
  component.addPropertyWithValue('tzoffsetto', ICAL.UtcOffset.fromSeconds(first.after * 60));
  if (typeof rule === 'string') component.addPropertyWithValue('rrule', ICAL.Recur.fromString(rule));
  else if (rule === null) for (const t of group.slice(1)) component.addPropertyWithValue('rdate', onsetTime(t));
  return component;
}

/** RFC 5545: an onset is the local time before the change (offset TZOFFSETFROM). */
function onsetTime(t: ZoneTransition): ICAL.Time {
  const wall = new Date(t.ms + t.before * MINUTE_MS);
  return ICAL.Time.fromData({
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    isDate: false,
  });
}

/** Luxon's isInDST, on the cached offsets: ahead of the offset of January or of July. */
function isDaylight(timeZone: string, ms: number): boolean {
  const zone = zoneOffsets(timeZone);
  const year = new Date(ms).getUTCFullYear();
  const offset = zone.offset(ms);
  return offset > zone.offset(Date.UTC(year, 0, 1)) || offset > zone.offset(Date.UTC(year, 6, 1));
}

function yearOf(t: ZoneTransition): number {
  return new Date(t.ms + t.before * MINUTE_MS).getUTCFullYear();
}

/**
 * `FREQ=YEARLY;BYMONTH=m;BYDAY=<n|-1><day>` when the group is one change a year, in consecutive
 * years, on the same weekday of the same month at the same local time; otherwise null.
 */
function yearlyRule(group: ZoneTransition[]): string | null {
  if (group.length < 2) return null;
  const walls = group.map((t) => new Date(t.ms + t.before * MINUTE_MS));
  const shape = (d: Date) =>
    `${d.getUTCMonth()}|${d.getUTCDay()}|${d.getUTCHours()}:${d.getUTCMinutes()}:${d.getUTCSeconds()}`;
  const first = walls[0]!;
  const sameShape = walls.every(
    (d, i) => shape(d) === shape(first) && d.getUTCFullYear() === first.getUTCFullYear() + i,
  );
  if (!sameShape) return null;
  const isLast = (d: Date) => d.getUTCDate() + 7 > daysInMonth(d.getUTCFullYear(), d.getUTCMonth() + 1);
  const nth = (d: Date) => Math.ceil(d.getUTCDate() / 7);
  let ordinal: number | null = null;
  if (walls.every(isLast)) ordinal = -1;
  else if (walls.every((d) => nth(d) === nth(first)) && nth(first) <= 4) ordinal = nth(first);
  if (ordinal === null) return null;
  return `FREQ=YEARLY;BYMONTH=${first.getUTCMonth() + 1};BYDAY=${ordinal}${WEEKDAYS[first.getUTCDay()]}`;
}
