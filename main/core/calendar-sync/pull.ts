// Brings one calendar's server changes into the agenda: changed objects laid over their items
// (apply-remote.ts), objects gone from the server removed here, a malformed object skipped with a
// sentence naming it while the rest goes on.
import { applyRemote } from './apply-remote';
import { objectName, unreadableReason, type EngineParts } from './engine-parts';
import type { CalDavConnection, RemoteCalendar, RemoteObject, SyncReport } from './sync-types';

export async function pullCalendar(
  parts: EngineParts,
  connection: CalDavConnection,
  calendar: RemoteCalendar,
  report: SyncReport,
): Promise<void> {
  const { state } = parts;
  const previous = state.calendar(calendar.url);
  state.setCalendar(calendar.url, {
    name: calendar.displayName,
    color: calendar.color,
    readOnly: calendar.readOnly,
    syncToken: previous?.syncToken ?? null,
    ctag: previous?.ctag ?? null,
    lastSyncAt: previous?.lastSyncAt ?? null,
  });
  const known = new Map<string, string>();
  for (const item of state.itemsOf(calendar.url)) if (item.etag !== null) known.set(item.href, item.etag);
  // The client compares the ctag it is handed with the server's: hand it the one of the last sync.
  const asked = { ...calendar, ctag: previous?.ctag ?? null };
  const changes = await connection.changesSince(asked, previous?.syncToken ?? null, known);
  const startedAt = parts.clock.now().toISOString();
  parts.quietly(() =>
    parts.agenda.batch(() =>
      state.batch(() => {
        const deleting = pendingDeletions(parts);
        for (const object of changes.changed) {
          if (!deleting.has(object.href)) applyObject(parts, calendar, object, report);
        }
        for (const href of changes.deleted) removeGone(parts, href, report);
        const current = state.calendar(calendar.url);
        if (current)
          state.setCalendar(calendar.url, {
            ...current,
            syncToken: changes.syncToken,
            ctag: changes.ctag,
            lastSyncAt: startedAt,
          });
      }),
    ),
  );
}

function applyObject(parts: EngineParts, calendar: RemoteCalendar, object: RemoteObject, report: SyncReport): void {
  let parsed;
  try {
    parsed = parts.mapping.parseCalendarObject(object.ics, parts.timeZone());
  } catch (error) {
    report.skipped.push(
      `${capitalized(objectName(object.ics, object.href))} in the calendar "${calendar.displayName}" was skipped: ` +
        `${unreadableReason(error)}. Fix or remove it in another calendar app.`,
    );
    return;
  }
  const applied = applyRemote(parts, calendar.url, object, parsed);
  if (applied.changed) report.pulled++;
  report.conflicts += applied.conflicts;
}

/** An object gone from the server is gone here too, whatever waited to be pushed for it. */
function removeGone(parts: EngineParts, href: string, report: SyncReport): void {
  const item = parts.state.itemByHref(href);
  if (!item) return;
  parts.state.removeItem(item);
  parts.outbox.clear(`${item.kind}:${item.id}`);
  if (parts.agenda.storedRecord(item.kind, item.id)) {
    parts.agenda.removeStoredRecord(item.kind, item.id);
    report.pulled++;
  }
}

/** hrefs deleted here and not yet on the server: their server copy must not bring them back. */
function pendingDeletions(parts: EngineParts): Set<string> {
  const hrefs = new Set<string>();
  for (const entry of parts.outbox.list()) if (entry.op === 'delete' && entry.href !== null) hrefs.add(entry.href);
  return hrefs;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
