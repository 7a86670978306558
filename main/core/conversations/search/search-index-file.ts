// The search index as saved: one versioned JSON document saying how far into each conversation's
// file it goes, the message table as base64 columns and the postings as base64 bytes (per word its
// number of postings, then for each the gap to the previous message number as a varint and the
// count as a byte). Removed messages are left out and the rest
// renumbered, so a save also compacts.
//
// Runs inside the search worker (see search-index.ts): each function may use only its parameters
// and the other functions of this file. Columns are stored in the machine's byte order: every
// platform Aide runs on is little-endian.
import type { CoveredFile, DocTable, IndexState } from './search-index';

interface SavedIndex {
  version?: unknown;
  files?: Record<string, CoveredFile>;
  conversations?: unknown;
  models?: unknown;
  docs?: Record<keyof Omit<DocTable, 'count' | 'messageId'>, string> & { count: number; messageId: string[] };
  terms?: unknown;
  postings?: unknown;
}

export function serializeIndex(state: IndexState, version: number): string {
  const { docs } = state;
  const renumbered = new Int32Array(docs.count).fill(-1);
  const table: Omit<DocTable, 'messageId'> & { messageId: string[] } = {
    count: 0,
    conversation: new Int32Array(state.live),
    time: new Float64Array(state.live),
    at: new Float64Array(state.live),
    role: new Uint8Array(state.live),
    model: new Int16Array(state.live),
    length: new Uint16Array(state.live),
    messageId: [],
  };
  for (let doc = 0; doc < docs.count; doc++) {
    if (docs.conversation[doc] === -1) continue;
    const to = table.count++;
    renumbered[doc] = to;
    table.conversation[to] = docs.conversation[doc]!;
    table.time[to] = docs.time[doc]!;
    table.at[to] = docs.at[doc]!;
    table.role[to] = docs.role[doc]!;
    table.model[to] = docs.model[doc]!;
    table.length[to] = docs.length[doc]!;
    table.messageId.push(docs.messageId[doc]!);
  }
  const { terms, bytes } = encodePostings(state, renumbered);
  const base64 = (array: ArrayBufferView) =>
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
  return JSON.stringify({
    version,
    files: Object.fromEntries(state.files),
    conversations: state.conversations,
    models: state.models,
    docs: {
      count: table.count,
      conversation: base64(table.conversation),
      time: base64(table.time),
      at: base64(table.at),
      role: base64(table.role),
      model: base64(table.model),
      length: base64(table.length),
      messageId: table.messageId,
    },
    terms,
    postings: base64(bytes),
  });
}

/** Every word's postings of messages kept, renumbered, as varints; words with none are left out. */
export function encodePostings(state: IndexState, renumbered: Int32Array): { terms: string[]; bytes: Uint8Array } {
  const removed = state.docs.count !== state.live;
  let bytes = new Uint8Array(1 << 20);
  let length = 0;
  const terms: string[] = [];
  for (const [term, id] of state.dictionary) {
    const list = state.postings[id]!;
    const size = state.postingSizes[id]!;
    let kept = size;
    if (removed) for (let i = 0; i < size; i++) if (renumbered[list[i]! >> 7] === -1) kept -= 1;
    if (kept === 0) continue;
    terms.push(term);
    // At most 5 bytes for the count, then 5 + 1 for each posting.
    if (length + 5 + 6 * kept > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, length + 5 + 6 * kept));
      grown.set(bytes.subarray(0, length));
      bytes = grown;
    }
    length = putVarint(bytes, length, kept);
    let previous = 0;
    for (let i = 0; i < size; i++) {
      const doc = renumbered[list[i]! >> 7]!;
      if (doc === -1) continue;
      length = putVarint(bytes, length, doc - previous);
      bytes[length++] = list[i]! & 127;
      previous = doc;
    }
  }
  return { terms, bytes: bytes.subarray(0, length) };
}

/** Writes `value` as a varint at `at`; returns where the next byte goes. */
export function putVarint(bytes: Uint8Array, at: number, value: number): number {
  while (value >= 128) {
    bytes[at++] = (value & 127) | 128;
    value >>>= 7;
  }
  bytes[at++] = value;
  return at;
}

/**
 * Fills `empty` (a fresh `emptyIndex`) with the index a `serializeIndex` text holds; throws if the
 * text is of another version or damaged in any way a search could trip over.
 */
export function restoreIndex(empty: IndexState, text: string, version: number): IndexState {
  const data = JSON.parse(text) as SavedIndex;
  if (data.version !== version) throw new Error(`search index version ${String(data.version)}`);
  const { files, conversations, models, docs, terms, postings } = data;
  if (!files || !docs || !Array.isArray(conversations) || !Array.isArray(models) || !Array.isArray(terms))
    throw new Error('search index incomplete');
  if (typeof postings !== 'string' || !Array.isArray(docs.messageId) || !Number.isInteger(docs.count))
    throw new Error('search index incomplete');
  const state = empty;
  const count = docs.count;
  const column = <T extends ArrayBufferView>(make: (size: number) => T, base64: unknown): T => {
    const bytes = Buffer.from(typeof base64 === 'string' ? base64 : '', 'base64');
    const array = make(count);
    if (bytes.length !== array.byteLength) throw new Error('search index column');
    new Uint8Array(array.buffer).set(bytes);
    return array;
  };
  state.docs = {
    count,
    conversation: column((size) => new Int32Array(size), docs.conversation),
    time: column((size) => new Float64Array(size), docs.time),
    at: column((size) => new Float64Array(size), docs.at),
    role: column((size) => new Uint8Array(size), docs.role),
    model: column((size) => new Int16Array(size), docs.model),
    length: column((size) => new Uint16Array(size), docs.length),
    messageId: docs.messageId,
  };
  if (docs.messageId.length !== count || docs.messageId.some((id) => typeof id !== 'string'))
    throw new Error('search index message ids');
  for (let doc = 0; doc < count; doc++) {
    const conversation = state.docs.conversation[doc]!;
    const model = state.docs.model[doc]!;
    if (conversation < 0 || conversation >= conversations.length || model < -1 || model >= models.length)
      throw new Error('search index row');
    state.totalLength += state.docs.length[doc]!;
  }
  state.live = count;
  state.conversations = conversations.map(String);
  state.conversations.forEach((id, number) => state.conversationNumbers.set(id, number));
  state.models = models.map(String);
  for (const [id, file] of Object.entries(files)) {
    if (typeof file?.bytes !== 'number' || !Array.isArray(file.models)) throw new Error('search index file entry');
    state.files.set(id, file);
  }
  decodePostings(state, terms.map(String), Buffer.from(postings, 'base64'));
  return state;
}

/** Reads the postings back, checking each message number is known and each list rises. */
export function decodePostings(state: IndexState, terms: string[], bytes: Uint8Array): void {
  let at = 0;
  const get = () => {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (at >= bytes.length) throw new Error('search index postings cut short');
      const byte = bytes[at++]!;
      value += (byte & 127) * 2 ** shift;
      if (byte < 128) return value;
    }
    throw new Error('search index postings');
  };
  const count = state.docs.count;
  for (const term of terms) {
    const size = get();
    if (size === 0 || size > count || state.termNumbers.has(term)) throw new Error('search index term');
    const list: number[] | Int32Array = size >= 64 ? new Int32Array(size) : new Array<number>(size);
    let doc = 0;
    for (let i = 0; i < size; i++) {
      const gap = get();
      doc += gap;
      if (at >= bytes.length) throw new Error('search index postings cut short');
      const times = bytes[at++]!;
      if ((i > 0 && gap === 0) || doc >= count || times === 0 || times > 127) throw new Error('search index posting');
      list[i] = doc * 128 + times;
    }
    const number = state.postings.push(list) - 1;
    state.dictionary.set(term, number);
    state.termNumbers.set(term, number);
    state.postingSizes.push(size);
  }
  if (at !== bytes.length) throw new Error('search index postings too long');
}
