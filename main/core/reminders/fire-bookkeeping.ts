// When each item next notifies, and what a notification or Done does to it: a recurring item
// moves on to its next occurrence, a one-shot reminder stays pending until Done or Snooze.
import type { Appointment, Reminder } from '../../../common/contract';
import { occurrenceAfter } from './occurrences';
import type { Firing, ItemKind } from './reminder-items';
import type { AppointmentRecord, ReminderRecord } from './reminder-store-schema';
import { toZonedIso } from './zone-offsets';

/** When an item next notifies, and the value `firedFor` records once it has. */
interface FireTime {
  at: Date;
  firedFor: string;
}

/** Reminder: its snooze or due time while pending; appointment: start − remindMinutesBefore. */
function fireTime(item: Reminder | Appointment): FireTime | null {
  if ('due' in item) {
    if (item.status !== 'pending') return null;
    const firedFor = item.snoozedUntil ?? item.due;
    return { at: new Date(Date.parse(firedFor)), firedFor };
  }
  return { at: new Date(Date.parse(item.start) - item.remindMinutesBefore * 60_000), firedFor: item.start };
}

/**
 * Each record's firing, worked out once per record object. Records are never changed in place
 * once stored (every change stores a new object), so the cache cannot go stale; without it each
 * check parsed 10,000 dates again (12–24 ms, just before a notification).
 */
export class FiringCache {
  private readonly firings = new WeakMap<ReminderRecord | AppointmentRecord, Firing | null>();

  of(record: ReminderRecord | AppointmentRecord): Firing | null {
    let firing = this.firings.get(record);
    if (firing === undefined) {
      firing =
        'due' in record ? toFiring('reminder', record, record.due) : toFiring('appointment', record, record.start);
      this.firings.set(record, firing);
    }
    return firing;
  }
}

function toFiring(kind: ItemKind, record: ReminderRecord | AppointmentRecord, at: string): Firing | null {
  const time = fireTime(record);
  if (time === null || record.firedFor === time.firedFor) return null;
  return Object.freeze({
    kind,
    id: record.id,
    title: record.title,
    fireAt: time.at.getTime(),
    firedFor: time.firedFor,
    at,
  });
}

/**
 * The reminder once it notified for `firedFor`. A recurring one moves on to its next occurrence
 * after the later of that time and `now`, so a long sleep yields one missed notification, not one
 * per skipped occurrence.
 */
export function reminderAfterFiring(current: ReminderRecord, firedFor: string, now: number): ReminderRecord {
  const next: ReminderRecord = { ...current, firedFor };
  if (current.rrule === null) return next;
  next.snoozedUntil = null;
  const firedAt = Date.parse(firedFor);
  if (Date.parse(current.due) > firedAt) return next;
  const occurrence = nextStart(current, current.rrule, current.start, new Date(Math.max(firedAt, now)));
  if (occurrence !== null) next.due = toZonedIso(occurrence, current.timeZone);
  return next;
}

/** The appointment once it notified for `firedFor`; a recurring one moves on, keeping its duration. */
export function appointmentAfterFiring(current: AppointmentRecord, firedFor: string, now: number): AppointmentRecord {
  const next: AppointmentRecord = { ...current, firedFor };
  const firedAt = Date.parse(firedFor);
  if (current.rrule === null || Date.parse(current.start) > firedAt) return next;
  const after = new Date(Math.max(firedAt, now));
  const occurrence = nextStart(current, current.rrule, current.firstStart, after);
  if (occurrence === null) return next;
  return { ...next, start: toZonedIso(occurrence, current.timeZone), end: endKeepingDuration(current, occurrence) };
}

/**
 * The reminder after Done. One-shot: done. Recurring: moves on to the next occurrence after
 * max(now, due), as Todoist does; when firing already moved it on, Done acknowledges that fired
 * occurrence instead of skipping the next one too.
 */
export function reminderAfterDone(current: ReminderRecord, now: Date): ReminderRecord {
  const next: ReminderRecord = { ...current, snoozedUntil: null };
  const done = (): ReminderRecord => ({ ...next, status: 'done', doneAt: now.toISOString() });
  if (current.rrule === null) return done();
  if (
    current.firedFor !== null &&
    current.snoozedUntil === null &&
    Date.parse(current.firedFor) < Date.parse(current.due)
  ) {
    return { ...next, firedFor: null };
  }
  const after = new Date(Math.max(now.getTime(), Date.parse(current.due)));
  const occurrence = nextStart(current, current.rrule, current.start, after);
  if (occurrence === null) return done();
  return { ...next, due: toZonedIso(occurrence, current.timeZone), firedFor: null };
}

/**
 * The first start after `after`: from the synced list when calendar sync keeps one (a series with
 * exceptions; the list reaches a year ahead and each sync renews it), from the RRULE otherwise.
 */
function nextStart(record: ReminderRecord | AppointmentRecord, rrule: string, first: string, after: Date): Date | null {
  if (record.nextStarts === undefined) return occurrenceAfter(rrule, first, record.timeZone, after);
  const next = record.nextStarts.find((start) => Date.parse(start) > after.getTime());
  return next === undefined ? null : new Date(Date.parse(next));
}

/** The end that keeps the appointment's length when it starts at `start` instead. */
export function endKeepingDuration(appointment: AppointmentRecord, start: Date): string {
  const duration = Date.parse(appointment.end) - Date.parse(appointment.start);
  return toZonedIso(new Date(start.getTime() + duration), appointment.timeZone);
}
