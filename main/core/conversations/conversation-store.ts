// Conversations on disk: one append-only JSON-lines file per conversation, so adding a message
// costs the same at 10 and at 100,000 messages, plus an index (titles, times) for the list. A
// conversation opens from the end of its file: only the newest page is read and parsed.
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatMessage, Conversation, ConversationSummary } from '../../../common/contract';
import type { StoreFactory } from '../core-options';
import type { Clock } from '../ports';
import { LineAppender } from '../storage/line-appender';
import { applyNewest, extendRegion, openRegion, type Line, type Opened, type Region } from './conversation-file';
import { ConversationIndex } from './conversation-index';

const ID_PATTERN = /^[A-Za-z0-9-]{1,100}$/;
export const NEW_CHAT_TITLE = 'New chat';
/** How many conversations stay (partly) parsed in memory after being read. */
const RECENT_READS = 4;
/** Messages parsed at a time while looking further back for a page's message. */
const SEARCH_STEP = 1_000;

/** What changed in a conversation's file, for those that follow it (the search index). */
export type ConversationChange =
  /** A message line was appended: it starts at byte `at`; the file is now `end` bytes long. */
  { type: 'message'; id: string; message: ChatMessage; at: number; end: number } | { type: 'deleted'; id: string };

export class ConversationStore {
  private readonly dir: string;
  private readonly index: ConversationIndex;
  /**
   * The conversations read last (a few), kept up to date by appends: switching back to a recent
   * chat, or paging through a long one as the user scrolls up, does not read its file again.
   */
  private readonly recent = new Map<string, Region>();
  /** Files whose end was checked for a torn line since start. */
  private readonly lines = new LineAppender();
  /** Each conversation's reads and writes, one after another, so its file's length in the index stays exact. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<(change: ConversationChange) => void>();
  readonly notice: string | null;

  /** Opens the index with its files read without blocking (the constructor reads them synchronously). */
  static async open(openStore: StoreFactory, dataDir: string, clock: Clock): Promise<ConversationStore> {
    return new ConversationStore(
      openStore,
      dataDir,
      clock,
      await ConversationIndex.open(openStore, dataDir, () => clock.now()),
    );
  }

  constructor(
    openStore: StoreFactory,
    dataDir: string,
    private readonly clock: Clock,
    index?: ConversationIndex,
  ) {
    this.dir = join(dataDir, 'conversations');
    this.index = index ?? new ConversationIndex(openStore, dataDir, () => clock.now());
    this.notice = this.index.notice;
  }

  /**
   * Newest first. The times are ISO strings of one format, so comparing them as plain strings
   * orders them by time: `localeCompare` did the same in 7 ms for 1,000 the first time, and this
   * list is made at every rename (the `conversationsChanged` event).
   */
  list(): ConversationSummary[] {
    return this.index.all().sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }

  /** Every conversation's summary, unsorted. */
  summaries(): ConversationSummary[] {
    return this.index.all();
  }

  summary(id: string): ConversationSummary | null {
    return this.index.get(id) ?? null;
  }

  async create(title = NEW_CHAT_TITLE): Promise<ConversationSummary> {
    const now = this.clock.now().toISOString();
    const summary = { id: randomUUID(), title, createdAt: now, updatedAt: now };
    await mkdir(this.dir, { recursive: true });
    await appendFile(this.file(summary.id), '', { mode: 0o600 });
    await this.index.save(summary, { bytes: 0, messages: 0 });
    return summary;
  }

  /**
   * Stores a whole conversation at once, with its own times, settings and messages (an import):
   * its file is written in one go, then its summary. `id` is kept when it is well-formed and free.
   */
  async add(conversation: NewConversation): Promise<ConversationSummary> {
    const { title, createdAt, updatedAt, model, systemPrompt, messages } = conversation;
    const id =
      conversation.id && ID_PATTERN.test(conversation.id) && !this.index.get(conversation.id)
        ? conversation.id
        : randomUUID();
    const lines: Line[] = messages.map((message) => ({ type: 'message', message }));
    if (model !== null || systemPrompt !== null) lines.push({ type: 'settings', model, systemPrompt });
    const text = lines.map((line) => `${JSON.stringify(line)}\n`).join('');
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.file(id), text, { mode: 0o600, flag: 'wx' });
    const summary = { id, title, createdAt, updatedAt, model, systemPrompt };
    await this.index.save(summary, { bytes: Buffer.byteLength(text), messages: messages.length });
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
    if (!this.index.get(id)) return null;
    return this.serial(id, async () => {
      if (!this.index.get(id)) return null;
      const { limit, before } = options;
      const region = await this.region(id, limit ?? Infinity);
      let end = before === undefined ? region.order.length : await this.find(id, region, before);
      if (end === -1) return null;
      if (limit !== undefined && end < limit && region.start > 0) {
        await extendRegion(this.file(id), region, limit - end);
        end = before === undefined ? region.order.length : region.order.indexOf(before);
      }
      const start = limit === undefined ? 0 : Math.max(0, end - limit);
      const unread = region.start === 0 ? 0 : Math.max(0, (this.index.mark(id)?.messages ?? 0) - region.order.length);
      const olderCount = start + unread;
      const messages = region.order.slice(start, end).map((messageId) => region.byId.get(messageId)!);
      return { ...this.index.get(id)!, messages, ...(olderCount > 0 && { olderCount }) };
    });
  }

  /** Calls `listener` after each appended message and deleted conversation; returns its removal. */
  onChange(listener: (change: ConversationChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Up to `before` messages before `messageId`, the message and up to `after` after it, with how
   * many older and newer ones were left out; null if the conversation or the message is unknown.
   */
  async around(
    id: string,
    messageId: string,
    before: number,
    after: number,
  ): Promise<{ messages: ChatMessage[]; olderCount: number; newerCount: number } | null> {
    if (!this.index.get(id)) return null;
    return this.serial(id, async () => {
      if (!this.index.get(id)) return null;
      const region = await this.region(id, 0);
      const found = await this.find(id, region, messageId);
      if (found === -1) return null;
      if (found < before && region.start > 0) await extendRegion(this.file(id), region, before - found);
      const at = region.order.indexOf(messageId);
      const start = Math.max(0, at - before);
      const end = Math.min(region.order.length, at + 1 + after);
      const unread = region.start === 0 ? 0 : Math.max(0, (this.index.mark(id)?.messages ?? 0) - region.order.length);
      const messages = region.order.slice(start, end).map((messageId) => region.byId.get(messageId)!);
      return { messages, olderCount: start + unread, newerCount: region.order.length - end };
    });
  }

  /** Appends (or, with the same id, supersedes) a message. */
  async append(id: string, message: Conversation['messages'][number]): Promise<ConversationSummary> {
    return this.write(id, (summary) => ({
      line: { type: 'message', message },
      updated: { ...summary, updatedAt: this.clock.now().toISOString() },
    }));
  }

  async rename(id: string, title: string): Promise<ConversationSummary> {
    return this.write(id, (summary) => ({ line: { type: 'title', title }, updated: { ...summary, title } }));
  }

  /**
   * The conversation's own model and custom instructions (null: Settings' model / none). The file
   * gets a line with both resulting values, so its last settings line alone says what applies.
   */
  async update(
    id: string,
    patch: { model?: string | null; systemPrompt?: string | null },
  ): Promise<ConversationSummary> {
    return this.write(id, (summary) => {
      const settings = {
        model: patch.model === undefined ? (summary.model ?? null) : blankToNull(patch.model?.trim()),
        systemPrompt:
          patch.systemPrompt === undefined ? (summary.systemPrompt ?? null) : blankToNull(patch.systemPrompt),
      };
      return { line: { type: 'settings', ...settings }, updated: { ...summary, ...settings } };
    });
  }

  async delete(id: string): Promise<void> {
    this.require(id);
    await this.serial(id, async () => {
      this.require(id);
      await rm(this.file(id), { force: true });
      this.lines.forget(this.file(id));
      this.recent.delete(id);
      await this.index.remove(id);
      this.tell({ type: 'deleted', id });
    });
  }

  /** Appends the line `change` makes of the current summary, then records the summary it makes. */
  private async write(
    id: string,
    change: (summary: ConversationSummary) => { line: Line; updated: ConversationSummary },
  ): Promise<ConversationSummary> {
    this.require(id);
    return this.serial(id, async () => {
      const region = await this.region(id, 0);
      const { line, updated } = change(this.require(id));
      const added = line.type === 'message' && !region.byId.has(line.message.id) ? 1 : 0;
      await mkdir(this.dir, { recursive: true });
      let bytes: number;
      const json = JSON.stringify(line);
      try {
        bytes = await this.lines.append(this.file(id), json);
      } catch (error) {
        // Whether the line reached the file is unknown: read it again next time.
        this.recent.delete(id);
        throw error;
      }
      applyNewest(region, line);
      const mark = this.index.mark(id) ?? { bytes: 0, messages: 0 };
      const end = mark.bytes + bytes;
      await this.index.save(updated, { bytes: end, messages: mark.messages + added });
      if (line.type === 'message') {
        this.tell({ type: 'message', id, message: line.message, at: end - Buffer.byteLength(json) - 1, end });
      }
      return updated;
    });
  }

  /** The conversation's region with at least its newest `messages` messages parsed (or all it has). */
  private async region(id: string, messages: number): Promise<Region> {
    let region = this.recent.get(id);
    if (region) this.recent.delete(id);
    else {
      const opened = await openRegion(this.file(id), this.index.mark(id), messages);
      await this.record(id, opened);
      region = opened.region;
    }
    this.recent.set(id, region);
    for (const oldest of this.recent.keys()) {
      if (this.recent.size <= RECENT_READS) break;
      this.recent.delete(oldest);
    }
    if (region.order.length < messages && region.start > 0)
      await extendRegion(this.file(id), region, messages - region.order.length);
    return region;
  }

  /**
   * The file is the truth: a crash between appending a line and recording it in the index leaves
   * the index behind, and opening the file brings it up to date.
   */
  private async record(id: string, { mark, unrecorded }: Opened): Promise<void> {
    const summary = this.require(id);
    const current = {
      ...summary,
      ...(typeof unrecorded?.title === 'string' && { title: unrecorded.title }),
      ...unrecorded?.settings,
    };
    const known = this.index.mark(id);
    const same =
      known?.bytes === mark.bytes &&
      known.messages === mark.messages &&
      current.title === summary.title &&
      (current.model ?? null) === (summary.model ?? null) &&
      (current.systemPrompt ?? null) === (summary.systemPrompt ?? null);
    if (!same) await this.index.save(current, mark);
  }

  /** Where `messageId` is in the region, reading further back until it is found or the file ends. */
  private async find(id: string, region: Region, messageId: string): Promise<number> {
    let at = region.order.indexOf(messageId);
    while (at === -1 && region.start > 0) {
      await extendRegion(this.file(id), region, SEARCH_STEP);
      at = region.order.indexOf(messageId);
    }
    return at;
  }

  private tell(change: ConversationChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A follower's failure is its own: the change is already on disk.
      }
    }
  }

  private serial<T>(id: string, task: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(id) ?? Promise.resolve()).then(task);
    const settled = next.catch(() => undefined);
    this.queues.set(id, settled);
    void settled.then(() => {
      if (this.queues.get(id) === settled) this.queues.delete(id);
    });
    return next;
  }

  private require(id: string): ConversationSummary {
    const summary = this.index.get(id);
    if (!summary) throw new Error('That conversation no longer exists.');
    return summary;
  }

  private file(id: string): string {
    if (!ID_PATTERN.test(id)) throw new Error('Invalid conversation id.');
    return join(this.dir, `${id}.jsonl`);
  }
}

/** A conversation made whole elsewhere (an import); message ids must be distinct. */
export interface NewConversation {
  id: string | null;
  title: string;
  createdAt: string;
  updatedAt: string;
  model: string | null;
  systemPrompt: string | null;
  messages: Conversation['messages'];
}

function blankToNull(text: string | null | undefined): string | null {
  return text === undefined || text === null || text.trim() === '' ? null : text;
}
