// A turn of the event loop that timers and I/O really get, for start-up work split into steps.
// After work done in an I/O callback (a file read resolving), one setImmediate runs straight
// after it, before any timer or other I/O: its check phase follows the poll phase. A second one,
// queued from the first, waits for the next loop iteration, so the loop's timers and I/O come between.
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
