// Lays one server object over the agenda: a new item, a changed one, or — when the item also
// changed here — the three-way merge of both, whose result waits in the outbox for the server.
import type { AppointmentRecord, ReminderRecord } from '../reminders/reminder-store-schema';
import { parseRule } from '../reminders/rrule-parse';
import { idForUid, type EngineParts } from './engine-parts';
import { fieldsOfParsed, fieldsOfRecord, sameFields, type ItemFields } from './item-fields';
import { mergeFields } from './merge';
import type { CalendarState, SyncedItem } from './sync-state';
import { appointmentFromFields, reminderFromFields, type RecordContext } from './synced-records';
import type { ParsedCalendarObject, RemoteObject } from './sync-types';

type AnyRecord = ReminderRecord | AppointmentRecord;

export interface Applied {
  /** The agenda item changed (added, edited). */
  changed: boolean;
  /** True conflicts recorded in the item's history. */
  conflicts: number;
  /** The merged item differs from the server copy: it waits in the outbox. */
  needsPush: boolean;
}

/** How far ahead the coming starts of a series with exceptions are kept (see synced-series). */
const SERIES_AHEAD_MS = 400 * 86_400_000;
const SERIES_MAX = 500;

export function applyRemote(
  parts: EngineParts,
  calendarUrl: string,
  object: RemoteObject,
  parsed: ParsedCalendarObject,
): Applied {
  const { agenda, state, clock } = parts;
  const calendar = state.calendar(calendarUrl);
  const now = clock.now();
  const known = state.itemByHref(object.href) ?? state.item({ kind: parsed.kind, id: idForUid(parsed.uid) });
  const id = known?.id ?? idForUid(parsed.uid);
  if (known && known.kind !== parsed.kind) agenda.removeStoredRecord(known.kind, known.id);
  const current: AnyRecord | null = agenda.storedRecord(parsed.kind, id) ?? null;
  const remote = fieldsOfParsed(parsed, known?.fields ?? null);
  let fields = remote;
  let history = current?.history;
  let conflicts = 0;
  if (current !== null) {
    const merged = mergeFields({
      base: known && known.kind === parsed.kind ? known.fields : null,
      local: fieldsOfRecord(current),
      remote,
      localNewer: Date.parse(current.updatedAt) > Date.parse(parsed.lastModified ?? '') || parsed.lastModified === null,
      now,
      timeZone: current.timeZone,
    });
    fields = merged.fields;
    conflicts = merged.history.length;
    if (conflicts > 0) history = [...(history ?? []), ...merged.history];
  }
  const ctx: RecordContext = {
    id,
    timeZone: parsed.timeZone,
    now,
    calendar: calendar ? { name: calendar.name, color: calendar.color } : null,
    nextStarts: seriesStarts(parts, object.ics, parsed, fields),
    history,
  };
  const since = calendar?.lastSyncAt ? Date.parse(calendar.lastSyncAt) : now.getTime();
  const record = settleFiring(recordFrom(parsed.kind, fields, current, ctx), since, parsed.acknowledgedAt);
  const changed = current === null || !sameRecord(current, record);
  if (changed) agenda.putStoredRecord(parsed.kind, record);
  const item: SyncedItem = {
    kind: parsed.kind,
    id,
    uid: parsed.uid,
    calendarUrl,
    href: object.href,
    etag: object.etag,
    ics: object.ics,
    fields: remote,
    origin: known?.origin ?? (current === null ? 'server' : 'aide'),
  };
  state.putItem(item);
  const needsPush = !sameFields(fields, remote) && !isReadOnly(calendar);
  if (needsPush)
    parts.outbox.set({ key: `${item.kind}:${id}`, kind: item.kind, id, op: 'put', href: null, etag: null });
  return { changed, conflicts, needsPush };
}

function recordFrom(
  kind: 'reminder' | 'appointment',
  fields: ItemFields,
  current: AnyRecord | null,
  ctx: RecordContext,
): AnyRecord {
  if (kind === 'reminder') return reminderFromFields(fields, current && 'due' in current ? current : null, ctx);
  return appointmentFromFields(fields, current && !('due' in current) ? current : null, ctx);
}

/**
 * The coming starts of a series that is more than its RRULE (EXDATE, RECURRENCE-ID) or whose
 * rule our own recurrence code does not read, expanded by the mapping (ical.js); undefined for a
 * plain series, which the agenda repeats itself.
 */
export function seriesStarts(
  parts: EngineParts,
  ics: string,
  parsed: ParsedCalendarObject,
  fields: ItemFields,
): string[] | undefined {
  if (fields.rrule === null || fields.rrule !== parsed.rrule) return undefined;
  if (!parsed.hasExceptions && readableRule(fields.rrule)) return undefined;
  const now = parts.clock.now().getTime();
  const from = new Date(Math.min(now - 86_400_000, fields.start));
  const occurrences = parts.mapping.occurrencesBetween(ics, from, new Date(now + SERIES_AHEAD_MS), parts.timeZone());
  return occurrences.slice(-SERIES_MAX).map((occurrence) => occurrence.start);
}

function readableRule(rrule: string): boolean {
  try {
    parseRule(rrule);
    return true;
  } catch {
    return false;
  }
}

/**
 * An item whose time came before Aide could have known of it (before the calendar's last sync;
 * for a first sync, before now), or that another device dismissed (RFC 9074 ACKNOWLEDGED), counts
 * as fired here: a first sync of a full calendar rings nothing from the past, while something
 * added on the phone that came due since the last sync still rings, once.
 */
export function settleFiring<R extends AnyRecord>(record: R, since: number, acknowledgedAt: string | null): R {
  let at: number;
  let firedFor: string;
  if ('due' in record) {
    if (record.status !== 'pending') return record;
    firedFor = record.snoozedUntil ?? record.due;
    at = Date.parse(firedFor);
  } else {
    firedFor = record.start;
    at = Date.parse(record.start) - record.remindMinutesBefore * 60_000;
  }
  if (record.firedFor === firedFor) return record;
  const acknowledged = acknowledgedAt !== null && Date.parse(acknowledgedAt) >= at;
  return at <= since || acknowledged ? { ...record, firedFor } : record;
}

function isReadOnly(calendar: CalendarState | undefined): boolean {
  return calendar?.readOnly ?? false;
}

/** Whether two records hold the same values, `updatedAt` aside (key order may differ). */
function sameRecord(a: AnyRecord, b: AnyRecord): boolean {
  const plain = (record: AnyRecord) =>
    JSON.stringify(
      Object.entries({ ...record, updatedAt: '' })
        .filter(([, v]) => v !== undefined)
        .sort(([x], [y]) => (x < y ? -1 : 1)),
    );
  return plain(a) === plain(b);
}
