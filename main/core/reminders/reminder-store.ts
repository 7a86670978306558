// Reminders and appointments in memory, loaded once at open (a slice at a time, see
// reminder-files.ts), then written through as one appended journal entry per change (or per
// batch), telling listeners which items changed.
import type { StoreFactory } from '../core-options';
import type { Clock, Logger } from '../ports';
import { ReminderFiles, type Tables } from './reminder-files';
import type { ItemKind, ItemRef } from './reminder-items';
import type { Change, ItemRecords } from './reminder-lines';

export type { ItemRecords } from './reminder-lines';

type Listener = (changed: readonly ItemRef[]) => void;

export interface ReminderStoreOptions {
  openStore: StoreFactory;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  /** The zone a file from before versioning is taken to be in. */
  timeZone: () => string;
  /** Called with each item as it loads, in the same slices (the agenda works out its firing). */
  onRecord?: (record: ItemRecords[ItemKind]) => void;
  /** Changes after which the journal is folded into the snapshot; shortened by tests. */
  foldAfter?: number;
}

export class ReminderStore {
  private readonly listeners = new Set<Listener>();
  private batchDepth = 0;
  private changed: ItemRef[] = [];

  private constructor(
    private readonly options: ReminderStoreOptions,
    private readonly tables: Tables,
    private readonly files: ReminderFiles,
    readonly notice: string | null,
  ) {}

  /** Reads the items without blocking the event loop for long; only we write the files, so memory is the truth from here on. */
  static async open(options: ReminderStoreOptions): Promise<ReminderStore> {
    const tables: Tables = { reminder: new Map(), appointment: new Map() };
    const { files, notice } = await ReminderFiles.open(
      { ...options, now: () => options.clock.now(), timeZone: options.timeZone },
      tables,
    );
    return new ReminderStore(options, tables, files, notice);
  }

  get<K extends ItemKind>(kind: K, id: string): ItemRecords[K] | undefined {
    return this.tables[kind].get(id) as ItemRecords[K] | undefined;
  }

  values<K extends ItemKind>(kind: K): IterableIterator<ItemRecords[K]> {
    return this.tables[kind].values() as IterableIterator<ItemRecords[K]>;
  }

  /** Stores the record in place of the one with its id (records are never changed in place). */
  put<K extends ItemKind>(kind: K, record: ItemRecords[K]): void {
    (this.tables[kind] as Map<string, ItemRecords[K]>).set(record.id, record);
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

  /** Runs `change` with one journal write and one change notification at the end, however many items it touches. */
  batch<T>(change: () => T): T {
    this.batchDepth++;
    try {
      return change();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0) this.flush();
    }
  }

  /** Resolves once a background fold of the journal is on disk. */
  settled(): Promise<void> {
    return this.files.settled();
  }

  private commit(kind: ItemKind, id: string): void {
    this.changed.push({ kind, id });
    if (this.batchDepth === 0) this.flush();
  }

  private flush(): void {
    const changed = this.changed;
    this.changed = [];
    try {
      this.files.append(this.changes(changed));
    } finally {
      // The memory is already changed; the scheduler must follow it even when the disk failed.
      if (changed.length > 0) for (const listener of this.listeners) this.tell(listener, changed);
    }
  }

  /** Each changed item once, as it is now. */
  private changes(changed: readonly ItemRef[]): Change[] {
    const latest = new Map<string, Change>();
    for (const { kind, id } of changed) {
      const record = this.tables[kind].get(id) ?? null;
      latest.set(`${kind}:${id}`, { kind, id, record } as Change);
    }
    return [...latest.values()];
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
