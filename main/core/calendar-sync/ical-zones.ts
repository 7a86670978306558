// What each TZID of a calendar object means, and instants from ical.js times: an IANA name goes
// through the zone database (the same cached offsets the scheduler uses), any other TZID through
// the object's own VTIMEZONE (ical.js); UTC is UTC; floating times and all-day dates are the
// person's wall clock.
import ICAL from 'ical.js';
import { isValidTimeZone, wallToInstant, zoneOffsets } from '../reminders/zone-offsets';
import { MalformedCalendarObjectError, itemComponentsOf, tzidsUsed } from './ical-parse';
import { vtimezoneComponent } from './vtimezone';

/** The IANA zone a TZID names, or null. */
export function ianaName(tzid: string): string | null {
  if (isValidTimeZone(tzid)) return tzid;
  // Older Mozilla and Lotus exports prefix the name, e.g. "/mozilla.org/20050126_1/Europe/Berlin".
  const parts = tzid.split('/').filter((part) => part !== '');
  for (let i = 1; i < parts.length - 1; i++) {
    const candidate = parts.slice(i).join('/');
    if (isValidTimeZone(candidate)) return candidate;
  }
  return null;
}

/**
 * Makes every TZID of a parsed object resolvable by ical.js before any time value is read: an
 * IANA TZID gets a VTIMEZONE generated from the zone database (replacing the object's own, which
 * may be partial), any other TZID must be defined by the object. Only for a tree that is read,
 * never for one that is written back.
 */
export function prepareZones(vcalendar: ICAL.Component): void {
  const defined = new Map(
    vcalendar.getAllSubcomponents('vtimezone').map((z) => [String(z.getFirstPropertyValue('tzid')), z]),
  );
  const { from, to } = rawYears(vcalendar);
  for (const tzid of tzidsUsed(vcalendar)) {
    const iana = ianaName(tzid);
    if (iana === null) {
      if (!defined.has(tzid))
        throw new MalformedCalendarObjectError(`it uses the time zone "${tzid}" without defining it`);
      continue;
    }
    const own = defined.get(tzid);
    if (own !== undefined) vcalendar.removeSubcomponent(own);
    const generated = vtimezoneComponent(iana, from, to);
    generated.updatePropertyWithValue('tzid', tzid);
    vcalendar.addSubcomponent(generated);
  }
}

/** The years the item's date values span, read from the raw text so no value is decoded yet. */
function rawYears(vcalendar: ICAL.Component): { from: number; to: number } {
  const years: number[] = [];
  for (const component of itemComponentsOf(vcalendar)) {
    for (const property of component.getAllProperties()) {
      for (const raw of property.jCal.slice(3)) {
        const match = typeof raw === 'string' ? /^(\d{4})-\d\d-\d\d/.exec(raw) : null;
        if (match?.[1] !== undefined) years.push(Number(match[1]));
      }
    }
  }
  const now = new Date().getUTCFullYear();
  return years.length === 0 ? { from: now, to: now } : { from: Math.min(...years) - 1, to: Math.max(...years) + 1 };
}

/** Reads ical.js times as instants, with the person's zone for floating times and dates. */
export class TimeReader {
  constructor(readonly personZone: string) {}

  /** The instant (ms) of a time value; `tzid` is the property's TZID when read from one. */
  instant(time: ICAL.Time, tzid: string | null = null): number {
    const wall = Date.UTC(
      time.year,
      time.month - 1,
      time.day,
      time.isDate ? 0 : time.hour,
      time.isDate ? 0 : time.minute,
      time.isDate ? 0 : time.second,
    );
    if (Number.isNaN(wall)) throw new MalformedCalendarObjectError('it has a date or time that cannot be read');
    if (time.isDate) return wallToInstant(zoneOffsets(this.personZone), wall);
    if (time.zone === ICAL.Timezone.utcTimezone) return wall;
    const name = tzid ?? (time.zone === ICAL.Timezone.localTimezone ? null : (time.zone?.tzid ?? null));
    if (name === null) return wallToInstant(zoneOffsets(this.personZone), wall);
    const iana = ianaName(name);
    if (iana !== null) return wallToInstant(zoneOffsets(iana), wall);
    if (time.zone === undefined || time.zone === ICAL.Timezone.localTimezone) {
      throw new MalformedCalendarObjectError(`it uses the time zone "${name}" without defining it`);
    }
    return wall - time.zone.utcOffset(time) * 1000;
  }

  /** The instant of a property's first value, or null when it is absent. */
  propertyInstant(component: ICAL.Component, name: string): number | null {
    const property = component.getFirstProperty(name);
    if (property === null) return null;
    const value = property.getFirstValue();
    if (!(value instanceof ICAL.Time))
      throw new MalformedCalendarObjectError(`its ${name.toUpperCase()} is not a date or time`);
    const tzid = property.getParameter('tzid');
    return this.instant(value, typeof tzid === 'string' ? tzid : null);
  }

  /** The IANA zone a time is written in; the person's zone for UTC, floating and dates. */
  zoneOf(time: ICAL.Time, tzid: string | null = null): string {
    if (time.isDate || time.zone === ICAL.Timezone.utcTimezone) return this.personZone;
    const name = tzid ?? time.zone?.tzid ?? null;
    return (name === null ? null : ianaName(name)) ?? this.personZone;
  }
}
