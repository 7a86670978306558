// The usage ledger: one JSON line per API request in `<dataDir>/usage/usage-YYYY-MM.jsonl` (one file
// per UTC month keeps start-up reads small), and running totals in memory so a summary costs no read.
// A line holds counts, the model, the feature and the conversation id: never message text or the key.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { UsageFeature } from '../../../common/contract';
import type { Clock, Logger } from '../ports';
import { LineAppender } from '../storage/line-appender';

export const UsageRecord = z.object({
  time: z.string(),
  model: z.string(),
  feature: UsageFeature,
  conversationId: z.string().nullable(),
  promptTokens: z.number().int().nonnegative(),
  cachedTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
});
export type UsageRecord = z.output<typeof UsageRecord>;

/**
 * Requests added up per quarter hour, model and conversation. Every time zone's offset is a
 * multiple of 15 minutes, so a slot never straddles a local midnight: the summary can put each
 * slot on its local day in whatever zone the user is in when it is asked for.
 */
export interface UsageBucket {
  slot: number;
  model: string;
  conversationId: string | null;
  requests: number;
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
}

export const SLOT_MS = 15 * 60_000;
/** Kept in memory: the current month and the last 30 days, whatever the zone, fit in 40 days. */
const KEEP_MS = 40 * 86_400_000;

export class UsageLedger {
  private readonly dir: string;
  private readonly buckets = new Map<string, UsageBucket>();
  /** Files whose end was checked for a torn line since start. */
  private readonly lines = new LineAppender();
  private writing: Promise<void> = Promise.resolve();
  private prunedOn = '';

  constructor(private readonly options: { dataDir: string; clock: Clock; logger: Logger }) {
    this.dir = join(options.dataDir, 'usage');
  }

  /** Reads the months the summary can need (the current one and those the last 40 days reach into). */
  async load(): Promise<void> {
    const now = this.options.clock.now().getTime();
    const months = new Set([monthOf(new Date(now - KEEP_MS)), monthOf(new Date(now - KEEP_MS / 2)), monthOf(new Date(now))]);
    for (const month of [...months].sort()) {
      for (const record of await this.readFile(fileName(month))) {
        if (Date.parse(record.time) >= now - KEEP_MS) this.add(record);
      }
    }
  }

  /** Counts the request at once and appends its line; lines are written one at a time, in order. */
  append(record: UsageRecord): Promise<void> {
    this.add(record);
    this.prune();
    const write = this.writing.then(() => this.write(record));
    this.writing = write.catch((error: unknown) =>
      this.options.logger.error('usage line not written', { error: error instanceof Error ? error.message : String(error) }),
    );
    return write;
  }

  /** Waits for the lines being written. */
  flush(): Promise<void> {
    return this.writing;
  }

  totals(): Iterable<UsageBucket> {
    return this.buckets.values();
  }

  /** Every line of every month, oldest file first (for the CSV export). */
  async readAll(): Promise<UsageRecord[]> {
    await this.flush();
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records: UsageRecord[] = [];
    for (const name of names.filter((n) => /^usage-\d{4}-\d{2}\.jsonl$/.test(n)).sort()) {
      records.push(...(await this.readFile(name)));
    }
    return records;
  }

  private add(record: UsageRecord): void {
    const slot = Math.floor(Date.parse(record.time) / SLOT_MS);
    const key = `${slot}\u0000${record.model}\u0000${record.conversationId ?? ''}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { slot, model: record.model, conversationId: record.conversationId, requests: 0, promptTokens: 0, cachedTokens: 0, completionTokens: 0 };
      this.buckets.set(key, bucket);
    }
    bucket.requests += 1;
    bucket.promptTokens += record.promptTokens;
    bucket.cachedTokens += record.cachedTokens;
    bucket.completionTokens += record.completionTokens;
  }

  /** Once a day, drops totals older than anything a summary shows, so a long-running app stays small. */
  private prune(): void {
    const now = this.options.clock.now();
    const day = now.toISOString().slice(0, 10);
    if (day === this.prunedOn) return;
    this.prunedOn = day;
    const oldest = Math.floor((now.getTime() - KEEP_MS) / SLOT_MS);
    for (const [key, bucket] of this.buckets) if (bucket.slot < oldest) this.buckets.delete(key);
  }

  private async write(record: UsageRecord): Promise<void> {
    const name = fileName(monthOf(new Date(record.time)));
    await mkdir(this.dir, { recursive: true });
    await this.lines.append(join(this.dir, name), JSON.stringify(UsageRecord.parse(record)));
  }


  /** The file's records; a torn or foreign line is skipped, the rest loads. */
  private async readFile(name: string): Promise<UsageRecord[]> {
    let text: string;
    try {
      text = await readFile(join(this.dir, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records: UsageRecord[] = [];
    for (const raw of text.split('\n')) {
      if (raw.trim() === '') continue;
      try {
        const parsed = UsageRecord.safeParse(JSON.parse(raw));
        if (parsed.success) records.push(parsed.data);
      } catch {
        // A line cut short by a crash mid-write.
      }
    }
    return records;
  }
}

function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

function fileName(month: string): string {
  return `usage-${month}.jsonl`;
}
