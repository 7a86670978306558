// The search index's memory: a word list (MiniSearch's radix tree, which finds words by their start
// or one typo off) pointing at packed posting lists, and a table with a row per message (its
// conversation, id, role, time, model, length in words and where its line starts in the file).
//
// Why not MiniSearch's own index: it keeps a Map per word and per word-and-field, and its search
// scores every message holding each query word before intersecting them — 250 ms for a word found
// in 65,000 of 300,000 messages, and 400 MB of heap. Here a posting is one integer (message number
// × 128 + how often the word occurs, at most 127), and search-query.ts scores the rarest word first.
//
// These functions run inside the search worker, whose program is their source text (see
// search-worker.ts): each one may use only its parameters and the other functions of this file,
// and each is exported, which is how the worker's program gets it.
import type SearchableMap from 'minisearch/SearchableMap';

/** A message's row: conversation id, message id, role (1 = user), time (ms), model, line offset. */
export type DocRow = [string, string, 0 | 1, number, string | null, number];

export type Dictionary = SearchableMap<number>;
export type DictionaryClass = typeof SearchableMap;

export interface CoveredFile {
  /** Bytes of the conversation's file the index has read. */
  bytes: number;
  /** Models that answered in it. */
  models: string[];
}

/** One column per field, indexed by message number; `conversation` is -1 once a message is gone. */
export interface DocTable {
  count: number;
  conversation: Int32Array;
  time: Float64Array;
  at: Float64Array;
  role: Uint8Array;
  /** Index into `IndexState.models`, -1 for none. */
  model: Int16Array;
  /** Words indexed (stop words left out), for BM25's length normalisation. */
  length: Uint16Array;
  messageId: string[];
}

export interface IndexState {
  /** Word → its number, which indexes `postings` and `postingSizes`; for completions and typos. */
  dictionary: Dictionary;
  /** The same as a Map: a radix tree look-up took a third of the time to index a message. */
  termNumbers: Map<string, number>;
  /** Rising message numbers, packed with counts; a plain array while short, an Int32Array once long. */
  postings: (number[] | Int32Array)[];
  postingSizes: number[];
  docs: DocTable;
  /** Messages not removed, and their total length, for BM25. */
  live: number;
  totalLength: number;
  conversations: string[];
  conversationNumbers: Map<string, number>;
  models: string[];
  /** Conversation id → message id → message number, built when a conversation gets a message. */
  byMessage: Map<string, Map<string, number>>;
  files: Map<string, CoveredFile>;
  /** How text is cut into indexed words (the same for messages and queries). */
  words: (text: string) => string[];
  /** Reused by every query: a score and a round mark per message number, and the candidates. */
  scratch: { scores: Float64Array; marks: Int32Array; found: Int32Array; mark: number };
}

export interface IndexedMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  createdAt: string;
  model?: string | null;
}

/** Bumped whenever the persisted shape or the way text is indexed changes: an older file is rebuilt. */
export function indexFormatVersion(): number {
  return 3;
}

export function emptyIndex(Dictionary: DictionaryClass): IndexState {
  // The commonest English words are in nearly every message: indexing them made up about half
  // of the index's memory and the slowest queries, and a search for them finds nothing useful.
  const stopWords = new Set(
    (
      'a an and are as at be but by for from has have he her his i if in into is it its me my no not of on or ' +
      'our she so that the their them then there these they this to was we were what when which who will with you your'
    ).split(' '),
  );
  // Words are cut at spaces, punctuation and symbols: MiniSearch's tokenizer kept symbols, so
  // "`npm`" in a Markdown answer was one word that a search for "npm" never found.
  const separator = /[\s\p{Z}\p{P}\p{S}]+/u;
  const words = (text: string) => {
    const out: string[] = [];
    for (const token of text.split(separator)) {
      const word = token.toLowerCase();
      if (word !== '' && !stopWords.has(word)) out.push(word);
    }
    return out;
  };
  return {
    dictionary: new Dictionary(),
    termNumbers: new Map(),
    postings: [],
    postingSizes: [],
    docs: docTable(0),
    live: 0,
    totalLength: 0,
    conversations: [],
    conversationNumbers: new Map(),
    models: [],
    byMessage: new Map(),
    files: new Map(),
    words,
    scratch: { scores: new Float64Array(0), marks: new Int32Array(0), found: new Int32Array(0), mark: 0 },
  };
}

/** A table with room for `capacity` messages, holding the first `from.count` rows of `from`. */
export function docTable(capacity: number, from?: DocTable): DocTable {
  const table: DocTable = {
    count: from?.count ?? 0,
    conversation: new Int32Array(capacity),
    time: new Float64Array(capacity),
    at: new Float64Array(capacity),
    role: new Uint8Array(capacity),
    model: new Int16Array(capacity),
    length: new Uint16Array(capacity),
    messageId: from?.messageId ?? [],
  };
  if (from) {
    table.conversation.set(from.conversation.subarray(0, from.count));
    table.time.set(from.time.subarray(0, from.count));
    table.at.set(from.at.subarray(0, from.count));
    table.role.set(from.role.subarray(0, from.count));
    table.model.set(from.model.subarray(0, from.count));
    table.length.set(from.length.subarray(0, from.count));
  }
  return table;
}

/** Adds a message (or replaces the earlier version of one with the same id) found at byte `at`. */
export function addMessage(state: IndexState, conversationId: string, message: IndexedMessage, at: number): void {
  let file = state.files.get(conversationId);
  if (!file) state.files.set(conversationId, (file = { bytes: 0, models: [] }));
  let conversation = state.conversationNumbers.get(conversationId);
  if (conversation === undefined) {
    conversation = state.conversations.push(conversationId) - 1;
    state.conversationNumbers.set(conversationId, conversation);
    // A conversation never seen has no messages to look through.
    state.byMessage.set(conversationId, new Map());
  }
  const messages = messageNumbers(state, conversationId, conversation);
  const earlier = messages.get(message.id);
  if (earlier !== undefined) dropDoc(state, earlier);
  const model = message.model ?? null;
  if (model !== null && !file.models.includes(model)) file.models.push(model);
  let modelNumber = model === null ? -1 : state.models.indexOf(model);
  if (model !== null && modelNumber === -1) modelNumber = state.models.push(model) - 1;

  const docs = state.docs;
  const doc = docs.count;
  // A posting packs the message number above 7 bits of count into a positive 32-bit integer.
  if (doc >= 2 ** 24) throw new Error('search index full (16.7 million messages)');
  if (doc === docs.conversation.length) state.docs = docTable(Math.max(1024, doc * 2), docs);
  const words = state.words(message.content);
  const table = state.docs;
  table.count = doc + 1;
  table.conversation[doc] = conversation;
  table.time[doc] = Date.parse(message.createdAt);
  table.at[doc] = at;
  table.role[doc] = message.role === 'user' ? 1 : 0;
  table.model[doc] = modelNumber;
  table.length[doc] = Math.min(words.length, 65_535);
  table.messageId[doc] = message.id;
  messages.set(message.id, doc);
  state.live += 1;
  state.totalLength += table.length[doc]!;

  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  for (const [word, count] of counts) addPosting(state, word, doc * 128 + Math.min(count, 127));
}

export function addPosting(state: IndexState, word: string, posting: number): void {
  let term = state.termNumbers.get(word);
  if (term === undefined) {
    term = state.postings.push([]) - 1;
    state.postingSizes.push(0);
    state.dictionary.set(word, term);
    state.termNumbers.set(word, term);
  }
  const list = state.postings[term]!;
  const size = state.postingSizes[term]!;
  state.postingSizes[term] = size + 1;
  if (Array.isArray(list)) {
    list.push(posting);
    // A long list moves into a typed array: 4 bytes a posting instead of 8 and no per-element tag.
    if (list.length === 64) state.postings[term] = Int32Array.from(list);
    return;
  }
  if (size === list.length) {
    const grown = new Int32Array(size * 2);
    grown.set(list);
    grown[size] = posting;
    state.postings[term] = grown;
  } else list[size] = posting;
}

/** The message numbers of a conversation by message id, built from the table the first time. */
export function messageNumbers(state: IndexState, conversationId: string, conversation: number): Map<string, number> {
  let messages = state.byMessage.get(conversationId);
  if (messages) return messages;
  messages = new Map();
  const { docs } = state;
  for (let doc = 0; doc < docs.count; doc++) {
    if (docs.conversation[doc] === conversation) messages.set(docs.messageId[doc]!, doc);
  }
  state.byMessage.set(conversationId, messages);
  return messages;
}

/** Marks a message gone; its postings stay until the index is saved, and queries skip it. */
export function dropDoc(state: IndexState, doc: number): void {
  if (state.docs.conversation[doc] === -1) return;
  state.docs.conversation[doc] = -1;
  state.live -= 1;
  state.totalLength -= state.docs.length[doc]!;
}

export function removeConversation(state: IndexState, conversationId: string): void {
  const conversation = state.conversationNumbers.get(conversationId);
  if (conversation !== undefined) {
    const { docs } = state;
    for (let doc = 0; doc < docs.count; doc++) if (docs.conversation[doc] === conversation) dropDoc(state, doc);
  }
  state.byMessage.delete(conversationId);
  state.files.delete(conversationId);
}

/** The row of message number `doc`, for a result. */
export function docRow(state: IndexState, doc: number): DocRow {
  const { docs } = state;
  const model = docs.model[doc]!;
  return [
    state.conversations[docs.conversation[doc]!]!,
    docs.messageId[doc]!,
    docs.role[doc] === 1 ? 1 : 0,
    docs.time[doc]!,
    model === -1 ? null : state.models[model]!,
    docs.at[doc]!,
  ];
}

/** Every model seen in any conversation, sorted. */
export function indexedModels(state: IndexState): string[] {
  const models = new Set<string>();
  for (const file of state.files.values()) for (const model of file.models) models.add(model);
  return [...models].sort();
}
