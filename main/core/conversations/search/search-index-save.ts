// Saving the search index without holding up searches: a snapshot taken in one short step at the
// save's start, then written out in slices that give the worker's event loop a turn every few ms,
// so queries and new messages are answered mid-save. The text is search-index-file.ts's format.
//
// Runs inside the search worker (see search-index.ts): each function may use only its parameters
// and the other functions of this file.
import type { CoveredFile, DocTable, IndexState } from './search-index';

/**
 * The index as a save's start saw it. Appends never change what it reads: rows and postings are
 * only added past `docs.count` and `postingSizes`, and a list that grows is copied, leaving the
 * old one whole. A removal marks the live `conversation` column, so that column is copied.
 */
export interface IndexSnapshot {
  files: Record<string, CoveredFile>;
  conversations: string[];
  models: string[];
  docs: DocTable;
  /** Words known at the start; later ones (numbered from here on) are left for the next save. */
  terms: number;
  postingSizes: Int32Array;
  postings: (number[] | Int32Array)[];
  /** Live, in the order words were numbered (a Map iterates in insertion order, additions included). */
  termNumbers: Map<string, number>;
}

/** Hands the event loop a turn once `sliceMs` of work has gone by since the last one. */
export interface SliceClock {
  due(): boolean;
  pause(): Promise<void>;
}

export function sliceClock(sliceMs: number): SliceClock {
  let since = performance.now();
  return {
    due: () => performance.now() - since >= sliceMs,
    pause: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
    },
  };
}

export function snapshotIndex(state: IndexState): IndexSnapshot {
  const { docs } = state;
  const files: Record<string, CoveredFile> = {};
  for (const [id, file] of state.files) files[id] = { bytes: file.bytes, models: [...file.models] };
  return {
    files,
    conversations: state.conversations.slice(),
    models: state.models.slice(),
    docs: { ...docs, conversation: docs.conversation.slice(0, docs.count) },
    terms: state.postingSizes.length,
    postingSizes: Int32Array.from(state.postingSizes),
    postings: state.postings,
    termNumbers: state.termNumbers,
  };
}

/**
 * The saved index's text in parts, to be written one after another. Removed messages are left
 * out and the rest renumbered, so a save also compacts.
 */
export async function serializeSnapshot(snap: IndexSnapshot, version: number, clock: SliceClock): Promise<string[]> {
  const { docs } = snap;
  const renumbered = new Int32Array(docs.count).fill(-1);
  let kept = 0;
  for (let doc = 0; doc < docs.count; doc++) if (docs.conversation[doc] !== -1) renumbered[doc] = kept++;
  const table = {
    conversation: new Int32Array(kept),
    time: new Float64Array(kept),
    at: new Float64Array(kept),
    role: new Uint8Array(kept),
    model: new Int16Array(kept),
    length: new Uint16Array(kept),
  };
  const messageIds: string[] = [];
  for (let doc = 0; doc < docs.count; doc++) {
    if (doc % 4096 === 0 && clock.due()) await clock.pause();
    const to = renumbered[doc]!;
    if (to === -1) continue;
    table.conversation[to] = docs.conversation[doc]!;
    table.time[to] = docs.time[doc]!;
    table.at[to] = docs.at[doc]!;
    table.role[to] = docs.role[doc]!;
    table.model[to] = docs.model[doc]!;
    table.length[to] = docs.length[doc]!;
    messageIds.push(docs.messageId[doc]!);
  }
  const { terms, bytes } = await encodeSnapshotPostings(snap, renumbered, kept !== docs.count, clock);
  // Written as JSON.stringify would, key by key, with the long parts cut into slices.
  const parts = [
    `{"version":${JSON.stringify(version)},"files":${JSON.stringify(snap.files)},` +
      `"conversations":${JSON.stringify(snap.conversations)},"models":${JSON.stringify(snap.models)},` +
      `"docs":{"count":${kept}`,
  ];
  for (const [key, column] of Object.entries(table)) {
    parts.push(`,"${key}":"`, ...(await base64Parts(column, clock)), '"');
  }
  parts.push(',"messageId":', ...(await jsonArrayParts(messageIds, clock)), '},"terms":');
  parts.push(...(await jsonArrayParts(terms, clock)), ',"postings":"', ...(await base64Parts(bytes, clock)), '"}');
  return parts;
}

/** Every word's postings of messages kept, renumbered, as varints; words with none are left out. */
export async function encodeSnapshotPostings(
  snap: IndexSnapshot,
  renumbered: Int32Array,
  removed: boolean,
  clock: SliceClock,
): Promise<{ terms: string[]; bytes: Uint8Array }> {
  let bytes = new Uint8Array(1 << 20);
  let length = 0;
  const terms: string[] = [];
  // The clock is read every 16,384 postings or so: a common word alone has hundreds of thousands.
  let work = 0;
  for (const [term, id] of snap.termNumbers) {
    if (id >= snap.terms) break;
    const list = snap.postings[id]!;
    const size = snap.postingSizes[id]!;
    work += size + 16;
    if (work >= 16_384) {
      work = 0;
      if (clock.due()) await clock.pause();
    }
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

/** Base64 in slices of a multiple of 3 bytes, which join into the base64 of the whole. */
export async function base64Parts(array: ArrayBufferView, clock: SliceClock): Promise<string[]> {
  const parts: string[] = [];
  const step = 3 * 256 * 1024;
  for (let from = 0; from < array.byteLength; from += step) {
    if (clock.due()) await clock.pause();
    const size = Math.min(step, array.byteLength - from);
    parts.push(Buffer.from(array.buffer, array.byteOffset + from, size).toString('base64'));
  }
  return parts;
}

/** A JSON array of strings, in slices. */
export async function jsonArrayParts(items: string[], clock: SliceClock): Promise<string[]> {
  const parts = ['['];
  const step = 8192;
  for (let from = 0; from < items.length; from += step) {
    if (clock.due()) await clock.pause();
    const text = JSON.stringify(items.slice(from, from + step));
    parts.push(from === 0 ? text.slice(1, -1) : `,${text.slice(1, -1)}`);
  }
  parts.push(']');
  return parts;
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
