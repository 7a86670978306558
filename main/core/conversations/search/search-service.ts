// The main thread's side of search: starts the search worker, forwards every appended message and
// deleted conversation to it, and asks it queries. Nothing here reads files or touches the index,
// so the main process's event loop is never held up by indexing, loading or saving.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SearchHit } from '../../../../common/conversation-search-contract';
import type { Logger } from '../../ports';
import type { ConversationSummary } from '../../../../common/contract';
import type { ConversationChange, ConversationStore } from '../conversation-store';
import type { SearchQuery } from './search-query';
import type { FromWorker, ToWorker, WorkerData, WorkerHit } from './search-protocol';
import { SEARCH_WORKER_SOURCE } from './search-worker';

export interface SearchAnswer {
  results: SearchHit[];
  models: string[];
  ready: boolean;
}

interface Waiting {
  resolve(reply: FromWorker): void;
  reject(error: Error): void;
}

export const SEARCH_INDEX_FILE = 'search-index.json';
/** Conversations named per message while the worker opens the index: a slice is copied in well under 1 ms. */
const LIST_SLICE = 500;

export class SearchService {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private stopListening: (() => void) | null = null;
  private readyListeners: (() => void)[] = [];
  private isReady = false;
  private startTimer: NodeJS.Immediate | null = null;
  /** The part of the conversation list (taken at start) not yet sent to the worker. */
  private unsent: { summaries: ConversationSummary[]; from: number } | null = null;
  private disposed = false;
  /** Made once: after a crash, search stays off (as before) rather than starting a worker with no list. */
  private made = false;

  constructor(
    private readonly options: {
      dataDir: string;
      conversations: ConversationStore;
      logger: Logger;
      /**
       * Shortened by tests; ten seconds by default. Saving 300,000 messages' index takes the worker
       * about a second, and what is appended before a save is read from the files' ends at next start.
       */
      saveDelayMs?: number;
    },
  ) {}

  /**
   * Starts the worker: it loads or builds the index in the background. Each main-thread step has a
   * turn of the event loop to itself, so none holds it up for long: making the worker (4–10 ms of
   * Node's own code the first time in a process) and handing over the conversation list, a slice
   * at a time.
   */
  start(): void {
    const { conversations } = this.options;
    this.stopListening = conversations.onChange((change) => this.forward(change));
    this.unsent = { summaries: conversations.summaries(), from: 0 };
    this.startTimer = setImmediate(() => {
      this.workerNow();
      this.startTimer = setImmediate(() => this.sendList());
    });
  }

  /** Whether the index has caught up with every conversation since start. */
  get ready(): boolean {
    return this.isReady;
  }

  /** Resolves once the index has caught up with every conversation. */
  whenReady(): Promise<void> {
    if (this.isReady) return Promise.resolve();
    return new Promise((resolve) => this.readyListeners.push(resolve));
  }

  async search(query: SearchQuery): Promise<SearchAnswer> {
    const reply = await this.ask((reqId) => ({ type: 'search', reqId, query }));
    if (reply.type !== 'results') throw new Error('The search could not be run.');
    const results: SearchHit[] = [];
    for (const hit of reply.results) {
      const summary = this.options.conversations.summary(hit.conversationId);
      if (summary) results.push(withTitle(hit, summary.title));
    }
    return { results, models: reply.models, ready: reply.ready };
  }

  /** Saves the index now (changes are otherwise saved a moment after they happen). */
  async save(): Promise<void> {
    await this.ask((reqId) => ({ type: 'save', reqId }));
  }

  /** Saves what is pending and stops the worker. */
  async dispose(): Promise<void> {
    this.stopListening?.();
    this.stopListening = null;
    this.disposed = true;
    if (this.startTimer) clearImmediate(this.startTimer);
    const worker = this.worker;
    if (!worker) return;
    // The worker saves only once it has the whole list (an index saved before would lose the rest).
    this.sendList(Infinity);
    try {
      await this.save();
    } catch (error) {
      this.options.logger.warn('search index not saved at exit', { error: String(error) });
    }
    this.worker = null;
    await worker.terminate();
  }

  private forward(change: ConversationChange): void {
    if (change.type === 'deleted') {
      this.post({ type: 'remove', conversationId: change.id });
      return;
    }
    const { id, role, content, createdAt, model } = change.message;
    const message = { id, role, content, createdAt, model: model ?? null };
    this.post({ type: 'add', conversationId: change.id, message, at: change.at, end: change.end });
  }

  private ask(make: (reqId: number) => ToWorker): Promise<FromWorker> {
    const worker = this.workerNow();
    if (!worker) return Promise.reject(new Error('Search is not running.'));
    return new Promise((resolve, reject) => {
      const reqId = this.nextId++;
      this.waiting.set(reqId, { resolve, reject });
      // Referenced only while an answer is awaited: an idle worker never keeps the process alive.
      worker.ref();
      worker.postMessage(make(reqId));
    });
  }

  private post(message: ToWorker): void {
    this.workerNow()?.postMessage(message);
  }

  /** The worker, made now if it is not yet (a change or a query before its turn came). */
  private workerNow(): Worker | null {
    if (this.made || this.disposed) return this.worker;
    this.made = true;
    const { dataDir, logger } = this.options;
    const workerData: WorkerData = {
      resolveFrom: fileURLToPath(import.meta.url),
      conversationsDir: join(dataDir, 'conversations'),
      indexFile: join(dataDir, SEARCH_INDEX_FILE),
      saveDelayMs: this.options.saveDelayMs ?? 10_000,
    };
    const worker = new Worker(SEARCH_WORKER_SOURCE, { eval: true, workerData });
    worker.unref();
    worker.on('message', (reply: FromWorker) => this.receive(reply));
    worker.on('error', (error) => this.stopped(worker, error));
    worker.on('exit', (code) => this.stopped(worker, new Error(`The search worker stopped (exit code ${code}).`)));
    this.worker = worker;
    logger.info('search index opening');
    return worker;
  }

  /** Sends the next slice(s) of the conversation list, and schedules the rest for later turns. */
  private sendList(slices = 1): void {
    const unsent = this.unsent;
    if (!unsent) return;
    for (let sent = 0; sent < slices && this.unsent; sent++) {
      const slice = unsent.summaries.slice(unsent.from, unsent.from + LIST_SLICE);
      unsent.from += slice.length;
      const last = unsent.from >= unsent.summaries.length;
      if (last) this.unsent = null;
      const ids = slice.map((summary) => summary.id);
      this.post({ type: 'open', ids, updated: slice.map((summary) => summary.updatedAt), last });
    }
    this.startTimer = this.unsent && !this.disposed ? setImmediate(() => this.sendList()) : null;
  }

  private receive(reply: FromWorker): void {
    if (reply.type === 'log') {
      this.options.logger.warn(reply.message, { detail: reply.detail });
      return;
    }
    if (reply.type === 'ready') {
      this.isReady = true;
      this.options.logger.info('search index ready', { documents: reply.documents });
      for (const listener of this.readyListeners.splice(0)) listener();
      return;
    }
    const waiter = this.waiting.get(reply.reqId);
    this.waiting.delete(reply.reqId);
    if (this.waiting.size === 0) this.worker?.unref();
    if (reply.type === 'failed') waiter?.reject(new Error(reply.detail));
    else waiter?.resolve(reply);
  }

  private stopped(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.options.logger.error('search worker stopped', { error: error.message });
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

function withTitle(hit: WorkerHit, title: string): SearchHit {
  return { ...hit, title };
}
