// The conversation list on disk: a snapshot (conversations.json, a conf file) plus a journal of the
// changes since (conversations-journal.jsonl, one line per change), so a change costs one appended
// line however many conversations there are. The journal is folded into the snapshot without
// blocking (see `startFold`) every FOLD_AFTER changes, and at start when the last run left a long one.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { ConversationSummary } from '../../../common/contract';
import type { StoreFactory, StoreOptions } from '../core-options';
import { nextTurn } from '../next-turn';
import { LineAppender } from '../storage/line-appender';
import {
  fitsSchema,
  openCheckedStore,
  openCheckedStoreSoon,
  readIfExists,
  readStoreText,
  readTextSoon,
  type OpenedStore,
} from '../storage/open-store';
import { tempFileOf, writeJsonInSlices } from '../storage/sliced-json-file';

/**
 * What the index knows of a conversation's file: its length in bytes and its number of messages
 * when the summary was last written. Lines beyond `bytes` were written by a run that stopped
 * before it could record them.
 */
export const FileMark = z.object({ bytes: z.number(), messages: z.number() });
export type FileMark = z.output<typeof FileMark>;

const IndexFile = z.object({
  conversations: z.record(z.string(), ConversationSummary),
  files: z.record(z.string(), FileMark),
});
type IndexFile = z.output<typeof IndexFile>;

/** One change: a conversation's summary and file mark, or (summary null) its deletion. */
const JournalLine = z.object({ id: z.string(), summary: ConversationSummary.nullable(), file: FileMark.nullable() });
type JournalLine = z.output<typeof JournalLine>;

/** Changes after which the journal is folded into the snapshot during a run. */
const FOLD_AFTER = 2_000;
/** Changes left by the last run from which the journal is folded at start (fewer wait for FOLD_AFTER). */
const FOLD_AT_START = 200;
const JOURNAL_FILE = 'conversations-journal.jsonl';
const FOLDING_FILE = 'conversations-journal.folding.jsonl';

export class ConversationIndex {
  private readonly summaries = new Map<string, ConversationSummary>();
  private readonly marks = new Map<string, FileMark>();
  private readonly writeSnapshot: (data: IndexFile) => void;
  private readonly snapshotFile: string;
  private readonly reserved: { key: string; value: unknown } | null;
  private readonly journalFile: string;
  /** The journal being folded: changes not yet in the snapshot, older than the journal's. */
  private readonly foldingFile: string;
  /** The fold under way (null when none); a failed fold leaves its journal for the next start. */
  private folding: Promise<void> | null = null;
  private foldFailed = false;
  private readonly lines = new LineAppender();
  /** Journal writes, one after the other (a fold must not drop a line written meanwhile). */
  private writes: Promise<void> = Promise.resolve();
  private journaled = 0;
  readonly notice: string | null;

  /**
   * Reads the files without blocking first (a sync read waits on the disk at a cold start), then
   * opens in steps: the snapshot's parse, its check, and the rest each in a turn of its own.
   */
  static async open(openStore: StoreFactory, dataDir: string, now?: () => Date): Promise<ConversationIndex> {
    const [snapshot, folding, journal] = await Promise.all([
      readStoreText(dataDir, 'conversations'),
      readTextSoon(join(dataDir, FOLDING_FILE)),
      readTextSoon(join(dataDir, JOURNAL_FILE)),
    ]);
    const opened = await openCheckedStoreSoon(openStore, snapshotOptions(dataDir), IndexFile, now, snapshot);
    await nextTurn();
    return new ConversationIndex(openStore, dataDir, now, FOLD_AFTER, { opened, folding, journal });
  }

  constructor(
    openStore: StoreFactory,
    dataDir: string,
    now: () => Date = () => new Date(),
    private readonly foldAfter = FOLD_AFTER,
    /** The snapshot opened and the journals' texts read beforehand (see `open`); undefined: read here. */
    read: { opened?: OpenedStore<IndexFile>; folding?: string | null; journal?: string | null } = {},
  ) {
    const opened = read.opened ?? openCheckedStore(openStore, snapshotOptions(dataDir), IndexFile, now);
    this.writeSnapshot = opened.write;
    this.reserved = opened.reserved;
    this.snapshotFile = join(dataDir, 'conversations.json');
    // A snapshot half written by a run killed mid-fold: never read, the journals still hold it all.
    rmSync(tempFileOf(this.snapshotFile), { force: true });
    for (const [id, summary] of Object.entries(opened.data.conversations)) this.summaries.set(id, summary);
    for (const [id, mark] of Object.entries(opened.data.files)) this.marks.set(id, mark);
    this.journalFile = join(dataDir, JOURNAL_FILE);
    this.foldingFile = join(dataDir, FOLDING_FILE);
    const older = this.replay(this.foldingFile, now, read.folding);
    const replayed = this.replay(this.journalFile, now, read.journal);
    // A fold cut short or a damaged journal is folded at once: the background fold would move
    // the journal over a folding file not yet in the snapshot, or find it moved aside. A long
    // journal of the last run's changes is folded in the background like a fold during a run (the
    // synchronous fold held the event loop ~60 ms at 1,000 conversations). A short one, the common
    // case, stays: replaying it costs less than a millisecond, and rewriting the snapshot at every
    // start competed with the reminders' load (its strings, garbage collection); it is folded with
    // this run's changes once they all reach foldAfter.
    if (older.changes > 0 || older.notice !== null || replayed.notice !== null) this.fold();
    else if (replayed.changes >= Math.min(FOLD_AT_START, foldAfter)) this.foldSoon(replayed.changes);
    else this.journaled = replayed.changes;
    this.notice = [opened.notice, older.notice, replayed.notice].filter((n) => n !== null).join(' ') || null;
  }

  get(id: string): ConversationSummary | undefined {
    return this.summaries.get(id);
  }

  mark(id: string): FileMark | undefined {
    return this.marks.get(id);
  }

  all(): ConversationSummary[] {
    return [...this.summaries.values()];
  }

  /** Records a summary (and its file's mark); resolves once the change is on disk. */
  save(summary: ConversationSummary, file: FileMark): Promise<void> {
    this.summaries.set(summary.id, summary);
    this.marks.set(summary.id, file);
    return this.journal({ id: summary.id, summary, file });
  }

  remove(id: string): Promise<void> {
    this.summaries.delete(id);
    this.marks.delete(id);
    return this.journal({ id, summary: null, file: null });
  }

  /** Resolves once every change and any fold under way are on disk (for tests and shutdown). */
  async settled(): Promise<void> {
    await this.writes;
    await this.folding;
  }

  private journal(line: JournalLine): Promise<void> {
    const write = this.writes.then(async () => {
      await this.lines.append(this.journalFile, JSON.stringify(line));
      if (++this.journaled >= this.foldAfter && this.folding === null && !this.foldFailed) await this.startFold();
    });
    this.writes = write.catch(() => undefined);
    return write;
  }

  /** Folds the journal replayed at start in the background, before any change of this run. */
  private foldSoon(changes: number): void {
    this.journaled = changes;
    const fold = this.writes.then(() => this.startFold());
    this.writes = fold.catch(() => {
      // Nothing is lost: the journal is replayed at the next start.
    });
  }

  /**
   * Folds without blocking: the journal is moved aside (between two appends, so no line is split
   * between the files) and new changes go to a fresh one, while the state as of that moment is
   * written to the snapshot a slice at a time; the moved journal is deleted once the snapshot is in
   * place. A run killed before that replays the moved journal, then the fresh one, onto the
   * snapshot: the moved journal's changes are in the new snapshot or not yet, the same result.
   */
  private async startFold(): Promise<void> {
    await rename(this.journalFile, this.foldingFile);
    this.lines.forget(this.journalFile);
    this.journaled = 0;
    const conversations = [...this.summaries];
    const files = [...this.marks];
    this.folding = writeJsonInSlices(this.snapshotFile, [
      ...(this.reserved ? [{ key: this.reserved.key, value: this.reserved.value }] : []),
      { key: 'conversations', entries: conversations },
      { key: 'files', entries: files },
    ])
      .then(() => rm(this.foldingFile, { force: true }))
      .then(
        () => {
          this.folding = null;
        },
        () => {
          // Nothing is lost: both journals are replayed at the next start, which folds them.
          this.foldFailed = true;
          this.folding = null;
        },
      );
  }

  /**
   * At start, writes everything into the snapshot, then empties the journals. A crash between the
   * two replays the journals once more onto a snapshot that already holds them: the same result.
   */
  private fold(): void {
    this.writeSnapshot({
      conversations: Object.fromEntries(this.summaries),
      files: Object.fromEntries(this.marks),
    });
    rmSync(this.foldingFile, { force: true });
    writeFileSync(this.journalFile, '', { mode: 0o600 });
    this.lines.forget(this.journalFile);
    this.journaled = 0;
  }

  /**
   * Applies the journal's changes. A torn last line (a crash mid-write) is skipped; any other
   * unreadable line means the file was damaged: it is moved aside, the readable changes kept.
   */
  private replay(
    journalFile: string,
    now: () => Date,
    text: string | null = readIfExists(journalFile),
  ): { changes: number; notice: string | null } {
    if (text === null) return { changes: 0, notice: null };
    const raw = text.split('\n');
    if (raw.at(-1) === '') raw.pop();
    let changes = 0;
    let damaged = 0;
    raw.forEach((entry, i) => {
      const line = parseJournalLine(entry);
      if (line) {
        changes += 1;
        if (line.summary === null) {
          this.summaries.delete(line.id);
          this.marks.delete(line.id);
        } else {
          this.summaries.set(line.id, line.summary);
          if (line.file) this.marks.set(line.id, line.file);
        }
      } else if (i < raw.length - 1 && entry.trim() !== '') damaged += 1;
    });
    if (damaged === 0) return { changes: raw.length, notice: null };
    const aside = journalFile.replace(/\.jsonl$/, `.corrupt-${now().toISOString().replace(/[:.]/g, '-')}.jsonl`);
    renameSync(journalFile, aside);
    return {
      changes: raw.length,
      notice: `${basename(journalFile)} had ${damaged} unreadable line(s). It was moved to ${aside}; Aide kept the ${changes} readable change(s).`,
    };
  }
}

function snapshotOptions(dataDir: string): StoreOptions<IndexFile> {
  return {
    name: 'conversations',
    cwd: dataDir,
    defaults: { conversations: {}, files: {} },
    projectVersion: '1.0.0',
    migrations: {},
  };
}

function parseJournalLine(text: string): JournalLine | null {
  try {
    const value: unknown = JSON.parse(text);
    return fitsSchema(JournalLine, value) === true ? (value as JournalLine) : null;
  } catch {
    return null;
  }
}
