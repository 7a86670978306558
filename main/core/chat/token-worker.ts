// Counts tokens in worker threads: gpt-tokenizer's tables take about a second of CPU to load and
// the main process's event loop (windows, IPC, timers) must not stall for it. Should a worker not
// start, counting falls back to this thread, as it was done before: slower, never wrong.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LOWEST_PRIORITY_SOURCE } from '../worker-priority';

export type EncodingName = 'o200k_base' | 'cl100k_base';
/**
 * `low`: the worker at the lowest thread priority, for every count (it never slows the main
 * process). `normal`: a second worker at the normal priority, for a count the user waits for and
 * the low one has not answered (on a busy machine it gets almost no CPU).
 */
export type CountPriority = 'low' | 'normal';
type Encoder = typeof import('gpt-tokenizer/encoding/o200k_base');

/**
 * The worker's whole program (a string, so the main bundle needs no second entry and tests need no
 * build): it loads an encoding on first use and answers with the count of each piece of text. A
 * `hold` message blocks it until released (tests use it to stand in for a starved worker).
 */
const WORKER_PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const load = require('node:module').createRequire(workerData.resolveFrom);
const encoders = new Map();
const none = new Set();
parentPort.on('message', ({ id, encoding, pieces, hold }) => {
  if (hold) return void Atomics.wait(new Int32Array(hold), 0, 0);
  try {
    let encoder = encoders.get(encoding);
    if (!encoder) encoders.set(encoding, (encoder = load('gpt-tokenizer/encoding/' + encoding)));
    parentPort.postMessage({ id, counts: pieces.map((piece) => encoder.countTokens(piece, { disallowedSpecial: none })) });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});`;

interface Reply {
  id: number;
  counts?: number[];
  error?: string;
}

interface Waiting {
  resolve: (counts: number[]) => void;
  reject: (error: Error) => void;
}

/** One worker, started on first use; after it fails, its counts are made in this thread. */
class CountingThread {
  private worker: Worker | null = null;
  private failed = false;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;

  constructor(private readonly source: string) {}

  /** The counts, or null when no worker could give them. */
  async count(encoding: EncodingName, pieces: string[]): Promise<number[] | null> {
    const thread = this.running();
    if (!thread) return null;
    try {
      return await this.ask(thread, encoding, pieces);
    } catch {
      this.failed = true;
      void this.worker?.terminate();
      this.worker = null;
      return null;
    }
  }

  /** Started, and not failed. */
  get ready(): boolean {
    return this.worker !== null;
  }

  /** Counts asked and not answered yet. */
  get behind(): boolean {
    return this.waiting.size > 0;
  }

  /** Blocks the worker until the returned function is called. */
  hold(): () => void {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    this.running()?.postMessage({ hold: flag.buffer });
    return () => {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    };
  }

  private ask(thread: Worker, encoding: EncodingName, pieces: string[]): Promise<number[]> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { resolve, reject });
      // Referenced only while a count is awaited: an idle worker never keeps the process alive.
      thread.ref();
      thread.postMessage({ id, encoding, pieces });
    });
  }

  private running(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    try {
      // The worker looks the encodings up as this module would: resolving them here took ~7 ms of file reads.
      const started = new Worker(this.source, {
        eval: true,
        workerData: { resolveFrom: fileURLToPath(import.meta.url) },
      });
      started.unref();
      started.on('message', (reply: Reply) => this.answer(started, reply));
      started.on('error', (error) => this.stopped(started, error));
      started.on('exit', (code) => this.stopped(started, new Error(`The token counter stopped (exit code ${code}).`)));
      this.worker = started;
      return started;
    } catch {
      this.failed = true;
      return null;
    }
  }

  private answer(thread: Worker, reply: Reply): void {
    const waiter = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) thread.unref();
    if (!waiter) return;
    if (reply.counts) waiter.resolve(reply.counts);
    else waiter.reject(new Error(reply.error ?? 'The token counter gave no answer.'));
  }

  private stopped(thread: Worker, error: Error): void {
    if (this.worker !== thread) return;
    this.worker = null;
    this.failed = true;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

const threads: Record<CountPriority, CountingThread> = {
  low: new CountingThread(`${LOWEST_PRIORITY_SOURCE}${WORKER_PROGRAM}`),
  normal: new CountingThread(WORKER_PROGRAM),
};
const requireModule = createRequire(import.meta.url);
/** A user may type "<|endoftext|>"; it is text to count, not a control token to refuse. */
const NO_SPECIAL_TOKENS = new Set<string>();
const inThisThread = new Map<EncodingName, Encoder>();

/** The token count of each piece, in `encoding`. */
export async function countPieces(
  encoding: EncodingName,
  pieces: string[],
  priority: CountPriority = 'low',
): Promise<number[]> {
  if (pieces.length === 0) return [];
  return (await threads[priority].count(encoding, pieces)) ?? countHere(encoding, pieces);
}

/**
 * The worker for a count the user waits for: the low-priority one, unless it still has counts to
 * answer (a new one would queue behind them) and the normal-priority one was started (it was too slow before).
 */
export function urgentPriority(): CountPriority {
  return threads.low.behind && threads.normal.ready ? 'normal' : 'low';
}

/** Loads an encoding in the low-priority worker now, so the first message does not wait for it. */
export function preload(encoding: EncodingName): void {
  countPieces(encoding, ['warm up']).catch(() => undefined);
}

/**
 * For tests: the low-priority worker answers nothing until the returned function is called, as on
 * a machine so busy that a thread at the lowest priority gets no CPU (it is blocked, not faked).
 */
export function holdLowPriorityWorker(): () => void {
  return threads.low.hold();
}

function countHere(encoding: EncodingName, pieces: string[]): number[] {
  let encoder = inThisThread.get(encoding);
  if (!encoder) {
    encoder = requireModule(`gpt-tokenizer/encoding/${encoding}`) as Encoder;
    inThisThread.set(encoding, encoder);
  }
  const bpe = encoder;
  return pieces.map((piece) => bpe.countTokens(piece, { disallowedSpecial: NO_SPECIAL_TOKENS }));
}
