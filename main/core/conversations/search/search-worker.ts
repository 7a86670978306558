// The search worker's program: it loads the persisted index (or builds it from the conversation
// files), catches up with what was appended since, applies changes, answers queries with snippets
// and saves the index — all off the main process's thread, which only sends messages.
//
// Node 20 cannot start a worker from TypeScript, and the build has one main bundle: as with the
// token counter, the worker runs from source text, here made of these functions and those of the
// index's files (search-index, search-query, search-index-file, search-snippet).
import type * as Fs from 'node:fs';
import type * as Module from 'node:module';
import type * as Path from 'node:path';
import type * as Threads from 'node:worker_threads';
import * as indexFunctions from './search-index';
import type { DictionaryClass, IndexState } from './search-index';
import * as fileFunctions from './search-index-file';
import * as saveFunctions from './search-index-save';
import type { FromWorker, ToWorker, WorkerData } from './search-protocol';
import * as queryFunctions from './search-query';
import type { SearchQuery } from './search-query';
import * as snippetFunctions from './search-snippet';
import { LOWER_PRIORITY_SOURCE } from '../../worker-priority';

/**
 * The index files' functions, handed to the worker's entry by name: a test runner rewrites calls
 * to another module's functions, which the worker's source must not depend on.
 */
type IndexFunctions = typeof indexFunctions &
  typeof queryFunctions &
  typeof fileFunctions &
  typeof saveFunctions &
  typeof snippetFunctions;

interface Context {
  ix: IndexFunctions;
  fs: typeof Fs;
  path: typeof Path;
  Dictionary: DictionaryClass;
  data: WorkerData;
  state: IndexState;
  ready: boolean;
  /** Settles once the saved index is loaded (or found missing): queries wait for that, not for the catch-up. */
  loaded: Promise<void>;
  markLoaded(): void;
  /** The conversation list as far as it has come (it comes in slices), with each one's last change. */
  listed: { id: string; updated: string }[];
  /** Changes that arrived while the index was being opened. */
  pending: Extract<ToWorker, { type: 'add' | 'remove' }>[];
  saveTimer: ReturnType<typeof setTimeout> | null;
  /** The save under way (settled, never rejected), which the next one waits for. */
  saving: Promise<void>;
  post(message: FromWorker): void;
}

/** The worker's entry: runs changes one after another, answers queries at once (also mid-build). */
function searchWorkerMain(load: NodeJS.Require, ix: IndexFunctions): void {
  const threads = load('node:worker_threads') as typeof Threads;
  const port = threads.parentPort!;
  const data = threads.workerData as WorkerData;
  const { createRequire } = load('node:module') as typeof Module;
  const Dictionary = createRequire(data.resolveFrom)('minisearch/SearchableMap') as DictionaryClass;
  const ctx: Context = {
    ix,
    fs: load('node:fs') as typeof Fs,
    path: load('node:path') as typeof Path,
    Dictionary,
    data,
    state: ix.emptyIndex(Dictionary),
    ready: false,
    loaded: Promise.resolve(),
    markLoaded: () => undefined,
    listed: [],
    pending: [],
    saveTimer: null,
    saving: Promise.resolve(),
    post: (message) => port.postMessage(message),
  };
  ctx.loaded = new Promise((resolve) => (ctx.markLoaded = resolve));
  port.on('message', (message: ToWorker) => receive(ctx, message));
}

/**
 * Queries are answered at once (mid-build too, marked not ready). Changes that arrive while the
 * index is opened wait for it; after that each is applied as it comes, before the next message.
 */
function receive(ctx: Context, message: ToWorker): void {
  if (message.type === 'search') void answerSearch(ctx, message.reqId, message.query);
  else if (message.type === 'save') {
    saveNow(ctx).then(
      () => ctx.post({ type: 'saved', reqId: message.reqId }),
      (error: unknown) => ctx.post({ type: 'failed', reqId: message.reqId, detail: String(error) }),
    );
  } else if (message.type === 'open') takeList(ctx, message);
  else if (ctx.ready) applyChange(ctx, message);
  else ctx.pending.push(message);
}

/** Gathers the conversation list's slices; once it is whole, opens the index and catches up. */
function takeList(ctx: Context, message: Extract<ToWorker, { type: 'open' }>): void {
  message.ids.forEach((id, i) => ctx.listed.push({ id, updated: message.updated[i] ?? '' }));
  if (!message.last) return;
  // The most recently changed first: on a first start those are searchable soonest.
  const ids = ctx.listed.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0)).map((c) => c.id);
  ctx.listed = [];
  openIndex(ctx, ids)
    .catch((error: unknown) => {
      ctx.post({ type: 'log', message: 'search index not fully opened', detail: String(error) });
      return true;
    })
    .then(async (changed) => {
      for (const change of ctx.pending.splice(0)) applyChange(ctx, change);
      ctx.ready = true;
      ctx.post({ type: 'ready', documents: ctx.state.live });
      if (changed) await saveNow(ctx);
    })
    .catch((error: unknown) => ctx.post({ type: 'log', message: 'search index not saved', detail: String(error) }));
}

function applyChange(ctx: Context, message: Extract<ToWorker, { type: 'add' | 'remove' }>): void {
  if (message.type === 'add') {
    const file = ctx.state.files.get(message.conversationId);
    ctx.ix.addMessage(ctx.state, message.conversationId, message.message, message.at);
    const covered = ctx.state.files.get(message.conversationId)!;
    // Lines before this one that the index has not read (a crash between writes) stay for next start.
    if (file ? file.bytes >= message.at : message.at === 0) covered.bytes = Math.max(covered.bytes, message.end);
  } else ctx.ix.removeConversation(ctx.state, message.conversationId);
  saveSoon(ctx);
}

/** Loads the saved index and brings it up to the files; returns whether anything changed. */
async function openIndex(ctx: Context, ids: string[]): Promise<boolean> {
  const { fs, data } = ctx;
  let changed = false;
  try {
    const text = await fs.promises.readFile(data.indexFile, 'utf8');
    ctx.state = ctx.ix.restoreIndex(ctx.ix.emptyIndex(ctx.Dictionary), text, ctx.ix.indexFormatVersion());
  } catch (error) {
    changed = true;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') await moveAside(ctx, String(error));
  } finally {
    ctx.markLoaded();
  }
  const wanted = new Set(ids);
  for (const id of [...ctx.state.files.keys()]) {
    if (!wanted.has(id)) {
      ctx.ix.removeConversation(ctx.state, id);
      changed = true;
    }
  }
  for (const id of ids) {
    try {
      if (await catchUp(ctx, id)) changed = true;
    } catch (error) {
      // One unreadable file leaves its conversation out of the results, not the others.
      ctx.post({ type: 'log', message: 'conversation not indexed', detail: String(error) });
    }
  }
  return changed;
}

/** A damaged or outdated index file is kept beside, as other stores' are, and the index rebuilt. */
async function moveAside(ctx: Context, problem: string): Promise<void> {
  const { fs, data } = ctx;
  const outdated = problem.includes('search index version');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const aside = data.indexFile.replace(/\.json$/, `.corrupt-${stamp}.json`);
  try {
    if (outdated) await fs.promises.rm(data.indexFile, { force: true });
    else await fs.promises.rename(data.indexFile, aside);
  } catch {
    // Saving the rebuilt index replaces it anyway.
  }
  ctx.post({
    type: 'log',
    message: outdated ? 'search index outdated, rebuilding' : 'search index damaged, moved aside, rebuilding',
    detail: problem,
  });
}

/**
 * Reads the part of a conversation's file the index has not seen. Its length is checked first
 * (a stat, not a read): an up-to-date conversation costs no read at all.
 */
async function catchUp(ctx: Context, id: string): Promise<boolean> {
  const { fs, path, state } = ctx;
  const file = path.join(ctx.data.conversationsDir, `${id}.jsonl`);
  let size: number;
  try {
    size = (await fs.promises.stat(file)).size;
  } catch {
    return false;
  }
  let covered = state.files.get(id)?.bytes ?? 0;
  if (covered === size && state.files.has(id)) return false;
  if (covered > size) {
    ctx.ix.removeConversation(state, id);
    covered = 0;
  }
  if (!state.files.has(id)) state.files.set(id, { bytes: 0, models: [] });
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(size - covered);
    await handle.read(buffer, 0, buffer.length, covered);
    state.files.get(id)!.bytes = covered + indexLines(ctx, id, buffer, covered);
  } finally {
    await handle.close();
    // Its message ids are looked up again only if a message comes in: no need to hold them meanwhile.
    state.byMessage.delete(id);
  }
  return true;
}

/** Indexes the complete lines in `buffer` (read from byte `base`); returns the bytes they take. */
function indexLines(ctx: Context, id: string, buffer: Buffer, base: number): number {
  let start = 0;
  for (let end = buffer.indexOf(10, start); end !== -1; end = buffer.indexOf(10, start)) {
    const message = messageOf(buffer.toString('utf8', start, end));
    if (message) ctx.ix.addMessage(ctx.state, id, message, base + start);
    start = end + 1;
  }
  return start;
}

/** The message a conversation line holds, or null for other lines and damaged ones. */
function messageOf(
  line: string,
): { id: string; role: 'user' | 'assistant'; content: string; createdAt: string; model?: string | null } | null {
  try {
    const parsed = JSON.parse(line) as { type?: unknown; message?: Record<string, unknown> };
    const message = parsed.message;
    if (parsed.type !== 'message' || !message) return null;
    const { id, role, content, createdAt, model } = message;
    if (typeof id !== 'string' || typeof content !== 'string' || typeof createdAt !== 'string') return null;
    if (role !== 'user' && role !== 'assistant') return null;
    return { id, role, content, createdAt, model: typeof model === 'string' ? model : null };
  } catch {
    return null;
  }
}

async function answerSearch(ctx: Context, reqId: number, query: SearchQuery): Promise<void> {
  try {
    await ctx.loaded;
    const { docs, terms } = ctx.ix.searchIndex(ctx.state, query);
    const rows = docs.map((doc) => ctx.ix.docRow(ctx.state, doc));
    // Only the results shown are read back, side by side, for their snippets.
    const contents = await Promise.all(
      rows.map(([conversationId, , , , , at]) => lineContentAt(ctx, conversationId, at)),
    );
    const matched = new Set(terms);
    const results = rows.map(([conversationId, messageId, role, time, model], i) => ({
      conversationId,
      messageId,
      role: role === 1 ? ('user' as const) : ('assistant' as const),
      createdAt: new Date(time).toISOString(),
      model,
      snippet: contents[i] == null ? [] : ctx.ix.snippetOf(contents[i], matched),
    }));
    ctx.post({ type: 'results', reqId, results, models: ctx.ix.indexedModels(ctx.state), ready: ctx.ready });
  } catch (error) {
    ctx.post({ type: 'failed', reqId, detail: String(error) });
  }
}

/** The text of the message whose line starts at byte `at` (null if the file cannot be read there). */
async function lineContentAt(ctx: Context, conversationId: string, at: number): Promise<string | null> {
  const file = ctx.path.join(ctx.data.conversationsDir, `${conversationId}.jsonl`);
  let handle: Fs.promises.FileHandle | undefined;
  try {
    handle = await ctx.fs.promises.open(file, 'r');
    const chunks: Buffer[] = [];
    for (let position = at; ;) {
      const chunk = Buffer.alloc(16 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      const newline = chunk.subarray(0, bytesRead).indexOf(10);
      chunks.push(chunk.subarray(0, newline === -1 ? bytesRead : newline));
      if (newline !== -1 || bytesRead === 0) break;
      position += bytesRead;
    }
    return messageOf(Buffer.concat(chunks).toString('utf8'))?.content ?? null;
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

function saveSoon(ctx: Context): void {
  if (ctx.saveTimer) return;
  ctx.saveTimer = setTimeout(() => {
    ctx.saveTimer = null;
    saveNow(ctx).catch((error: unknown) =>
      ctx.post({ type: 'log', message: 'search index not saved', detail: String(error) }),
    );
  }, ctx.data.saveDelayMs);
}

/** Writes the index beside its file, then moves it in place: a crash mid-write leaves the old one whole. */
function saveNow(ctx: Context): Promise<void> {
  if (ctx.saveTimer) {
    clearTimeout(ctx.saveTimer);
    ctx.saveTimer = null;
  }
  // One save at a time: two writing the same temporary file would trip over each other's rename.
  // And never before the saved index is loaded, which an empty one would overwrite.
  const save = ctx.saving.then(async () => {
    await ctx.loaded;
    const { fs, data } = ctx;
    const temporary = `${data.indexFile}.tmp`;
    // The file holds the index as it was here; what changes meanwhile is saved by the next save.
    const snapshot = ctx.ix.snapshotIndex(ctx.state);
    const parts = await ctx.ix.serializeSnapshot(snapshot, ctx.ix.indexFormatVersion(), ctx.ix.sliceClock(5));
    await fs.promises.writeFile(temporary, parts, { mode: 0o600 });
    await fs.promises.rename(temporary, data.indexFile);
  });
  ctx.saving = save.catch(() => undefined);
  return save;
}

const workerFunctions = [
  searchWorkerMain,
  receive,
  takeList,
  applyChange,
  openIndex,
  moveAside,
  catchUp,
  indexLines,
  messageOf,
  answerSearch,
  lineContentAt,
  saveSoon,
  saveNow,
];
const shared = [indexFunctions, queryFunctions, fileFunctions, saveFunctions, snippetFunctions]
  .flatMap((module) => Object.values(module))
  .filter((value) => typeof value === 'function');

/** Every function the worker needs, in one program; the entry is called last. */
export const SEARCH_WORKER_SOURCE = [LOWER_PRIORITY_SOURCE]
  .concat([...shared, ...workerFunctions].map(String))
  .concat(`${searchWorkerMain.name}(require, { ${shared.map((fn) => fn.name).join(', ')} });`)
  .join('\n');
