// reminders.json in memory: read and checked once at open, then written through as one whole-file
// write per change (or per batch), telling listeners which items changed.
import type { StoreFactory } from '../core-options';
import type { Clock, Logger } from '../ports';
import { openCheckedStore } from '../storage/open-store';
import { RecordTable } from './record-table';
import type { ItemKind, ItemRef } from './reminder-items';
import {
  AppointmentRecord,
  emptyRemindersFile,
  ReminderRecord,
  REMINDERS_VERSION,
  RemindersFile,
  remindersMigrations,
} from './reminder-store-schema';

export interface ItemRecords {
  reminder: ReminderRecord;
  appointment: AppointmentRecord;
}

type Listener = (changed: readonly ItemRef[]) => void;

export interface ReminderStoreOptions {
  openStore: StoreFactory;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  /** The zone a file from before versioning is taken to be in. */
  timeZone: () => string;
}

export class ReminderStore {
  readonly notice: string | null;
  /** Writes the whole file (it is one JSON document, so a change rewrites all of it). */
  private readonly write: (data: RemindersFile) => void;
  private readonly tables: { [K in ItemKind]: RecordTable<ItemRecords[K]> };
  private readonly listeners = new Set<Listener>();
  private batchDepth = 0;
  private dirty = false;
  private changed: ItemRef[] = [];

  constructor(private readonly options: ReminderStoreOptions) {
    const now = () => options.clock.now();
    const opened = openCheckedStore(
      options.openStore,
      {
        name: 'reminders',
        cwd: options.dataDir,
        defaults: emptyRemindersFile(),
        projectVersion: REMINDERS_VERSION,
        migrations: remindersMigrations(options.timeZone, now),
        // Compact JSON (still JSON, so electron-store reads it): 4.3 MB instead of 5.1 MB at 10,000.
        serialize: (value) => JSON.stringify(value),
      },
      RemindersFile,
      now,
    );
    this.write = opened.write;
    this.notice = opened.notice;
    // Read once at open; only we write the file, so memory is the truth from here on.
    this.tables = {
      reminder: new RecordTable(opened.data.reminders),
      appointment: new RecordTable(opened.data.appointments),
    };
  }

  get<K extends ItemKind>(kind: K, id: string): ItemRecords[K] | undefined {
    return this.tables[kind].get(id);
  }

  values<K extends ItemKind>(kind: K): IterableIterator<ItemRecords[K]> {
    return this.tables[kind].values();
  }

  /** Stores the record in place of the one with its id (records are never changed in place). */
  put<K extends ItemKind>(kind: K, record: ItemRecords[K]): void {
    this.tables[kind].set(record.id, record);
    this.commit(kind, record.id);
  }

  remove(kind: ItemKind, id: string): void {
    this.tables[kind].delete(id);
    this.commit(kind, id);
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs `change` with one file write and one change notification at the end, however many items it touches. */
  batch<T>(change: () => T): T {
    this.batchDepth++;
    try {
      return change();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0) this.flush();
    }
  }

  private commit(kind: ItemKind, id: string): void {
    this.dirty = true;
    this.changed.push({ kind, id });
    if (this.batchDepth === 0) this.flush();
  }

  private flush(): void {
    const changed = this.changed;
    this.changed = [];
    try {
      if (this.dirty) {
        this.dirty = false;
        this.write({ reminders: this.tables.reminder.plain, appointments: this.tables.appointment.plain });
      }
    } finally {
      // The memory is already changed; the scheduler must follow it even when the disk failed.
      if (changed.length > 0) for (const listener of this.listeners) this.tell(listener, changed);
    }
  }

  private tell(listener: Listener, changed: readonly ItemRef[]): void {
    try {
      listener(changed);
    } catch (error) {
      this.options.logger.error('reminders change listener failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
