// The search worker's program: it loads the persisted index (or builds it from the conversation
// files), catches up with what was appended since, applies changes, answers queries with snippets
// and saves the index — all off the main process's thread, which only sends messages. This file
// holds its entry and the routing of messages; the steps are in search-worker-open, -lines,
// -answer and -save.
//
// Node 20 cannot start a worker from TypeScript, and the build has one main bundle: as with the
// token counter, the worker runs from source text, here made of these functions and those of the
// index's files (search-index, search-query, search-index-file, search-snippet) and the worker's steps.
import type * as Fs from 'node:fs';
import type * as Module from 'node:module';
import type * as Path from 'node:path';
import type * as Threads from 'node:worker_threads';
import * as indexFunctions from './search-index';
import type { DictionaryClass } from './search-index';
import * as fileFunctions from './search-index-file';
import * as saveFunctions from './search-index-save';
import type { ToWorker, WorkerData } from './search-protocol';
import * as queryFunctions from './search-query';
import * as snippetFunctions from './search-snippet';
import * as answerSteps from './search-worker-answer';
import type { Context, IndexFunctions } from './search-worker-context';
import * as lineSteps from './search-worker-lines';
import * as openSteps from './search-worker-open';
import * as saveSteps from './search-worker-save';
import { BELOW_NORMAL_PRIORITY_SOURCE } from '../../worker-priority';

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
  if (message.type === 'search') void ctx.ix.answerSearch(ctx, message.reqId, message.query);
  else if (message.type === 'save') {
    ctx.ix.saveNow(ctx).then(
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
  ctx.ix
    .openIndex(ctx, ids)
    .catch((error: unknown) => {
      ctx.post({ type: 'log', message: 'search index not fully opened', detail: String(error) });
      return true;
    })
    .then(async (changed) => {
      for (const change of ctx.pending.splice(0)) applyChange(ctx, change);
      ctx.ready = true;
      ctx.post({ type: 'ready', documents: ctx.state.live });
      if (changed) await ctx.ix.saveNow(ctx);
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
  ctx.ix.saveSoon(ctx);
}

const workerFunctions = [searchWorkerMain, receive, takeList, applyChange];
/** By export name: the bundler may rename a function that shares its name with another module's. */
const shared = [
  indexFunctions,
  queryFunctions,
  fileFunctions,
  saveFunctions,
  snippetFunctions,
  openSteps,
  lineSteps,
  answerSteps,
  saveSteps,
].flatMap((module) =>
  Object.entries(module).filter((entry): entry is [string, () => unknown] => typeof entry[1] === 'function'),
);

/** Every function the worker needs, in one program; the entry is called last. */
export const SEARCH_WORKER_SOURCE = [BELOW_NORMAL_PRIORITY_SOURCE]
  .concat([...shared.map(([, fn]) => fn), ...workerFunctions].map(String))
  .concat(`${searchWorkerMain.name}(require, { ${shared.map(([name, fn]) => `${name}: ${fn.name}`).join(', ')} });`)
  .join('\n');
