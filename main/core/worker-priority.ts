// Lowers a worker thread's scheduling priority, from inside the worker. On a machine with few cores
// a worker loading tables or building the search index otherwise takes the core that the main
// process's event loop (windows, IPC, timers) is waiting for: measured as stalls of 20–200 ms there.

/**
 * Runs inside a worker (its source is part of the worker's program, so it may use only `load`).
 * Linux keeps a nice value per thread and names the calling thread's id in /proc/thread-self;
 * elsewhere, or where it is refused, the worker keeps the normal priority.
 */
export function lowerThreadPriority(load: NodeJS.Require, nice: number): void {
  try {
    const fs = load('node:fs') as typeof import('node:fs');
    const os = load('node:os') as typeof import('node:os');
    const threadId = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) os.setPriority(threadId, nice);
  } catch {
    // Not Linux, or not permitted: the worker runs at normal priority, as before.
  }
}

/**
 * The statement the tokenizer's worker starts with: the lowest priority (nice 19). A count it does
 * not answer in time is asked of a normal-priority worker instead (token-worker.ts).
 */
export const LOWEST_PRIORITY_SOURCE = `(${String(lowerThreadPriority)})(require, 19);`;

/**
 * The statement the search worker starts with: below normal (nice 10), not the lowest. Its queries
 * are typed by a person who waits for them, and a thread cannot raise its priority again (Linux
 * wants a privilege for that). With two busy loops on the 2 cores a search of 100 conversations
 * took 0.6–1.5 s at nice 19, 70–215 ms at nice 10 (14–60 ms at 0); indexing 300,000 messages on a
 * quiet machine left the same longest main-thread blocks at either (medians of 4: 14.1 / 15.1 ms
 * while indexing, 14.3 / 12.0 ms loading).
 */
export const BELOW_NORMAL_PRIORITY_SOURCE = `(${String(lowerThreadPriority)})(require, 10);`;
