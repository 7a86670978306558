// Reminders and appointments on disk: a snapshot (reminders.jsonl, one item per line) plus a
// journal of the changes since (reminders-journal.jsonl), so a change costs one appended line, not
// a rewrite of every item, and the files can be read a slice at a time at start. The journal is
// folded into the snapshot in the background after start and every FOLD_AFTER changes: it is moved
// aside first (reminders-journal.folding.jsonl), so changes made meanwhile go to a fresh one.
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, renameSync, truncateSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { appendDurably, writeLinesInSlices } from '../storage/jsonl-slices';
import type { ItemKind } from './reminder-items';
import { hasLegacyFile, readLegacyFile, removeLegacyFile, type LegacyOptions } from './reminder-legacy-file';
import { batchLine, changeLine, SNAPSHOT_HEADER, type Change, type ItemRecords } from './reminder-lines';
import { replayFile, type Replayed } from './reminder-replay';

export type Tables = { [K in ItemKind]: Map<string, ItemRecords[K]> };

/** Changes after which the journal is folded into the snapshot during a run. */
const FOLD_AFTER = 2_000;

export interface ReminderFilesOptions extends LegacyOptions {
  /** Called with each item as it is read, to do per-item work in the same slices. */
  onRecord?: (record: ItemRecords[ItemKind]) => void;
  foldAfter?: number;
}

interface Paths {
  snapshot: string;
  journal: string;
  folding: string;
}

export class ReminderFiles {
  /** The fold under way; a failed fold leaves its journal for the next start and no other starts. */
  private folding: Promise<void> | null = null;
  private foldFailed = false;
  private journaled = 0;

  private constructor(
    private readonly paths: Paths,
    private readonly tables: Tables,
    private readonly foldAfter: number,
  ) {}

  /** Reads everything into `tables` without a long block; `notice` tells of a file moved aside. */
  static async open(
    options: ReminderFilesOptions,
    tables: Tables,
  ): Promise<{ files: ReminderFiles; notice: string | null }> {
    const { dataDir } = options;
    const paths = {
      snapshot: join(dataDir, 'reminders.jsonl'),
      journal: join(dataDir, 'reminders-journal.jsonl'),
      folding: join(dataDir, 'reminders-journal.folding.jsonl'),
    };
    mkdirSync(dataDir, { recursive: true });
    await removeStaleTemps(dataDir);
    const apply = (change: Change) => {
      const table = tables[change.kind] as Map<string, ItemRecords[ItemKind]>;
      if (change.record === null) table.delete(change.id);
      else {
        table.set(change.id, change.record);
        options.onRecord?.(change.record);
      }
    };
    const files = new ReminderFiles(paths, tables, options.foldAfter ?? FOLD_AFTER);
    const notices: string[] = [];
    const stamp = () => options.now().toISOString().replace(/[:.]/g, '-');
    const keepAside = (file: string, replayed: Replayed) => {
      // A copy, so the readable items stay in place until the new snapshot has replaced the file.
      const aside = file.replace(/\.jsonl$/, `.corrupt-${stamp()}.jsonl`);
      copyFileSync(file, aside);
      notices.push(
        `${basename(file)} had ${replayed.damaged} unreadable line(s). A copy was kept as ${aside}; Aide kept the ${replayed.changes} readable item(s) or change(s).`,
      );
    };

    const snapshot = await replayFile(paths.snapshot, apply, true);
    const legacy = snapshot === null && hasLegacyFile(dataDir);
    if (legacy) {
      const old = readLegacyFile(options);
      if (old.notice !== null) notices.push(old.notice);
      for (const record of Object.values(old.data.reminders)) apply({ kind: 'reminder', id: record.id, record });
      for (const record of Object.values(old.data.appointments)) apply({ kind: 'appointment', id: record.id, record });
    }
    if (snapshot?.damaged) keepAside(paths.snapshot, snapshot);
    const older = await replayFile(paths.folding, apply, false);
    if (older?.damaged) keepAside(paths.folding, older);
    const recent = await replayFile(paths.journal, apply, false);
    if (recent?.damaged) keepAside(paths.journal, recent);

    if (legacy || notices.length > 0 || older !== null) {
      // Nothing can change the items while they load, so this fold needs no journal moved aside.
      await files.writeSnapshot();
      await rm(paths.folding, { force: true });
      await rm(paths.journal, { force: true });
    } else if (recent !== null && recent.changes > 0) {
      // The torn end of a run killed mid-write was never acknowledged: cut, so appends stay whole.
      if (recent.validEnd < recent.size) truncateSync(paths.journal, recent.validEnd);
      files.journaled = recent.changes;
      files.startFold();
    } else if (recent !== null) {
      await rm(paths.journal, { force: true });
    }
    // Left by a run killed between migrating and removing it: the snapshot already holds its items.
    if (snapshot !== null || legacy) removeLegacyFile(dataDir);
    return { files, notice: notices.join(' ') || null };
  }

  /** Writes the changes as one unit (a batch when more than one), flushed before it returns. */
  append(changes: readonly Change[]): void {
    if (changes.length === 0) return;
    const lines = changes.map(changeLine);
    if (lines.length > 1) lines.unshift(batchLine(changes.length));
    appendDurably(this.paths.journal, `${lines.join('\n')}\n`);
    this.journaled += changes.length;
    if (this.journaled >= this.foldAfter) this.startFold();
  }

  /** Resolves once a fold under way is on disk (for shutdown and tests). */
  async settled(): Promise<void> {
    while (this.folding !== null) await this.folding;
  }

  /**
   * Moves the journal aside (synchronously, and appends are synchronous, so no change is split
   * between the two), then writes the state as of that moment as the new snapshot, a slice at a
   * time, and deletes the moved journal. A run killed meanwhile replays it onto the old snapshot.
   */
  private startFold(): void {
    if (this.folding !== null || this.foldFailed) return;
    try {
      renameSync(this.paths.journal, this.paths.folding);
    } catch {
      return;
    }
    this.journaled = 0;
    this.folding = this.writeSnapshot()
      .then(() => rm(this.paths.folding, { force: true }))
      .then(
        () => {
          this.folding = null;
          if (this.journaled >= this.foldAfter) this.startFold();
        },
        () => {
          // Nothing is lost: the moved journal is replayed (and folded) at the next start.
          this.foldFailed = true;
          this.folding = null;
        },
      );
  }

  private writeSnapshot(): Promise<void> {
    // Records are never changed in place, so these arrays are the state as of now.
    const items: Change[] = [
      ...[...this.tables.reminder.values()].map((record): Change => ({ kind: 'reminder', id: record.id, record })),
      ...[...this.tables.appointment.values()].map((record): Change => ({
        kind: 'appointment',
        id: record.id,
        record,
      })),
    ];
    // A temp file of its own: two cores on one folder (tests, the desktop app next to browser mode) never share one.
    const temp = `${this.paths.snapshot}${TEMP_MARK}${randomUUID()}`;
    return writeLinesInSlices(this.paths.snapshot, temp, [SNAPSHOT_HEADER], items, changeLine);
  }
}

const TEMP_MARK = '.writing-';
/** Older than this, a snapshot temp file was left by a run killed mid-fold (a fold takes about a second). */
const STALE_TEMP_MS = 10 * 60_000;

/** Snapshots half written by runs killed mid-fold: never read (the journals still hold it all), so removed. */
async function removeStaleTemps(dataDir: string): Promise<void> {
  const prefix = `reminders.jsonl${TEMP_MARK}`;
  for (const name of await readdir(dataDir)) {
    if (!name.startsWith(prefix)) continue;
    const file = join(dataDir, name);
    const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: Date.now() }));
    if (Date.now() - mtimeMs > STALE_TEMP_MS) await rm(file, { force: true });
  }
}
