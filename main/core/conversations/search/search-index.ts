// The search index itself: MiniSearch over every message's text, plus a small table per message
// (its conversation, id, role, time, model and where its line starts in the file) that filters and
// snippets read. Persisted as one versioned JSON document that says how far into each file it goes.
//
// These functions run inside the search worker, whose program is their source text (see
// search-worker.ts): each one may use only its parameters and the other functions listed there.
import type MiniSearch from 'minisearch';
import type { Options, SearchResult } from 'minisearch';

/** A message's row: conversation id, message id, role (1 = user), time (ms), model, line offset. */
export type DocRow = [string, string, 0 | 1, number, string | null, number];

export interface CoveredFile {
  /** Bytes of the conversation's file the index has read. */
  bytes: number;
  /** Models that answered in it. */
  models: string[];
}

export interface IndexState {
  mini: MiniSearch<{ id: number; text: string }>;
  docs: Map<number, DocRow>;
  /** Conversation id → message id → doc id. */
  byMessage: Map<string, Map<string, number>>;
  files: Map<string, CoveredFile>;
  nextId: number;
}

export interface IndexedMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  createdAt: string;
  model?: string | null;
}

export interface SearchQuery {
  query: string;
  from?: string;
  to?: string;
  model?: string;
  limit: number;
}

export interface RawHit {
  row: DocRow;
  terms: string[];
}

export type MiniSearchClass = typeof MiniSearch;

/** Bumped whenever the persisted shape or the way text is indexed changes: an older file is rebuilt. */
export function indexFormatVersion(): number {
  return 1;
}

export function indexOptions(): Options<{ id: number; text: string }> {
  return {
    fields: ['text'],
    idField: 'id',
    searchOptions: {
      prefix: true,
      // One typo forgiven in words of five letters or more; shorter ones must be spelled right.
      fuzzy: (term: string) => (term.length >= 5 ? 1 : false),
      maxFuzzy: 1,
      combineWith: 'AND',
    },
  };
}

export function emptyIndex(MiniSearchCtor: MiniSearchClass): IndexState {
  return {
    mini: new MiniSearchCtor(indexOptions()),
    docs: new Map(),
    byMessage: new Map(),
    files: new Map(),
    nextId: 1,
  };
}

/** Adds a message (or replaces the earlier version of one with the same id) found at byte `at`. */
export function addMessage(state: IndexState, conversationId: string, message: IndexedMessage, at: number): void {
  let file = state.files.get(conversationId);
  if (!file) state.files.set(conversationId, (file = { bytes: 0, models: [] }));
  let messages = state.byMessage.get(conversationId);
  if (!messages) state.byMessage.set(conversationId, (messages = new Map()));
  const earlier = messages.get(message.id);
  if (earlier !== undefined) {
    state.mini.discard(earlier);
    state.docs.delete(earlier);
  }
  const id = state.nextId++;
  const model = message.model ?? null;
  if (model !== null && !file.models.includes(model)) file.models.push(model);
  const time = Date.parse(message.createdAt);
  const row: DocRow = [conversationId, message.id, message.role === 'user' ? 1 : 0, time, model, at];
  state.docs.set(id, row);
  messages.set(message.id, id);
  state.mini.add({ id, text: message.content });
}

export function removeConversation(state: IndexState, conversationId: string): void {
  const messages = state.byMessage.get(conversationId);
  if (messages) {
    const ids = [...messages.values()];
    state.mini.discardAll(ids);
    for (const id of ids) state.docs.delete(id);
  }
  state.byMessage.delete(conversationId);
  state.files.delete(conversationId);
}

/** The best `limit` messages holding every word of the query (as a prefix, or one typo off). */
export function searchIndex(state: IndexState, request: SearchQuery): RawHit[] {
  const from = request.from === undefined ? -Infinity : Date.parse(request.from);
  const to = request.to === undefined ? Infinity : Date.parse(request.to);
  const model = request.model;
  const keep = (result: SearchResult) => {
    const row = state.docs.get(result.id as number);
    if (!row || row[3] < from || row[3] > to) return false;
    return model === undefined || (state.files.get(row[0])?.models.includes(model) ?? false);
  };
  const results = state.mini.search(request.query, { filter: keep });
  const hits: RawHit[] = [];
  for (const result of results) {
    if (hits.length >= request.limit) break;
    const row = state.docs.get(result.id as number);
    if (row) hits.push({ row, terms: result.terms });
  }
  return hits;
}

/** Every model seen in any conversation, sorted. */
export function indexedModels(state: IndexState): string[] {
  const models = new Set<string>();
  for (const file of state.files.values()) for (const model of file.models) models.add(model);
  return [...models].sort();
}

export function serializeIndex(state: IndexState): string {
  return JSON.stringify({
    version: indexFormatVersion(),
    files: Object.fromEntries(state.files),
    docs: [...state.docs].map(([id, row]) => [id, ...row]),
    nextId: state.nextId,
    index: state.mini,
  });
}

/** The index a `serializeIndex` text holds; throws if it is of another version or damaged. */
export function restoreIndex(MiniSearchCtor: MiniSearchClass, text: string): IndexState {
  const data = JSON.parse(text) as {
    version?: unknown;
    files?: Record<string, CoveredFile>;
    docs?: [number, ...DocRow][];
    nextId?: unknown;
    index?: unknown;
  };
  if (data.version !== indexFormatVersion()) throw new Error(`search index version ${String(data.version)}`);
  if (!data.files || !Array.isArray(data.docs) || typeof data.nextId !== 'number' || !data.index)
    throw new Error('search index incomplete');
  const state: IndexState = {
    mini: MiniSearchCtor.loadJS(data.index as Parameters<MiniSearchClass['loadJS']>[0], indexOptions()),
    docs: new Map(),
    byMessage: new Map(),
    files: new Map(),
    nextId: data.nextId,
  };
  for (const [id, file] of Object.entries(data.files)) {
    if (typeof file?.bytes !== 'number' || !Array.isArray(file.models)) throw new Error('search index file entry');
    state.files.set(id, file);
  }
  for (const [id, conversationId, messageId, role, time, model, at] of data.docs) {
    state.docs.set(id, [conversationId, messageId, role, time, model, at]);
    let messages = state.byMessage.get(conversationId);
    if (!messages) state.byMessage.set(conversationId, (messages = new Map()));
    messages.set(messageId, id);
  }
  if (state.docs.size !== state.mini.documentCount) throw new Error('search index and its table disagree');
  return state;
}

/**
 * A window of `content` around its first matched word, cut into pieces that are or are not one of
 * `terms` (the index's words the query matched, lower case).
 */
export function snippetOf(content: string, terms: string[]): { text: string; match: boolean }[] {
  const wanted = new Set(terms.map((term) => term.toLowerCase()));
  const flat = content.replace(/\s+/g, ' ').trim();
  const words = /[\p{L}\p{N}_]+/gu;
  const matches: [number, number][] = [];
  for (const word of flat.matchAll(words)) {
    if (wanted.has(word[0].toLowerCase())) matches.push([word.index, word.index + word[0].length]);
  }
  const width = 180;
  const first = matches[0]?.[0] ?? 0;
  let start = Math.max(0, first - 60);
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  const end = Math.min(flat.length, start + width);
  const segments: { text: string; match: boolean }[] = [];
  const push = (text: string, match: boolean) => {
    if (text !== '') segments.push({ text, match });
  };
  let at = start;
  for (const [from, to] of matches) {
    if (from < at || to > end) continue;
    push(flat.slice(at, from), false);
    push(flat.slice(from, to), true);
    at = to;
  }
  push(flat.slice(at, end), false);
  if (start > 0) segments.unshift({ text: '…', match: false });
  if (end < flat.length) segments.push({ text: '…', match: false });
  return segments;
}
