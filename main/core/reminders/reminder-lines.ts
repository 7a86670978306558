// The lines of reminders.jsonl and its journal: a header (the snapshot's first line), one change
// per line (an item's whole record, or null once deleted), and a batch header saying that the next
// n changes were written together, so a batch cut short by a crash is dropped whole.
import { fitsSchema } from '../storage/open-store';
import type { ItemKind } from './reminder-items';
import { AppointmentRecord, ReminderRecord } from './reminder-store-schema';

export interface ItemRecords {
  reminder: ReminderRecord;
  appointment: AppointmentRecord;
}

export type Change = {
  [K in ItemKind]: { kind: K; id: string; record: ItemRecords[K] | null };
}[ItemKind];

export type Line = { type: 'header' } | { type: 'batch'; size: number } | { type: 'change'; change: Change };

/** The snapshot's first line; a later layout would raise the version and migrate. */
export const SNAPSHOT_HEADER = JSON.stringify({ aide: 'reminders', version: 1 });

const SCHEMAS = { reminder: ReminderRecord, appointment: AppointmentRecord } as const;

export function changeLine(change: Change): string {
  return JSON.stringify(change);
}

export function batchLine(size: number): string {
  return JSON.stringify({ batch: size });
}

/**
 * The line read and checked, or null when it does not parse or fit. With `pool` (one per file
 * read), a record's repeated strings are shared with earlier records'.
 */
export function readLine(text: string, pool?: Map<string, string>): Line | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  if (value.aide === 'reminders' && value.version === 1) return { type: 'header' };
  if (Number.isInteger(value.batch) && (value.batch as number) > 1)
    return { type: 'batch', size: value.batch as number };
  const { kind, id, record } = value;
  if ((kind !== 'reminder' && kind !== 'appointment') || typeof id !== 'string') return null;
  if (record === null) return { type: 'change', change: { kind, id, record: null } };
  if (!isObject(record) || record.id !== id || fitsSchema(SCHEMAS[kind], record) !== true) return null;
  if (pool !== undefined) shareStrings(record, pool);
  return { type: 'change', change: { kind, id: record.id, record } as Change };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Fields whose values repeat across items (every item's zone, a few rules and their wording). */
const POOLED = ['timeZone', 'rrule', 'recurrenceText', 'notes'] as const;

/**
 * JSON.parse makes a string of its own for every value: for 10,000 reminders, one "Europe/Berlin"
 * each. Sharing equal values (and an item's equal dates) takes a loaded reminder from ~680 to ~500
 * bytes, and as the loaded items survive the young generation, each garbage collection while they
 * load copies that much less.
 */
function shareStrings(record: Record<string, unknown>, pool: Map<string, string>): void {
  for (const key of POOLED) {
    const value = record[key];
    if (typeof value !== 'string' || value.length > 64) continue;
    const shared = pool.get(value);
    if (shared === undefined) pool.set(value, value);
    else record[key] = shared;
  }
  if (record.updatedAt === record.createdAt) record.updatedAt = record.createdAt;
  if (record.start === record.due) record.start = record.due;
}
