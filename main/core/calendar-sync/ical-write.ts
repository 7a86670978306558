// Aide's reminders and appointments as calendar objects: a reminder is a VTODO with an absolute
// alarm, an appointment a VEVENT with an alarm minutes before; written back onto the server's
// copy, only the properties Aide owns change and everything else is kept as the server sent it.
import ICAL from 'ical.js';
import type { Appointment, Reminder } from '../../../common/contract';
import { ensureAlarmUid, isStartRelative, primaryAlarm, rearmAlarms, setAbsoluteTrigger } from './ical-alarms';
import {
  MalformedCalendarObjectError,
  calendarText,
  itemOf,
  parseVcalendar,
  textValue,
  type ItemName,
} from './ical-parse';
import { setRrule, setText, setUtc, setZoned, syncVtimezones } from './ical-properties';

export interface WriteOptions {
  /** The server's copy when the object exists there, else null. */
  existing: string | null;
  /** DTSTAMP: when this copy is made. */
  now: Date;
}

const PRODID = '-//Aide//Aide//EN';

/**
 * A reminder as a VTODO. DTSTART and DUE are both the due time (the series start when recurring:
 * RFC 5545 needs DTSTART to expand an RRULE, and clients show DUE); the alarm rings at the due
 * time, or the snoozed time.
 */
export function reminderToIcs(reminder: Reminder, options: WriteOptions): string {
  const { vcalendar, component, isNew } = openItem('vtodo', reminder.id, options.existing);
  const start = reminder.rrule === null ? reminder.due : reminder.start;
  stamp(component, reminder, options.now, isNew);
  setText(component, 'summary', reminder.title);
  setText(component, 'description', reminder.notes);
  const startMoved = setZoned(component, 'dtstart', start, reminder.timeZone);
  // RFC 5545 §3.6.2: DUE and DURATION exclude each other.
  component.removeAllProperties('duration');
  const dueMoved = setZoned(component, 'due', start, reminder.timeZone);
  setRrule(component, reminder.rrule);
  setDone(component, reminder);
  if (startMoved || dueMoved) rearmAlarms(component);
  const alarm = ownAlarm(component, reminder.title);
  setAbsoluteTrigger(alarm, new Date(reminder.snoozedUntil ?? reminder.due));
  return finish(vcalendar, component, isNew, [start, reminder.due]);
}

/** An appointment as a VEVENT; a recurring one starts at the series' first occurrence and keeps its length. */
export function appointmentToIcs(appointment: Appointment, options: WriteOptions): string {
  const { vcalendar, component, isNew } = openItem('vevent', appointment.id, options.existing);
  const start = appointment.rrule === null ? appointment.start : appointment.firstStart;
  const end = new Date(Date.parse(start) + Date.parse(appointment.end) - Date.parse(appointment.start)).toISOString();
  stamp(component, appointment, options.now, isNew);
  setText(component, 'summary', appointment.title);
  setText(component, 'location', appointment.location);
  setText(component, 'description', appointment.notes);
  const startMoved = setZoned(component, 'dtstart', start, appointment.timeZone);
  component.removeAllProperties('duration');
  setZoned(component, 'dtend', end, appointment.timeZone);
  setRrule(component, appointment.rrule);
  if (startMoved) rearmAlarms(component);
  const alarm = ownAlarm(component, appointment.title);
  const trigger = alarm.getFirstProperty('trigger');
  const seconds = -appointment.remindMinutesBefore * 60;
  if (
    trigger === null ||
    !isStartRelative(alarm) ||
    (trigger.getFirstValue() as ICAL.Duration).toSeconds() !== seconds
  ) {
    if (trigger !== null) rearmAlarms(component);
    alarm.removeAllProperties('trigger');
    alarm.addPropertyWithValue('trigger', ICAL.Duration.fromSeconds(seconds));
  }
  return finish(vcalendar, component, isNew, [start, appointment.start, appointment.end]);
}

interface OpenItem {
  vcalendar: ICAL.Component;
  component: ICAL.Component;
  isNew: boolean;
}

/** The server's copy of the item (its master), or a new calendar with a new item `<id>@aide`. */
function openItem(name: ItemName, id: string, existing: string | null): OpenItem {
  if (existing !== null) {
    const vcalendar = parseVcalendar(existing);
    const item = itemOf(vcalendar);
    if (item.name !== name) {
      throw new MalformedCalendarObjectError(
        `it holds ${item.name === 'vtodo' ? 'a task' : 'an event'}, not the ${name === 'vtodo' ? 'task' : 'event'} being written`,
      );
    }
    return { vcalendar, component: item.master, isNew: false };
  }
  const vcalendar = new ICAL.Component('vcalendar');
  vcalendar.addPropertyWithValue('version', '2.0');
  vcalendar.addPropertyWithValue('prodid', PRODID);
  const component = new ICAL.Component(name);
  component.addPropertyWithValue('uid', `${id}@aide`);
  vcalendar.addSubcomponent(component);
  return { vcalendar, component, isNew: true };
}

/** DTSTAMP is when this copy was made; LAST-MODIFIED when the person last changed the item, which decides conflicts. */
function stamp(component: ICAL.Component, item: Reminder | Appointment, now: Date, isNew: boolean): void {
  setUtc(component, 'dtstamp', now);
  if (isNew) setUtc(component, 'created', validDate(item.createdAt) ?? now);
  setUtc(component, 'last-modified', validDate(item.updatedAt) ?? now);
}

function validDate(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

function setDone(component: ICAL.Component, reminder: Reminder): void {
  if (reminder.status === 'done') {
    setText(component, 'status', 'COMPLETED');
    if (!component.hasProperty('completed'))
      setUtc(component, 'completed', validDate(reminder.doneAt ?? '') ?? new Date(reminder.updatedAt));
    if (component.hasProperty('percent-complete')) component.updatePropertyWithValue('percent-complete', 100);
    return;
  }
  setText(component, 'status', 'NEEDS-ACTION');
  component.removeAllProperties('completed');
  if (Number(component.getFirstPropertyValue('percent-complete')) === 100)
    component.removeAllProperties('percent-complete');
}

/** The item's own alarm (see primaryAlarm), created when there is none, with a UID for RFC 9074. */
function ownAlarm(component: ICAL.Component, title: string): ICAL.Component {
  let alarm = primaryAlarm(component);
  if (alarm === null) {
    alarm = new ICAL.Component('valarm');
    alarm.addPropertyWithValue('action', 'DISPLAY');
    component.addSubcomponent(alarm);
  }
  ensureAlarmUid(alarm);
  if (textValue(alarm, 'action')?.toUpperCase() === 'DISPLAY') setText(alarm, 'description', title);
  return alarm;
}

/** Adds the VTIMEZONEs (before the item in a new object) and writes the text. */
function finish(vcalendar: ICAL.Component, component: ICAL.Component, isNew: boolean, times: string[]): string {
  const years = times.map((iso) => new Date(iso).getUTCFullYear());
  const zones = syncVtimezones(vcalendar, Math.min(...years), Math.max(...years));
  if (isNew) vcalendar.removeSubcomponent(component);
  for (const zone of zones) vcalendar.addSubcomponent(zone);
  if (isNew) vcalendar.addSubcomponent(component);
  return calendarText(vcalendar);
}
