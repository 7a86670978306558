// What every step of the search worker shares: the worker's state and ports (`Context`), and the
// functions of the index's and the worker's files, which steps call through `ctx.ix` (see search-worker.ts).
import type * as Fs from 'node:fs';
import type * as Path from 'node:path';
import type * as indexFunctions from './search-index';
import type { DictionaryClass, IndexState } from './search-index';
import type * as fileFunctions from './search-index-file';
import type * as saveFunctions from './search-index-save';
import type { FromWorker, ToWorker, WorkerData } from './search-protocol';
import type * as queryFunctions from './search-query';
import type * as snippetFunctions from './search-snippet';
import type * as answerSteps from './search-worker-answer';
import type * as lineSteps from './search-worker-lines';
import type * as openSteps from './search-worker-open';
import type * as saveSteps from './search-worker-save';

/**
 * The index files' functions and the worker's own steps, handed to the worker's entry by name: a
 * test runner rewrites calls to another module's functions, which the worker's source must not
 * depend on.
 */
export type IndexFunctions = typeof indexFunctions &
  typeof queryFunctions &
  typeof fileFunctions &
  typeof saveFunctions &
  typeof snippetFunctions &
  typeof openSteps &
  typeof lineSteps &
  typeof answerSteps &
  typeof saveSteps;

export interface Context {
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
