// Turns the agenda's change notifications into outbox entries: an edit, completion, snooze or
// deletion of a synced item, or a new item bound for the reminders/appointments calendar. Firing
// bookkeeping (which changes no synced field) and changes that came from the server stay out.
import type { ItemRef } from '../reminders/reminder-items';
import type { EngineParts } from './engine-parts';
import { fieldsOfRecord, sameFields } from './item-fields';
import { itemKey } from './sync-state';

/** Records the changed items; true when any entered the outbox. */
export function recordLocalChanges(parts: EngineParts, refs: readonly ItemRef[]): boolean {
  let recorded = false;
  for (const ref of refs) if (recordOne(parts, ref)) recorded = true;
  return recorded;
}

function recordOne(parts: EngineParts, ref: ItemRef): boolean {
  const { agenda, state, outbox } = parts;
  const key = itemKey(ref);
  const record = agenda.storedRecord(ref.kind, ref.id);
  const known = state.item(ref);
  if (!record) {
    if (!known) {
      outbox.clear(key);
      return false;
    }
    if (state.calendar(known.calendarUrl)?.readOnly) return false;
    outbox.set({ key, kind: ref.kind, id: ref.id, op: 'delete', href: known.href, etag: known.etag });
    return true;
  }
  if (known) {
    if (state.calendar(known.calendarUrl)?.readOnly) return false;
    if (sameFields(fieldsOfRecord(record), known.fields)) return false;
  } else if (state.target[ref.kind === 'reminder' ? 'reminders' : 'appointments'] === null) {
    return false;
  }
  outbox.set({ key, kind: ref.kind, id: ref.id, op: 'put', href: null, etag: null });
  return true;
}
