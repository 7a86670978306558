// Makes the process's first date formatters in a short-lived worker thread. The first
// Intl.DateTimeFormat made in a process loads ICU's locale and time-zone data: 25–60 ms of one
// task on a cold start, on whichever thread makes it. ICU keeps that data for the whole process,
// so once a worker has made the formatters the core makes at start (the system's zone, luxon's
// en-US, the usage figures' en-CA), the main thread's own take well under a millisecond.
import { Worker } from 'node:worker_threads';

/** The worker's whole program: the same formatters as the core's first ones, then done. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const timeZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
const parts = { year: 'numeric', month: '2-digit', day: '2-digit', hour: 'numeric', minute: 'numeric', second: 'numeric' };
for (const locale of ['en-US', 'en-CA']) new Intl.DateTimeFormat(locale, { ...parts, hour12: false, timeZone }).formatToParts(0);
(1000).toLocaleString('en-US');
parentPort.postMessage(timeZone);`;

/**
 * How long after its start start-up waits for the warm-up at most (it takes ~100–120 ms on an idle
 * machine, thread start included): on a busy one, going on is better than holding the start for
 * 25–60 ms of work; the formatters work without it, only slower the first time.
 */
const WAIT_AT_MOST_MS = 200;

/**
 * Starts the warm-up; the promise settles once it is done, failed or taken too long, never
 * rejecting: it only saves time, nothing depends on it.
 */
export function warmUpIntl(): Promise<void> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true });
    } catch {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      resolve();
      void worker.terminate();
    };
    const timer = setTimeout(done, WAIT_AT_MOST_MS);
    worker.once('message', done);
    worker.once('error', done);
    worker.once('exit', done);
  });
}
