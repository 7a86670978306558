// The parts of an item that travel to and from the calendar server, as plain comparable values,
// so the local record, the last synced copy and the server's copy compare field by field.
import type { AppointmentRecord, ReminderRecord } from '../reminders/reminder-store-schema';
import { DEFAULT_REMIND_MINUTES } from '../reminders/reminder-store-schema';
import type { ParsedCalendarObject } from './sync-types';

export interface ItemFields {
  title: string;
  notes: string | null;
  location: string | null;
  /** The series' first start (a reminder's due), epoch ms. */
  start: number;
  /** An appointment's first end, epoch ms; null for a reminder. */
  end: number | null;
  rrule: string | null;
  done: boolean;
  remindMinutesBefore: number | null;
  /** A snoozed reminder's new time, epoch ms (the server copy carries it in its snooze alarm). */
  snoozedUntil: number | null;
}

export type FieldName = keyof ItemFields;

export const FIELD_NAMES: readonly FieldName[] = [
  'title',
  'notes',
  'location',
  'start',
  'end',
  'rrule',
  'done',
  'remindMinutesBefore',
  'snoozedUntil',
];

export function fieldsOfRecord(record: ReminderRecord | AppointmentRecord): ItemFields {
  if ('due' in record) {
    return {
      title: record.title,
      notes: record.notes,
      location: null,
      start: Date.parse(record.start),
      end: null,
      rrule: record.rrule,
      done: record.status === 'done',
      remindMinutesBefore: null,
      snoozedUntil: record.snoozedUntil === null ? null : Date.parse(record.snoozedUntil),
    };
  }
  const first = Date.parse(record.firstStart);
  return {
    title: record.title,
    notes: record.notes,
    location: record.location,
    start: first,
    end: first + Date.parse(record.end) - Date.parse(record.start),
    rrule: record.rrule,
    done: false,
    remindMinutesBefore: record.remindMinutesBefore,
    snoozedUntil: null,
  };
}

/**
 * The server copy's fields, with Aide's defaults where the object has none (an event without an
 * alarm reminds DEFAULT_REMIND_MINUTES before, as Aide's own do). The snooze is read from
 * `known` (the last synced fields): the mapping does not report it back.
 */
export function fieldsOfParsed(parsed: ParsedCalendarObject, known: ItemFields | null): ItemFields {
  const reminder = parsed.kind === 'reminder';
  const start = Date.parse(parsed.start);
  return {
    title: parsed.title,
    notes: parsed.notes,
    location: reminder ? null : parsed.location,
    start,
    end: reminder ? null : parsed.end === null ? start : Date.parse(parsed.end),
    rrule: parsed.rrule,
    done: reminder && parsed.done,
    remindMinutesBefore: reminder ? null : (parsed.remindMinutesBefore ?? DEFAULT_REMIND_MINUTES),
    snoozedUntil: reminder && !parsed.done ? (known?.snoozedUntil ?? null) : null,
  };
}

export function sameFields(a: ItemFields, b: ItemFields): boolean {
  return FIELD_NAMES.every((name) => a[name] === b[name]);
}
