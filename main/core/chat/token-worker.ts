// Counts tokens in a worker thread: gpt-tokenizer's tables take about a second of CPU to load and
// the main process's event loop (windows, IPC, timers) must not stall for it. Should a worker not
// start, counting falls back to this thread, as it was done before: slower, never wrong.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LOWER_PRIORITY_SOURCE } from '../worker-priority';

export type EncodingName = 'o200k_base' | 'cl100k_base';
type Encoder = typeof import('gpt-tokenizer/encoding/o200k_base');

/**
 * The worker's whole program (a string, so the main bundle needs no second entry and tests need no
 * build): it loads an encoding on first use and answers with the count of each piece of text.
 */
const WORKER_SOURCE = `${LOWER_PRIORITY_SOURCE}
const { parentPort, workerData } = require('node:worker_threads');
const load = require('node:module').createRequire(workerData.resolveFrom);
const encoders = new Map();
const none = new Set();
parentPort.on('message', ({ id, encoding, pieces }) => {
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

const requireModule = createRequire(import.meta.url);
/** A user may type "<|endoftext|>"; it is text to count, not a control token to refuse. */
const NO_SPECIAL_TOKENS = new Set<string>();
const waiting = new Map<number, Waiting>();
const inThisThread = new Map<EncodingName, Encoder>();
let worker: Worker | null = null;
let workerFailed = false;
let nextId = 0;

/** The token count of each piece, in `encoding`. */
export async function countPieces(encoding: EncodingName, pieces: string[]): Promise<number[]> {
  if (pieces.length === 0) return [];
  const thread = workerFailed ? null : running();
  if (thread) {
    try {
      return await ask(thread, encoding, pieces);
    } catch {
      workerFailed = true;
      void worker?.terminate();
      worker = null;
    }
  }
  return countHere(encoding, pieces);
}

/** Loads an encoding in the worker now, so the first message does not wait for it. */
export function preload(encoding: EncodingName): void {
  countPieces(encoding, ['warm up']).catch(() => undefined);
}

function ask(thread: Worker, encoding: EncodingName, pieces: string[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    // Referenced only while a count is awaited: an idle worker never keeps the process alive.
    thread.ref();
    thread.postMessage({ id, encoding, pieces });
  });
}

function running(): Worker | null {
  if (worker) return worker;
  try {
    // The worker looks the encodings up as this module would: resolving them here took ~7 ms of file reads.
    const started = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { resolveFrom: fileURLToPath(import.meta.url) },
    });
    started.unref();
    started.on('message', (reply: Reply) => answer(started, reply));
    started.on('error', (error) => stopped(started, error));
    started.on('exit', (code) => stopped(started, new Error(`The token counter stopped (exit code ${code}).`)));
    worker = started;
    return started;
  } catch {
    workerFailed = true;
    return null;
  }
}

function answer(thread: Worker, reply: Reply): void {
  const waiter = waiting.get(reply.id);
  waiting.delete(reply.id);
  if (waiting.size === 0) thread.unref();
  if (!waiter) return;
  if (reply.counts) waiter.resolve(reply.counts);
  else waiter.reject(new Error(reply.error ?? 'The token counter gave no answer.'));
}

function stopped(thread: Worker, error: Error): void {
  if (worker !== thread) return;
  worker = null;
  workerFailed = true;
  for (const waiter of waiting.values()) waiter.reject(error);
  waiting.clear();
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
