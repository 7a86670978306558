// Agenda records from synced fields: a new record for an object first seen on the server, or the
// local record with the server's (or the merged) fields laid over it, keeping this device's
// firing bookkeeping when the item's times did not change.
import { occurrenceAfter } from '../reminders/occurrences';
import { describeRecurrence } from '../reminders/recurrence-wording';
import type { AppointmentRecord, ReminderRecord } from '../reminders/reminder-store-schema';
import { toZonedIso } from '../reminders/zone-offsets';
import type { ItemFields } from './item-fields';

export interface RecordContext {
  id: string;
  /** The zone the item's times are shown and repeated in. */
  timeZone: string;
  now: Date;
  calendar: { name: string; color: string | null } | null;
  /** The series' coming starts when it is more than its RRULE (see synced-series.ts). */
  nextStarts: string[] | undefined;
  history: string[] | undefined;
}

export function reminderFromFields(
  fields: ItemFields,
  current: ReminderRecord | null,
  ctx: RecordContext,
): ReminderRecord {
  const zone = current?.timeZone ?? ctx.timeZone;
  const start = toZonedIso(new Date(fields.start), zone);
  const sameTimes = current !== null && current.start === start && current.rrule === fields.rrule;
  const due = sameTimes ? current.due : nextDue(fields, start, zone, ctx);
  const done = fields.done;
  const snoozedUntil = fields.snoozedUntil === null ? null : toZonedIso(new Date(fields.snoozedUntil), zone);
  return {
    id: ctx.id,
    title: fields.title,
    due,
    start,
    rrule: fields.rrule,
    notes: fields.notes,
    timeZone: zone,
    status: done ? 'done' : 'pending',
    snoozedUntil: done ? null : snoozedUntil,
    firedFor: sameTimes ? current.firedFor : null,
    createdAt: current?.createdAt ?? ctx.now.toISOString(),
    updatedAt: ctx.now.toISOString(),
    doneAt: done ? (current?.doneAt ?? ctx.now.toISOString()) : null,
    recurrenceText: wording(fields.rrule, start, zone),
    history: ctx.history,
    calendar: ctx.calendar,
    sourceKey: current?.sourceKey ?? null,
    nextStarts: ctx.nextStarts,
  };
}

export function appointmentFromFields(
  fields: ItemFields,
  current: AppointmentRecord | null,
  ctx: RecordContext,
): AppointmentRecord {
  const zone = current?.timeZone ?? ctx.timeZone;
  const firstStart = toZonedIso(new Date(fields.start), zone);
  const length = (fields.end ?? fields.start) - fields.start;
  const sameTimes =
    current !== null &&
    current.firstStart === firstStart &&
    current.rrule === fields.rrule &&
    Date.parse(current.end) - Date.parse(current.start) === length;
  const start = sameTimes ? current.start : nextDue(fields, firstStart, zone, ctx);
  return {
    id: ctx.id,
    title: fields.title,
    start,
    end: toZonedIso(new Date(Date.parse(start) + length), zone),
    firstStart,
    location: fields.location,
    notes: fields.notes,
    rrule: fields.rrule,
    remindMinutesBefore: fields.remindMinutesBefore ?? 0,
    timeZone: zone,
    firedFor: sameTimes ? current.firedFor : null,
    createdAt: current?.createdAt ?? ctx.now.toISOString(),
    updatedAt: ctx.now.toISOString(),
    recurrenceText: wording(fields.rrule, firstStart, zone),
    history: ctx.history,
    calendar: ctx.calendar,
    sourceKey: current?.sourceKey ?? null,
    nextStarts: ctx.nextStarts,
  };
}

/**
 * A series' occurrence to show and fire next: its first start while that is ahead, else the most
 * recent start not yet over an hour old or the next one (so a series started long ago does not
 * stay on its first date).
 */
function nextDue(fields: ItemFields, first: string, zone: string, ctx: RecordContext): string {
  if (fields.rrule === null || fields.start >= ctx.now.getTime()) return first;
  const after = new Date(ctx.now.getTime() - 3_600_000);
  if (ctx.nextStarts !== undefined) {
    const next = ctx.nextStarts.find((start) => Date.parse(start) > after.getTime());
    return next ?? ctx.nextStarts.at(-1) ?? first;
  }
  const next = occurrenceAfter(fields.rrule, first, zone, after);
  return next === null ? first : toZonedIso(next, zone);
}

/** The rule in words, or null when our wording cannot read it (ical.js still expands it). */
function wording(rrule: string | null, start: string, zone: string): string | null {
  if (rrule === null) return null;
  try {
    return describeRecurrence(rrule, start, zone);
  } catch {
    return null;
  }
}
