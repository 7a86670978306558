// What the engine remembers between syncs (calendar-sync.json): per calendar its sync token and
// ctag, per synced item where it lives on the server (href, ETag, UID) and the last synced text,
// the base of three-way merges and of what Aide keeps when it writes an object back.
import { z } from 'zod';
import type { StoreFactory } from '../core-options';
import type { Clock } from '../ports';
import type { ItemKind, ItemRef } from '../reminders/reminder-items';
import { openCheckedStore } from '../storage/open-store';

const Fields = z.object({
  title: z.string(),
  notes: z.string().nullable(),
  location: z.string().nullable(),
  start: z.number(),
  end: z.number().nullable(),
  rrule: z.string().nullable(),
  done: z.boolean(),
  remindMinutesBefore: z.number().nullable(),
  snoozedUntil: z.number().nullable(),
});

const SyncedItem = z.object({
  kind: z.enum(['reminder', 'appointment']),
  id: z.string(),
  uid: z.string(),
  calendarUrl: z.string(),
  href: z.string(),
  etag: z.string().nullable(),
  /** The object's text as last synced. */
  ics: z.string(),
  /** Its fields as last synced (the merge base). */
  fields: Fields,
  /** Made in Aide (kept on disconnect) or first seen on the server (dropped on disconnect). */
  origin: z.enum(['aide', 'server']),
});
export type SyncedItem = z.output<typeof SyncedItem>;

const CalendarState = z.object({
  name: z.string(),
  color: z.string().nullable(),
  readOnly: z.boolean(),
  syncToken: z.string().nullable(),
  ctag: z.string().nullable(),
  /** When a pull of it last finished (ISO), or null before the first. */
  lastSyncAt: z.string().nullable(),
});
export type CalendarState = z.output<typeof CalendarState>;

const SyncStateFile = z.object({
  calendars: z.record(z.string(), CalendarState),
  items: z.record(z.string(), SyncedItem),
  /** Where new reminders and appointments go, as of the last sync. */
  target: z.object({ reminders: z.string().nullable(), appointments: z.string().nullable() }),
});
type SyncStateFile = z.output<typeof SyncStateFile>;

const empty = (): SyncStateFile => ({ calendars: {}, items: {}, target: { reminders: null, appointments: null } });

export const itemKey = (ref: ItemRef): string => `${ref.kind}:${ref.id}`;

export class SyncState {
  readonly notice: string | null;
  private readonly write: (data: SyncStateFile) => void;
  private data: SyncStateFile;
  private readonly byHref = new Map<string, SyncedItem>();
  private depth = 0;
  private dirty = false;

  constructor(openStore: StoreFactory, dataDir: string, clock: Clock) {
    const opened = openCheckedStore(
      openStore,
      {
        name: 'calendar-sync',
        cwd: dataDir,
        defaults: empty(),
        projectVersion: '1.0.0',
        serialize: (value) => JSON.stringify(value),
      },
      SyncStateFile,
      () => clock.now(),
    );
    this.write = opened.write;
    this.notice = opened.notice;
    this.data = opened.data;
    for (const item of Object.values(this.data.items)) this.byHref.set(item.href, item);
  }

  get target(): SyncStateFile['target'] {
    return this.data.target;
  }

  setTarget(target: SyncStateFile['target']): void {
    this.data.target = target;
    this.commit();
  }

  calendar(url: string): CalendarState | undefined {
    return this.data.calendars[url];
  }

  calendarUrls(): string[] {
    return Object.keys(this.data.calendars);
  }

  setCalendar(url: string, state: CalendarState): void {
    this.data.calendars[url] = state;
    this.commit();
  }

  removeCalendar(url: string): void {
    delete this.data.calendars[url];
    this.commit();
  }

  item(ref: ItemRef): SyncedItem | undefined {
    return this.data.items[itemKey(ref)];
  }

  itemByHref(href: string): SyncedItem | undefined {
    return this.byHref.get(href);
  }

  items(): SyncedItem[] {
    return Object.values(this.data.items);
  }

  itemsOf(calendarUrl: string): SyncedItem[] {
    return this.items().filter((item) => item.calendarUrl === calendarUrl);
  }

  putItem(item: SyncedItem): void {
    const key = itemKey(item);
    const old = this.data.items[key];
    if (old) this.byHref.delete(old.href);
    this.data.items[key] = item;
    this.byHref.set(item.href, item);
    this.commit();
  }

  removeItem(ref: { kind: ItemKind; id: string }): void {
    const key = itemKey(ref);
    const old = this.data.items[key];
    if (!old) return;
    this.byHref.delete(old.href);
    delete this.data.items[key];
    this.commit();
  }

  clear(): void {
    this.data = empty();
    this.byHref.clear();
    this.commit();
  }

  /** Runs `change` with one write of the file at the end. */
  batch<T>(change: () => T): T {
    this.depth++;
    try {
      return change();
    } finally {
      this.depth--;
      if (this.depth === 0 && this.dirty) this.flush();
    }
  }

  private commit(): void {
    this.dirty = true;
    if (this.depth === 0) this.flush();
  }

  private flush(): void {
    this.dirty = false;
    this.write(this.data);
  }
}
