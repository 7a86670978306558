// What the sync engine asks of the iCalendar mapping (ical-*.ts): writing Aide's items as calendar
// objects, reading objects back, expanding a series that is more than its RRULE, splitting files.
import type { Appointment, Reminder } from '../../../common/contract';
import { occurrencesBetween } from './ical-expand';
import { splitIcsFile } from './ical-import';
import { parseCalendarObject } from './ical-read';
import { acknowledgeAlarm, snoozeAlarm } from './ical-alarms';
import { appointmentToIcs, reminderToIcs } from './ical-write';
import type { Occurrence, ParsedCalendarObject } from './sync-types';

export interface MappingWriteOptions {
  /** The server's copy (the last synced text), kept where Aide does not understand it; null for a new object. */
  existing: string | null;
  /** DTSTAMP. */
  now: Date;
}

export interface CalendarMapping {
  /** The VCALENDAR (VTODO) for the reminder; a new one takes the reminder's id as its UID. */
  reminderToIcs(reminder: Reminder, options: MappingWriteOptions): string;
  /** The VCALENDAR (VEVENT) for the appointment; a new one takes the appointment's id as its UID. */
  appointmentToIcs(appointment: Appointment, options: MappingWriteOptions): string;
  /** Reads one calendar object in the person's zone; throws when it is malformed. */
  parseCalendarObject(ics: string, personZone: string): ParsedCalendarObject;
  /** The occurrences starting within [from, to), EXDATE and RECURRENCE-ID overrides applied. */
  occurrencesBetween(ics: string, from: Date, to: Date, personZone: string): Occurrence[];
  /** One VCALENDAR text per object of an `.ics` file, and a sentence for each thing left out. */
  splitIcsFile(text: string): { objects: string[]; skipped: string[] };
  /** RFC 9074 dismiss: the item's alarms ACKNOWLEDGED at `at`, its snooze alarms removed. */
  acknowledgeAlarm(ics: string, at: Date): string;
  /** RFC 9074 snooze: the item's alarm ACKNOWLEDGED at `now`, a RELATED-TO;RELTYPE=SNOOZE alarm at `until`. */
  snoozeAlarm(ics: string, until: Date, now: Date): string;
}

/** The mapping the app uses: ical.js through the ical-*.ts files. */
export const icalMapping: CalendarMapping = {
  reminderToIcs,
  acknowledgeAlarm,
  snoozeAlarm,
  appointmentToIcs,
  parseCalendarObject,
  occurrencesBetween,
  splitIcsFile,
};
