// The messages between the search service (main thread) and its worker.
import type { SearchHit } from '../../../../common/conversation-search-contract';
import type { IndexedMessage } from './search-index';
import type { SearchQuery } from './search-query';

export interface WorkerData {
  /** The file MiniSearch's radix tree (the index's word list) is looked up from, as from this module (the worker resolves it: ~10 ms of file reads). */
  resolveFrom: string;
  conversationsDir: string;
  indexFile: string;
  /** How long after a change the index is saved (changes meanwhile are saved together). */
  saveDelayMs: number;
}

export type ToWorker =
  /**
   * The conversations to load (or build) the index for, in slices (a slice's message is small to
   * copy); `updated` is each one's last change (ISO), `last` says the list is complete.
   */
  | { type: 'open'; ids: string[]; updated: string[]; last: boolean }
  | { type: 'add'; conversationId: string; message: IndexedMessage; at: number; end: number }
  | { type: 'remove'; conversationId: string }
  | { type: 'search'; reqId: number; query: SearchQuery }
  | { type: 'save'; reqId: number };

export type WorkerHit = Omit<SearchHit, 'title'>;

export type FromWorker =
  | { type: 'ready'; documents: number }
  | { type: 'results'; reqId: number; results: WorkerHit[]; models: string[]; ready: boolean }
  | { type: 'failed'; reqId: number; detail: string }
  | { type: 'saved'; reqId: number }
  | { type: 'log'; message: string; detail: string };
