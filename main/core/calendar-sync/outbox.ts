// The durable outbox (calendar-outbox.jsonl): local changes not yet on the server, one JSON line
// per change or per clearance, fsynced before the change is acknowledged, so a crash or a restart
// loses none. Replayed at open (a torn last line is skipped); rewritten small once pushed.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../ports';

const OutboxEntry = z.object({
  /** `kind:id` of the agenda item; one entry per item, the latest change wins. */
  key: z.string(),
  kind: z.enum(['reminder', 'appointment']),
  id: z.string(),
  /** `put` sends the item as it is at push time; `delete` removes it from the server. */
  op: z.enum(['put', 'delete']),
  /** For a deletion: where the object is and the ETag it had (the item itself is gone by then). */
  href: z.string().nullable(),
  etag: z.string().nullable(),
  /**
   * A fired notification closed without Snooze or Done: ACKNOWLEDGED at `at` goes with the put
   * while the item still waits for the time it fired for (`firedFor`); see push.ts.
   */
  acknowledge: z.object({ firedFor: z.string(), at: z.string() }).optional(),
});
export type OutboxEntry = z.output<typeof OutboxEntry>;

const Line = z.union([z.object({ set: OutboxEntry }), z.object({ clear: z.string() })]);

export class Outbox {
  private readonly file: string;
  private readonly entries = new Map<string, OutboxEntry>();
  private lines = 0;

  constructor(
    dataDir: string,
    private readonly logger: Logger,
  ) {
    this.file = join(dataDir, 'calendar-outbox.jsonl');
    this.load();
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): OutboxEntry | undefined {
    return this.entries.get(key);
  }

  list(): OutboxEntry[] {
    return [...this.entries.values()];
  }

  /** A later put of the item keeps a dismissal still waiting; push decides whether it still applies. */
  set(change: OutboxEntry): void {
    const waiting = this.entries.get(change.key)?.acknowledge;
    const entry = change.op === 'put' && !change.acknowledge && waiting ? { ...change, acknowledge: waiting } : change;
    this.append({ set: entry });
    this.entries.set(entry.key, entry);
  }

  /** Clears `entry` once pushed, unless a newer change to the item replaced it meanwhile. */
  settle(entry: OutboxEntry): void {
    if (this.entries.get(entry.key) === entry) this.clear(entry.key);
  }

  clear(key: string): void {
    if (!this.entries.has(key)) return;
    this.append({ clear: key });
    this.entries.delete(key);
    if (this.entries.size === 0 || this.lines > 4 * this.entries.size + 100) this.rewrite();
  }

  clearAll(): void {
    this.entries.clear();
    this.rewrite();
  }

  private load(): void {
    if (!existsSync(this.file)) return;
    const text = readFileSync(this.file, 'utf8');
    for (const raw of text.split('\n')) {
      if (raw.trim() === '') continue;
      this.lines++;
      const line = parseLine(raw);
      if (line === null) {
        this.logger.warn('calendar outbox: unreadable line skipped');
        continue;
      }
      if ('set' in line) this.entries.set(line.set.key, line.set);
      else this.entries.delete(line.clear);
    }
    // A torn last line (crash mid-append) would swallow the next append: start the file afresh.
    if (!text.endsWith('\n')) this.rewrite();
  }

  private append(line: z.input<typeof Line>): void {
    writeDurably(this.file, `${JSON.stringify(line)}\n`, 'a');
    this.lines++;
  }

  /** Replaces the file with one line per waiting entry (temporary file, fsync, rename). */
  private rewrite(): void {
    const text = [...this.entries.values()].map((set) => `${JSON.stringify({ set })}\n`).join('');
    const temporary = `${this.file}.tmp`;
    writeDurably(temporary, text, 'w');
    renameSync(temporary, this.file);
    this.lines = this.entries.size;
  }
}

// Not storage/line-appender.ts: it is async, and the agenda's synchronous change must be on disk before set() returns.
function writeDurably(file: string, text: string, flags: 'a' | 'w'): void {
  const fd = openSync(file, flags, 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function parseLine(raw: string): z.output<typeof Line> | null {
  try {
    const parsed = Line.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
