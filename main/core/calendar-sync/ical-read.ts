// One calendar object read into Aide's terms: a VTODO as a reminder, a VEVENT as an appointment,
// times as instants in the item's IANA zone (the person's zone for UTC, floating and all-day).
import ICAL from 'ical.js';
import { toZonedIso } from '../reminders/zone-offsets';
import { isStartRelative, primaryAlarm, ringingAlarms } from './ical-alarms';
import { MalformedCalendarObjectError, itemOf, parseVcalendar, textValue, type ItemComponents } from './ical-parse';
import { TimeReader, prepareZones } from './ical-zones';
import type { ParsedCalendarObject } from './sync-types';

export { MalformedCalendarObjectError } from './ical-parse';

/** The item of `ics`; throws MalformedCalendarObjectError with a short reason when Aide cannot read it. */
export function parseCalendarObject(ics: string, personZone: string): ParsedCalendarObject {
  const { item, reader } = openForReading(ics, personZone);
  return decoding(() => readItem(item, reader));
}

/** Parses and prepares the zones of an object for reading (ical-read and ical-expand). */
export function openForReading(ics: string, personZone: string): { item: ItemComponents; reader: TimeReader } {
  const vcalendar = parseVcalendar(ics);
  const item = itemOf(vcalendar);
  prepareZones(vcalendar);
  return { item, reader: new TimeReader(personZone) };
}

/** Runs `read`, turning ical.js failures on values it cannot decode into MalformedCalendarObjectError. */
export function decoding<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof MalformedCalendarObjectError) throw error;
    throw new MalformedCalendarObjectError('it has a value that cannot be read');
  }
}

/** The property the item's start is read from: a task's DUE (DTSTART without one), an event's DTSTART. */
export function startProperty(item: ItemComponents): ICAL.Property {
  const { master } = item;
  const property =
    item.name === 'vtodo'
      ? (master.getFirstProperty('due') ?? master.getFirstProperty('dtstart'))
      : master.getFirstProperty('dtstart');
  if (property === null)
    throw new MalformedCalendarObjectError(
      item.name === 'vtodo' ? 'the task has no due time (DUE or DTSTART)' : 'the event has no start (DTSTART)',
    );
  return property;
}

/** The start as an ical.js time with its TZID, checked. */
export function startTime(item: ItemComponents): { time: ICAL.Time; tzid: string | null } {
  const property = startProperty(item);
  const time = property.getFirstValue();
  if (!(time instanceof ICAL.Time)) throw new MalformedCalendarObjectError('its start is not a date or time');
  const tzid = property.getParameter('tzid');
  return { time, tzid: typeof tzid === 'string' ? tzid : null };
}

function readItem(item: ItemComponents, reader: TimeReader): ParsedCalendarObject {
  const { master } = item;
  const start = startTime(item);
  const timeZone = reader.zoneOf(start.time, start.tzid);
  const iso = (ms: number) => toZonedIso(new Date(ms), timeZone);
  const startMs = reader.instant(start.time, start.tzid);
  const isTask = item.name === 'vtodo';
  const completedMs = isTask ? reader.propertyInstant(master, 'completed') : null;
  const modifiedMs = reader.propertyInstant(master, 'last-modified') ?? reader.propertyInstant(master, 'dtstamp');
  const alarm = primaryAlarm(master);
  const acknowledged = alarm === null ? null : reader.propertyInstant(alarm, 'acknowledged');
  return {
    uid: item.uid,
    kind: isTask ? 'reminder' : 'appointment',
    title: textValue(master, 'summary') ?? '',
    notes: textValue(master, 'description'),
    location: textValue(master, 'location'),
    start: iso(startMs),
    end: isTask ? null : iso(endMs(master, start.time, startMs, reader)),
    allDay: start.time.isDate,
    timeZone,
    rrule: master.hasProperty('rrule') ? String(master.getFirstPropertyValue('rrule')) : null,
    hasExceptions: master.hasProperty('exdate') || master.hasProperty('rdate') || item.overrides.length > 0,
    done: isTask && ((textValue(master, 'status') ?? '').toUpperCase() === 'COMPLETED' || completedMs !== null),
    completedAt: completedMs === null ? null : iso(completedMs),
    remindMinutesBefore: minutesBefore(master),
    acknowledgedAt: acknowledged === null ? null : iso(acknowledged),
    lastModified: modifiedMs === null ? null : iso(modifiedMs),
  };
}

/** DTEND, or DTSTART + DURATION, or (RFC 5545 §3.6.1) the end of the day for a date, the start itself for a time. */
export function endMs(component: ICAL.Component, start: ICAL.Time, startMs: number, reader: TimeReader): number {
  const end = reader.propertyInstant(component, 'dtend');
  if (end !== null) return end;
  const duration = component.getFirstPropertyValue('duration');
  const length = duration instanceof ICAL.Duration ? duration : start.isDate ? ICAL.Duration.fromSeconds(86_400) : null;
  if (length === null) return startMs;
  const shifted = start.clone();
  shifted.addDuration(length);
  const tzid = component.getFirstProperty('dtstart')?.getParameter('tzid');
  return reader.instant(shifted, typeof tzid === 'string' ? tzid : null);
}

/** Minutes before the start of the item's alarm; null when it has none that rings at or before the start. */
function minutesBefore(component: ICAL.Component): number | null {
  const alarm = ringingAlarms(component).find(isStartRelative);
  if (alarm === undefined) return null;
  const seconds = (alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds();
  return seconds > 0 ? null : Math.round(-seconds / 60);
}
