// Setting the properties Aide owns on a component it writes back, in place and only when the
// value changes, so a property another client wrote the same way keeps its form (its TZID, an
// all-day date, its position); and the VTIMEZONE blocks for the zones the object uses.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { normalizeRRule } from '../reminders/rrule-parse';
import { tzidsUsed } from './ical-parse';
import { TimeReader, ianaName } from './ical-zones';
import { vtimezoneComponent } from './vtimezone';

/** Sets a text property, or removes it when `value` is null or empty. */
export function setText(component: ICAL.Component, name: string, value: string | null): void {
  if (value === null || value === '') {
    component.removeAllProperties(name);
    return;
  }
  if (component.getFirstPropertyValue(name) !== value) component.updatePropertyWithValue(name, value);
}

/** Sets a UTC DATE-TIME property (DTSTAMP, LAST-MODIFIED, COMPLETED). */
export function setUtc(component: ICAL.Component, name: string, date: Date): void {
  const property = component.getFirstProperty(name) ?? component.addProperty(new ICAL.Property(name));
  property.resetType('date-time');
  property.setValue(ICAL.Time.fromJSDate(date, true));
}

/**
 * Sets a DATE-TIME with TZID to the instant `iso` in `timeZone`, unless the property already
 * names that instant (read with `timeZone` for floating and all-day values). True when it moved.
 */
export function setZoned(component: ICAL.Component, name: string, iso: string, timeZone: string): boolean {
  const ms = Date.parse(iso);
  const existing = component.getFirstProperty(name);
  if (existing !== null && sameInstant(component, name, ms, timeZone)) return false;
  const wall = DateTime.fromMillis(ms, { zone: timeZone });
  const property = existing ?? component.addProperty(new ICAL.Property(name));
  property.removeParameter('value');
  property.resetType('date-time');
  property.setParameter('tzid', timeZone);
  property.setValue(
    ICAL.Time.fromData({
      year: wall.year,
      month: wall.month,
      day: wall.day,
      hour: wall.hour,
      minute: wall.minute,
      second: wall.second,
      isDate: false,
    }),
  );
  return existing !== null;
}

function sameInstant(component: ICAL.Component, name: string, ms: number, timeZone: string): boolean {
  try {
    return new TimeReader(timeZone).propertyInstant(component, name) === ms;
  } catch {
    return false;
  }
}

/** Sets or removes RRULE; a rule that means the same as the one written is left as written. */
export function setRrule(component: ICAL.Component, rrule: string | null): void {
  if (rrule === null) {
    component.removeAllProperties('rrule');
    return;
  }
  const existing = component.getFirstPropertyValue('rrule');
  if (existing !== null && sameRule(String(existing), rrule)) return;
  component.updatePropertyWithValue('rrule', ICAL.Recur.fromString(rrule));
}

function sameRule(a: string, b: string): boolean {
  try {
    return normalizeRRule(a) === normalizeRRule(b);
  } catch {
    // Parts Aide's own parser does not take (BYSETPOS, WKST …): compare as ical.js writes them.
    return ICAL.Recur.fromString(a).toString() === ICAL.Recur.fromString(b).toString();
  }
}

/**
 * One VTIMEZONE per TZID in use: an IANA zone without one, or whose own does not reach back to
 * `fromYear`, gets one generated; blocks no longer used are dropped; others are kept as written.
 */
export function syncVtimezones(vcalendar: ICAL.Component, fromYear: number, toYear: number): ICAL.Component[] {
  const used = tzidsUsed(vcalendar);
  const added: ICAL.Component[] = [];
  const defined = new Map<string, ICAL.Component>();
  for (const vtimezone of vcalendar.getAllSubcomponents('vtimezone')) {
    const tzid = String(vtimezone.getFirstPropertyValue('tzid'));
    if (!used.has(tzid) || (ianaName(tzid) !== null && firstOnsetYear(vtimezone) > fromYear))
      vcalendar.removeSubcomponent(vtimezone);
    else defined.set(tzid, vtimezone);
  }
  for (const tzid of used) {
    const iana = ianaName(tzid);
    if (defined.has(tzid) || iana === null) continue;
    const generated = vtimezoneComponent(iana, fromYear, toYear);
    generated.updatePropertyWithValue('tzid', tzid);
    added.push(generated);
  }
  return added;
}

function firstOnsetYear(vtimezone: ICAL.Component): number {
  const years = vtimezone.getAllSubcomponents().map((observance) => {
    const start = observance.getFirstPropertyValue('dtstart');
    return start instanceof ICAL.Time ? start.year : Infinity;
  });
  return Math.min(Infinity, ...years);
}
