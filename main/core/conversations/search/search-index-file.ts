// The search index as saved: one versioned JSON document saying how far into each conversation's
// file it goes, the message table as base64 columns and the postings as base64 bytes (per word its
// number of postings, then for each the gap to the previous message number as a varint and the
// count as a byte). search-index-save.ts writes it, leaving removed messages out and renumbering
// the rest, so a save also compacts.
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

/**
 * Fills `empty` (a fresh `emptyIndex`) with the index a `serializeSnapshot` text holds (search-index-save.ts); throws if the
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
