// Sends the outbox to the server: creations with If-None-Match: *, edits and deletions with
// If-Match. UID-based hrefs make a retried push land on the same object, never a copy; a 412
// fetches the server copy, merges it (apply-remote.ts) and tries again.
import type { AppointmentRecord, ReminderRecord } from '../reminders/reminder-store-schema';
import { applyRemote } from './apply-remote';
import { objectName, uidForId, type EngineParts } from './engine-parts';
import { fieldsOfRecord } from './item-fields';
import type { OutboxEntry } from './outbox';
import type { SyncedItem } from './sync-state';
import { CalDavError, type CalDavConnection, type SyncReport } from './sync-types';

const MAX_ATTEMPTS = 3;

/** Pushes every waiting change; a failure of the server itself (down, auth) stops and keeps the rest waiting. */
export async function pushOutbox(parts: EngineParts, connection: CalDavConnection, report: SyncReport): Promise<void> {
  for (const entry of parts.outbox.list()) {
    try {
      if (entry.op === 'delete') await pushDeletion(parts, connection, entry);
      else await pushItem(parts, connection, entry, report);
    } catch (error) {
      if (!(error instanceof CalDavError) || !skippable(error)) throw error;
      report.skipped.push(
        `A change to ${nameOf(parts, entry)} could not be saved on the calendar server: ${error.userMessage}`,
      );
      parts.outbox.settle(entry);
    }
  }
}

/** Refusals of one object; anything else (down, auth, TLS, calendar gone) is the whole sync's problem. */
function skippable(error: CalDavError): boolean {
  return error.kind === 'forbidden' || error.kind === 'malformed';
}

/** The local deletion wins over a change made on the server meanwhile. */
async function pushDeletion(parts: EngineParts, connection: CalDavConnection, entry: OutboxEntry): Promise<void> {
  if (entry.href !== null) {
    try {
      await connection.remove(entry.href, entry.etag);
    } catch (error) {
      if (!(error instanceof CalDavError) || error.kind !== 'conflict') throw error;
      await connection.remove(entry.href, null);
    }
  }
  parts.state.removeItem(entry);
  parts.outbox.settle(entry);
}

async function pushItem(
  parts: EngineParts,
  connection: CalDavConnection,
  waiting: OutboxEntry,
  report: SyncReport,
): Promise<void> {
  let entry = waiting;
  for (let attempt = 1; ; attempt++) {
    const record = parts.agenda.storedRecord(entry.kind, entry.id);
    const known = parts.state.item(entry);
    const calendarUrl =
      known?.calendarUrl ?? parts.state.target[entry.kind === 'reminder' ? 'reminders' : 'appointments'];
    if (!record || calendarUrl === null || parts.state.calendar(calendarUrl)?.readOnly) {
      parts.outbox.settle(entry);
      return;
    }
    const uid = known?.uid ?? uidForId(record.id);
    const href = known?.href ?? `${calendarUrl}${encodeURIComponent(record.id)}.ics`;
    const ics = acknowledged(parts, entry, record, toIcs(parts, record, known ?? null));
    try {
      const { etag } = await connection.put(href, ics, known?.etag ?? null);
      parts.state.putItem({
        kind: entry.kind,
        id: entry.id,
        uid,
        calendarUrl,
        href,
        etag,
        ics,
        fields: fieldsOfRecord(record),
        origin: known?.origin ?? 'aide',
      });
      showCalendar(parts, entry, calendarUrl);
      parts.outbox.settle(entry);
      report.pushed++;
      return;
    } catch (error) {
      if (!(error instanceof CalDavError) || error.kind !== 'conflict' || attempt >= MAX_ATTEMPTS) throw error;
    }
    if (!(await mergeServerCopy(parts, connection, entry, href, calendarUrl, report))) return;
    // The merge queued the merged item afresh: that entry is the one this push now settles.
    entry = parts.outbox.get(entry.key) ?? entry;
  }
}

/**
 * After a 412: the server's copy merged into the item. True when the merge still has to reach the
 * server (try again with the new ETag), false when the server copy already says it all.
 */
async function mergeServerCopy(
  parts: EngineParts,
  connection: CalDavConnection,
  entry: OutboxEntry,
  href: string,
  calendarUrl: string,
  report: SyncReport,
): Promise<boolean> {
  const server = await connection.get(href);
  const known = parts.state.item(entry);
  if (server === null) {
    // Deleted on the server while changed here: the change is newer news, so it is created again.
    if (known) parts.state.putItem({ ...known, etag: null });
    return true;
  }
  let parsed;
  try {
    parsed = parts.mapping.parseCalendarObject(server.ics, parts.timeZone());
  } catch {
    throw new CalDavError('malformed', `the server holds ${objectName(server.ics, href)} in a form Aide cannot read.`);
  }
  const applied = parts.quietly(() => applyRemote(parts, calendarUrl, server, parsed));
  report.conflicts += applied.conflicts;
  if (applied.changed) report.pulled++;
  if (!applied.needsPush) parts.outbox.settle(entry);
  return applied.needsPush;
}

/**
 * The item as a calendar object, on top of the last synced text when there is one. A reminder's
 * own alarm keeps its due time; a new snooze or a completion is written the RFC 9074 way (a snooze
 * alarm related to it, ACKNOWLEDGED), so other devices stop ringing for it.
 */
function toIcs(parts: EngineParts, record: ReminderRecord | AppointmentRecord, known: SyncedItem | null): string {
  const now = parts.clock.now();
  const options = { existing: known?.ics ?? null, now };
  if (!('due' in record)) {
    const { sourceKey: _key, nextStarts: _starts, ...appointment } = record;
    return parts.mapping.appointmentToIcs(appointment, options);
  }
  const { sourceKey: _key, nextStarts: _starts, ...reminder } = record;
  const ics = parts.mapping.reminderToIcs({ ...reminder, snoozedUntil: null }, options);
  if (reminder.status === 'done') return known?.fields.done ? ics : parts.mapping.acknowledgeAlarm(ics, now);
  const until = reminder.snoozedUntil === null ? null : Date.parse(reminder.snoozedUntil);
  if (until === null || known?.fields.snoozedUntil === until) return ics;
  return parts.mapping.snoozeAlarm(ics, new Date(until), now);
}

/**
 * A dismissal (a notification closed without Snooze or Done) as RFC 9074 ACKNOWLEDGED, while the
 * item still waits at the time it fired for: a new time since (or a snooze, which writes its own)
 * means the dismissal no longer applies.
 */
function acknowledged(
  parts: EngineParts,
  entry: OutboxEntry,
  record: ReminderRecord | AppointmentRecord,
  ics: string,
): string {
  const dismissal = entry.acknowledge;
  if (!dismissal || record.firedFor !== dismissal.firedFor) return ics;
  if (
    'due' in record &&
    (record.status !== 'pending' || (record.snoozedUntil ?? dismissal.firedFor) !== dismissal.firedFor)
  )
    return ics;
  return parts.mapping.acknowledgeAlarm(ics, new Date(dismissal.at));
}

function showCalendar(parts: EngineParts, entry: OutboxEntry, calendarUrl: string): void {
  const calendar = parts.state.calendar(calendarUrl);
  const shown = calendar ? { name: calendar.name, color: calendar.color } : null;
  parts.quietly(() => {
    if (entry.kind === 'reminder') {
      const record = parts.agenda.storedRecord('reminder', entry.id);
      if (record && !sameCalendar(record.calendar, shown))
        parts.agenda.putStoredRecord('reminder', { ...record, calendar: shown });
    } else {
      const record = parts.agenda.storedRecord('appointment', entry.id);
      if (record && !sameCalendar(record.calendar, shown))
        parts.agenda.putStoredRecord('appointment', { ...record, calendar: shown });
    }
  });
}

type CalendarTag = { name: string; color: string | null } | null | undefined;

function sameCalendar(a: CalendarTag, b: CalendarTag): boolean {
  return (a ?? null) === (b ?? null) || (a?.name === b?.name && a?.color === b?.color);
}

function nameOf(parts: EngineParts, entry: OutboxEntry): string {
  const record = parts.agenda.storedRecord(entry.kind, entry.id);
  return record ? `"${record.title}"` : `a deleted ${entry.kind}`;
}
