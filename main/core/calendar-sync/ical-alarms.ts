// Alarms of a task or event: which one is the item's own alarm, and RFC 9074 dismiss
// (ACKNOWLEDGED) and snooze (a RELATED-TO;RELTYPE=SNOOZE alarm), so a reminder dismissed on one
// device stops ringing on the next.
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { calendarText, itemOf, parseVcalendar, textValue } from './ical-parse';

const RINGING_ACTIONS = new Set(['DISPLAY', 'AUDIO']);

/** RFC 9074 §4: a snooze alarm relates to the alarm it snoozes with RELTYPE=SNOOZE. */
export function snoozedAlarmUid(alarm: ICAL.Component): string | null {
  for (const property of alarm.getAllProperties('related-to')) {
    const reltype = property.getParameter('reltype');
    if (typeof reltype === 'string' && reltype.toUpperCase() === 'SNOOZE') return String(property.getFirstValue());
  }
  return null;
}

/** Display and sound alarms that are not snooze alarms, in order. */
export function ringingAlarms(component: ICAL.Component): ICAL.Component[] {
  return component
    .getAllSubcomponents('valarm')
    .filter(
      (alarm) =>
        RINGING_ACTIONS.has((textValue(alarm, 'action') ?? '').toUpperCase()) && snoozedAlarmUid(alarm) === null,
    );
}

/** True when the alarm's TRIGGER is a duration relative to the start (the default, RELATED=START). */
export function isStartRelative(alarm: ICAL.Component): boolean {
  const trigger = alarm.getFirstProperty('trigger');
  if (trigger === null || trigger.type !== 'duration') return false;
  const related = trigger.getParameter('related');
  return typeof related !== 'string' || related.toUpperCase() === 'START';
}

/**
 * The item's own alarm, which Aide's reminder time (or minutes before) maps to: for a task the
 * first ringing alarm, for an event the first ringing alarm relative to its start. Null when the
 * object has none; other alarms are someone else's and are left alone.
 */
export function primaryAlarm(component: ICAL.Component): ICAL.Component | null {
  const alarms = ringingAlarms(component);
  return (component.name === 'vtodo' ? alarms[0] : alarms.find(isStartRelative)) ?? null;
}

/** The alarm's UID, added when it has none (RFC 9074 §4 needs it for RELATED-TO). */
export function ensureAlarmUid(alarm: ICAL.Component): string {
  const uid = textValue(alarm, 'uid');
  if (uid !== null) return uid;
  const fresh = randomUUID();
  alarm.addPropertyWithValue('uid', fresh);
  return fresh;
}

export function utcTime(date: Date): ICAL.Time {
  return ICAL.Time.fromJSDate(date, true);
}

/** TRIGGER;VALUE=DATE-TIME:<UTC>, the absolute form every client rings at the same instant. */
export function setAbsoluteTrigger(alarm: ICAL.Component, at: Date): void {
  const trigger = alarm.getFirstProperty('trigger') ?? alarm.addProperty(new ICAL.Property('trigger'));
  trigger.removeParameter('related');
  trigger.resetType('date-time');
  trigger.setValue(utcTime(at));
}

/** Dismissed: ACKNOWLEDGED on every ringing alarm of the item (and its overrides); its snooze alarms are removed (RFC 9074 §6). */
export function acknowledgeAlarm(ics: string, at: Date): string {
  const vcalendar = parseVcalendar(ics);
  const item = itemOf(vcalendar);
  for (const component of [item.master, ...item.overrides]) {
    for (const alarm of ringingAlarms(component)) alarm.updatePropertyWithValue('acknowledged', utcTime(at));
    for (const alarm of component.getAllSubcomponents('valarm')) {
      if (snoozedAlarmUid(alarm) !== null) component.removeSubcomponent(alarm);
    }
  }
  return calendarText(vcalendar);
}

/**
 * The item's time moved: a dismissal or snooze was for the old time, so its alarms lose
 * ACKNOWLEDGED and its snooze alarms go (RFC 9074 §5: ACKNOWLEDGED at or after a trigger silences it).
 */
export function rearmAlarms(component: ICAL.Component): void {
  for (const alarm of component.getAllSubcomponents('valarm')) {
    if (snoozedAlarmUid(alarm) !== null) component.removeSubcomponent(alarm);
    else alarm.removeAllProperties('acknowledged');
  }
}

/**
 * Snoozed until `until`: the item's alarm is acknowledged at `now`, an earlier snooze of it is
 * replaced, and a snooze alarm at `until` relates to it (RFC 9074 §6). An item without an alarm
 * gets a plain absolute alarm at `until`, as there is nothing to relate to.
 */
export function snoozeAlarm(ics: string, until: Date, now: Date): string {
  const vcalendar = parseVcalendar(ics);
  const { master } = itemOf(vcalendar);
  const original = primaryAlarm(master);
  const snooze = new ICAL.Component('valarm');
  snooze.addPropertyWithValue('uid', randomUUID());
  snooze.addPropertyWithValue('action', 'DISPLAY');
  snooze.addPropertyWithValue('description', textValue(master, 'summary') ?? 'Reminder');
  setAbsoluteTrigger(snooze, until);
  if (original !== null) {
    const originalUid = ensureAlarmUid(original);
    original.updatePropertyWithValue('acknowledged', utcTime(now));
    for (const alarm of master.getAllSubcomponents('valarm')) {
      if (snoozedAlarmUid(alarm) === originalUid) master.removeSubcomponent(alarm);
    }
    snooze.addPropertyWithValue('related-to', originalUid).setParameter('reltype', 'SNOOZE');
  }
  master.addSubcomponent(snooze);
  return calendarText(vcalendar);
}
