// Every reminder and appointment as one iCalendar file (RFC 5545), recurrence and alarms
// included, for importing into another calendar.
import ical, { ICalAlarmType } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Appointment, Reminder } from '../../../common/contract';
import { vtimezoneText } from '../calendar-sync/vtimezone';

export interface ExportOptions {
  /** PRODID as `//company//product//language`. */
  prodId?: string;
  /** When the file is made (each event's DTSTAMP), from the core's clock; ical-generator reads the system clock without it. */
  now?: Date;
}

/**
 * Times are written as local time with TZID, never converted to UTC: a weekly 09:00 in
 * Europe/Berlin must stay at 09:00 across DST, which a UTC DTSTART plus RRULE would not do.
 * Luxon DateTimes (not Dates) go in because ical-generator formats a Date with TZID in the
 * process's own zone, not the event's. There is no VTODO in ical-generator, so a reminder is
 * a zero-length VEVENT whose alarm goes off at its start; done reminders are left out.
 */
export function exportIcs(
  reminders: readonly Reminder[],
  appointments: readonly Appointment[],
  options: ExportOptions = {},
): string {
  // Each zone used gets a VTIMEZONE (RFC 5545 §3.6.5) covering the years the items span.
  const years = [
    ...reminders.map((r) => r.start),
    ...reminders.map((r) => r.due),
    ...appointments.map((a) => a.firstStart),
    ...appointments.map((a) => a.end),
  ]
    .map((iso) => new Date(iso).getUTCFullYear())
    .filter((year) => Number.isFinite(year));
  const fromYear = years.length === 0 ? new Date().getUTCFullYear() : Math.min(...years);
  const toYear = years.length === 0 ? fromYear : Math.max(...years);
  const calendar = ical({
    prodId: options.prodId ?? '//Aide//Aide//EN',
    name: 'Aide',
    timezone: { name: null, generator: (zone) => vtimezoneText(zone, fromYear, toYear) },
  });
  const add = (item: Reminder | Appointment, alarmSecondsBefore: number, fields: EventFields) => {
    const event = calendar.createEvent({
      id: `${item.id}@aide`,
      ...(options.now !== undefined && { stamp: options.now }),
      summary: item.title,
      timezone: item.timeZone,
      description: item.notes,
      repeating: item.rrule,
      ...fields,
    });
    event.createAlarm({ type: ICalAlarmType.display, triggerBefore: alarmSecondsBefore, description: item.title });
  };
  for (const reminder of reminders) {
    if (reminder.status === 'done') continue;
    // A recurring series starts at its first occurrence so COUNT counts the same occurrences here.
    add(reminder, 0, { start: zoned(reminder.rrule === null ? reminder.due : reminder.start, reminder.timeZone) });
  }
  for (const appointment of appointments) {
    const duration = Date.parse(appointment.end) - Date.parse(appointment.start);
    const start = zoned(appointment.rrule === null ? appointment.start : appointment.firstStart, appointment.timeZone);
    add(appointment, appointment.remindMinutesBefore * 60, {
      start,
      end: start.plus({ milliseconds: duration }),
      location: appointment.location,
    });
  }
  return calendar.toString();
}

interface EventFields {
  start: DateTime;
  end?: DateTime;
  location?: string | null;
}

function zoned(iso: string, timeZone: string): DateTime {
  return DateTime.fromISO(iso, { zone: timeZone });
}
