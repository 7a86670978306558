// Conversations on disk: one append-only JSON-lines file per conversation, so adding a message
// costs the same at 10 and at 100,000 messages, plus a small index (titles, times) for the list.
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ChatMessage, ConversationSummary, type Conversation } from '../../../common/contract';
import type { StoreFactory } from '../core-options';
import type { Clock } from '../ports';
import { LineAppender } from '../storage/line-appender';
import { openCheckedStore } from '../storage/open-store';

const IndexFile = z.object({ conversations: z.record(z.string(), ConversationSummary) });
type IndexFile = z.output<typeof IndexFile>;

/** A line of a conversation file. A later message line with the same id replaces the earlier one. */
const Line = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), message: ChatMessage }),
  z.object({ type: z.literal('title'), title: z.string() }),
  z.object({ type: z.literal('settings'), model: z.string().nullable(), systemPrompt: z.string().nullable() }),
]);
type Line = z.output<typeof Line>;

const ID_PATTERN = /^[A-Za-z0-9-]{1,100}$/;
export const NEW_CHAT_TITLE = 'New chat';
/** How many conversations stay parsed in memory after being read. */
const RECENT_READS = 4;

/** A conversation's file as read: messages in order (a later line with the same id wins). */
interface ReadFile {
  id: string;
  order: string[];
  byId: Map<string, ChatMessage>;
  title: string | null;
  settings: Pick<ConversationSummary, 'model' | 'systemPrompt'> | null;
}

export class ConversationStore {
  private readonly dir: string;
  /**
   * The conversations read last (a few), kept up to date by appends: switching back to a recent
   * chat, or paging through a long one as the user scrolls up, does not read its file again.
   */
  private readonly recent = new Map<string, ReadFile>();
  /** Writes the whole index at once (conf would read the file before every set). */
  private readonly writeIndex: (data: IndexFile) => void;
  private summaries: Record<string, ConversationSummary>;
  /** Files whose end was checked for a torn line since start. */
  private readonly lines = new LineAppender();
  readonly notice: string | null;

  constructor(
    openStore: StoreFactory,
    dataDir: string,
    private readonly clock: Clock,
  ) {
    this.dir = join(dataDir, 'conversations');
    const opened = openCheckedStore(
      openStore,
      { name: 'conversations', cwd: dataDir, defaults: { conversations: {} }, projectVersion: '1.0.0', migrations: {} },
      IndexFile,
    );
    this.writeIndex = opened.write;
    this.notice = opened.notice;
    this.summaries = { ...opened.data.conversations };
  }

  list(): ConversationSummary[] {
    return Object.values(this.summaries).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  summary(id: string): ConversationSummary | null {
    return this.own(id) ?? null;
  }

  async create(title = NEW_CHAT_TITLE): Promise<ConversationSummary> {
    const now = this.clock.now().toISOString();
    const summary = { id: randomUUID(), title, createdAt: now, updatedAt: now };
    await mkdir(this.dir, { recursive: true });
    await appendFile(this.file(summary.id), '', { mode: 0o600 });
    this.saveSummary(summary);
    return summary;
  }

  /** Loads a conversation; a torn last line (a crash mid-write) is skipped, the rest loads. */
  async get(id: string): Promise<Conversation | null> {
    return this.page(id, {});
  }

  /**
   * A conversation with only its newest `limit` messages (all without one), or with the `limit`
   * messages before the message `before`; `olderCount` says how many earlier ones were left out.
   */
  async page(id: string, options: { limit?: number; before?: string }): Promise<Conversation | null> {
    const summary = this.own(id);
    if (!summary) return null;
    const read = await this.read(id);
    let end = read.order.length;
    if (options.before !== undefined) {
      end = read.order.indexOf(options.before);
      if (end === -1) return null;
    }
    const start = options.limit === undefined ? 0 : Math.max(0, end - options.limit);
    const current = this.fromFile(summary, read.title, read.settings);
    const messages = read.order.slice(start, end).map((messageId) => read.byId.get(messageId)!);
    return { ...current, messages, ...(start > 0 && { olderCount: start }) };
  }

  private async read(id: string): Promise<ReadFile> {
    const cached = this.recent.get(id);
    if (cached) {
      this.recent.delete(id);
      this.recent.set(id, cached);
      return cached;
    }
    let text = '';
    try {
      text = await readFile(this.file(id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const read: ReadFile = { id, order: [], byId: new Map(), title: null, settings: null };
    for (const raw of text.split('\n')) {
      const line = parseLine(raw);
      if (line) apply(read, line);
    }
    this.recent.set(id, read);
    for (const oldest of this.recent.keys()) {
      if (this.recent.size <= RECENT_READS) break;
      this.recent.delete(oldest);
    }
    return read;
  }

  /**
   * The file is the truth: a crash between appending a title or settings line and writing the
   * index leaves the index behind, and the next read brings it up to date.
   */
  private fromFile(
    summary: ConversationSummary,
    title: string | null,
    settings: Pick<ConversationSummary, 'model' | 'systemPrompt'> | null,
  ): ConversationSummary {
    const current = { ...summary, ...(title !== null && { title }), ...settings };
    const stale =
      current.title !== summary.title ||
      (settings !== null && (settings.model !== (summary.model ?? null) || settings.systemPrompt !== (summary.systemPrompt ?? null)));
    if (stale && this.summaries[summary.id] === summary) this.saveSummary(current);
    return current;
  }

  /** Appends (or, with the same id, supersedes) a message. */
  async append(id: string, message: Conversation['messages'][number]): Promise<ConversationSummary> {
    const summary = this.require(id);
    await this.appendLine(id, { type: 'message', message });
    const updated = { ...summary, updatedAt: this.clock.now().toISOString() };
    this.saveSummary(updated);
    return updated;
  }

  async rename(id: string, title: string): Promise<ConversationSummary> {
    const summary = this.require(id);
    await this.appendLine(id, { type: 'title', title });
    const updated = { ...summary, title };
    this.saveSummary(updated);
    return updated;
  }

  /**
   * The conversation's own model and custom instructions (null: Settings' model / none). The file
   * gets a line with both resulting values, so its last settings line alone says what applies.
   */
  async update(id: string, patch: { model?: string | null; systemPrompt?: string | null }): Promise<ConversationSummary> {
    const summary = this.require(id);
    const settings = {
      model: patch.model === undefined ? (summary.model ?? null) : blankToNull(patch.model?.trim()),
      systemPrompt: patch.systemPrompt === undefined ? (summary.systemPrompt ?? null) : blankToNull(patch.systemPrompt),
    };
    await this.appendLine(id, { type: 'settings', ...settings });
    const updated = { ...summary, ...settings };
    this.saveSummary(updated);
    return updated;
  }

  async delete(id: string): Promise<void> {
    this.require(id);
    await rm(this.file(id), { force: true });
    this.lines.forget(this.file(id));
    this.recent.delete(id);
    const { [id]: _removed, ...rest } = this.summaries;
    this.summaries = rest;
    this.writeIndex({ conversations: this.summaries });
  }

  private require(id: string): ConversationSummary {
    const summary = this.own(id);
    if (!summary) throw new Error('That conversation no longer exists.');
    return summary;
  }

  /**
   * The summary of `id`, never an object's built-in member: an id like "constructor" or
   * "toString" names no conversation.
   */
  private own(id: string): ConversationSummary | undefined {
    return Object.hasOwn(this.summaries, id) ? this.summaries[id] : undefined;
  }

  private saveSummary(summary: ConversationSummary): void {
    this.summaries = { ...this.summaries, [summary.id]: summary };
    this.writeIndex({ conversations: this.summaries });
  }

  private async appendLine(id: string, line: Line): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    try {
      await this.lines.append(this.file(id), JSON.stringify(line));
    } catch (error) {
      // Whether the line reached the file is unknown: read it again next time.
      this.recent.delete(id);
      throw error;
    }
    const cached = this.recent.get(id);
    if (cached) apply(cached, line);
  }


  private file(id: string): string {
    if (!ID_PATTERN.test(id)) throw new Error('Invalid conversation id.');
    return join(this.dir, `${id}.jsonl`);
  }
}

function blankToNull(text: string | null | undefined): string | null {
  return text === undefined || text === null || text.trim() === '' ? null : text;
}

/** Folds one line of a conversation file into what was read so far. */
function apply(read: ReadFile, line: Line): void {
  if (line.type === 'title') read.title = line.title;
  else if (line.type === 'settings') read.settings = { model: line.model, systemPrompt: line.systemPrompt };
  else {
    if (!read.byId.has(line.message.id)) read.order.push(line.message.id);
    read.byId.set(line.message.id, line.message);
  }
}

function parseLine(raw: string): Line | null {
  if (raw.trim() === '') return null;
  try {
    const parsed = Line.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
