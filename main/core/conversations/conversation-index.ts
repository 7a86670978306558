// The conversation list on disk: a snapshot (conversations.json, a conf file) plus a journal of the
// changes since (conversations-journal.jsonl, one line per change), so a change costs one appended
// line however many conversations there are. The journal is folded into the snapshot at start.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConversationSummary } from '../../../common/contract';
import type { StoreFactory } from '../core-options';
import { LineAppender } from '../storage/line-appender';
import { fitsSchema, openCheckedStore } from '../storage/open-store';

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

export class ConversationIndex {
  private readonly summaries = new Map<string, ConversationSummary>();
  private readonly marks = new Map<string, FileMark>();
  private readonly writeSnapshot: (data: IndexFile) => void;
  private readonly journalFile: string;
  private readonly lines = new LineAppender();
  /** Journal writes, one after the other (a fold must not drop a line written meanwhile). */
  private writes: Promise<void> = Promise.resolve();
  private journaled = 0;
  readonly notice: string | null;

  constructor(openStore: StoreFactory, dataDir: string, now: () => Date = () => new Date()) {
    const opened = openCheckedStore(
      openStore,
      {
        name: 'conversations',
        cwd: dataDir,
        defaults: { conversations: {}, files: {} },
        projectVersion: '1.0.0',
        migrations: {},
      },
      IndexFile,
      now,
    );
    this.writeSnapshot = opened.write;
    for (const [id, summary] of Object.entries(opened.data.conversations)) this.summaries.set(id, summary);
    for (const [id, mark] of Object.entries(opened.data.files)) this.marks.set(id, mark);
    this.journalFile = join(dataDir, 'conversations-journal.jsonl');
    const replayed = this.replay(now);
    if (replayed.changes > 0) this.fold();
    this.notice = [opened.notice, replayed.notice].filter((n) => n !== null).join(' ') || null;
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

  private journal(line: JournalLine): Promise<void> {
    const write = this.writes.then(async () => {
      await this.lines.append(this.journalFile, JSON.stringify(line));
      if (++this.journaled >= FOLD_AFTER) this.fold();
    });
    this.writes = write.catch(() => undefined);
    return write;
  }

  /**
   * Writes everything into the snapshot, then empties the journal. A crash between the two replays
   * the journal once more onto a snapshot that already holds it: the same result.
   */
  private fold(): void {
    this.writeSnapshot({
      conversations: Object.fromEntries(this.summaries),
      files: Object.fromEntries(this.marks),
    });
    writeFileSync(this.journalFile, '', { mode: 0o600 });
    this.lines.forget(this.journalFile);
    this.journaled = 0;
  }

  /**
   * Applies the journal's changes. A torn last line (a crash mid-write) is skipped; any other
   * unreadable line means the file was damaged: it is moved aside, the readable changes kept.
   */
  private replay(now: () => Date): { changes: number; notice: string | null } {
    let text: string;
    try {
      text = readFileSync(this.journalFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { changes: 0, notice: null };
      throw error;
    }
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
    const aside = this.journalFile.replace(/\.jsonl$/, `.corrupt-${now().toISOString().replace(/[:.]/g, '-')}.jsonl`);
    renameSync(this.journalFile, aside);
    return {
      changes: raw.length,
      notice: `conversations-journal.jsonl had ${damaged} unreadable line(s). It was moved to ${aside}; Aide kept the ${changes} readable change(s).`,
    };
  }
}

function parseJournalLine(text: string): JournalLine | null {
  try {
    const value: unknown = JSON.parse(text);
    return fitsSchema(JournalLine, value) === true ? (value as JournalLine) : null;
  } catch {
    return null;
  }
}
