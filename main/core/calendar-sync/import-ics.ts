// Reads an `.ics` file into the agenda, de-duplicated by UID: each object becomes an item (a
// reminder or an appointment), bound for the chosen calendar through the outbox when there is one.
import { seriesStarts, settleFiring } from './apply-remote';
import { idForUid, objectName, unreadableReason, type EngineParts } from './engine-parts';
import { fieldsOfParsed } from './item-fields';
import { appointmentFromFields, reminderFromFields, type RecordContext } from './synced-records';
import type { ParsedCalendarObject, SyncTarget } from './sync-types';

export interface ImportResult {
  imported: number;
  duplicates: number;
  skipped: string[];
}

export function importCalendarFile(parts: EngineParts, text: string, target: SyncTarget | null): ImportResult {
  const split = parts.mapping.splitIcsFile(text);
  const result: ImportResult = { imported: 0, duplicates: 0, skipped: [...split.skipped] };
  parts.quietly(() =>
    parts.agenda.batch(() =>
      parts.state.batch(() => {
        for (const ics of split.objects) importObject(parts, ics, target, result);
      }),
    ),
  );
  return result;
}

function importObject(parts: EngineParts, ics: string, target: SyncTarget | null, result: ImportResult): void {
  const zone = parts.timeZone();
  let parsed: ParsedCalendarObject;
  try {
    parsed = parts.mapping.parseCalendarObject(ics, zone);
  } catch (error) {
    result.skipped.push(`${objectName(ics, null)} was skipped: ${unreadableReason(error)}.`);
    return;
  }
  const id = idForUid(parsed.uid);
  if (parts.agenda.storedRecord('reminder', id) || parts.agenda.storedRecord('appointment', id)) {
    result.duplicates++;
    return;
  }
  const now = parts.clock.now();
  const calendar = parsed.kind === 'reminder' ? target?.remindersCalendar : target?.appointmentsCalendar;
  const fields = fieldsOfParsed(parsed, null);
  const nextStarts = seriesStarts(parts, ics, parsed, fields);
  const ctx: RecordContext = { id, timeZone: parsed.timeZone, now, calendar: null, nextStarts, history: undefined };
  // Anything in the file whose time has passed is history, not something to ring for now.
  if (parsed.kind === 'reminder') {
    parts.agenda.putStoredRecord('reminder', settleFiring(reminderFromFields(fields, null, ctx), now.getTime(), null));
  } else {
    parts.agenda.putStoredRecord(
      'appointment',
      settleFiring(appointmentFromFields(fields, null, ctx), now.getTime(), null),
    );
  }
  result.imported++;
  if (!calendar || calendar.readOnly) return;
  // The file's text is the base the object is written on, so its UID and what Aide does not read travel along.
  parts.state.putItem({
    kind: parsed.kind,
    id,
    uid: parsed.uid,
    calendarUrl: calendar.url,
    href: `${calendar.url}${encodeURIComponent(parsed.uid)}.ics`,
    etag: null,
    ics,
    fields,
    origin: 'aide',
  });
  parts.outbox.set({ key: `${parsed.kind}:${id}`, kind: parsed.kind, id, op: 'put', href: null, etag: null });
}
