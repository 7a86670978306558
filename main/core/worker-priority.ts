// Lowers a worker thread's scheduling priority, from inside the worker. On a machine with few cores
// a worker loading tables or building the search index otherwise takes the core that the main
// process's event loop (windows, IPC, timers) is waiting for: measured as stalls of 20–200 ms there.

/**
 * Runs inside a worker (its source is part of the worker's program, so it may use only `load`).
 * Linux keeps a nice value per thread and names the calling thread's id in /proc/thread-self;
 * elsewhere, or where it is refused, the worker keeps the normal priority.
 */
export function lowerThreadPriority(load: NodeJS.Require): void {
  try {
    const fs = load('node:fs') as typeof import('node:fs');
    const os = load('node:os') as typeof import('node:os');
    const threadId = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) os.setPriority(threadId, os.constants.priority.PRIORITY_LOW);
  } catch {
    // Not Linux, or not permitted: the worker runs at normal priority, as before.
  }
}

/** The statement a worker's source starts with. */
export const LOWER_PRIORITY_SOURCE = `(${String(lowerThreadPriority)})(require);`;
