// Watches this thread's event loop for blocks, for the benchmarks: a timer every few ms measures
// each gap between its ticks (wall time) and, on Linux, how much of that gap this thread actually
// ran (/proc/thread-self/schedstat, in ns). On a shared machine with few cores a long gap is often
// the thread waiting for a core, not work it does: the second number tells the two apart.
import { readFileSync } from 'node:fs';

export interface Blocks {
  /** Longest gap beyond the tick, wall time, in ms. */
  wall: number;
  /** Longest stretch of this thread's own running within one gap, in ms (NaN where unknown). */
  own: number;
  /** Each gap over `reportOverMs`: "wall ms (own ms) at s". */
  list: string[];
  /** Each gap with over half of `reportOverMs` of own running: when, wall and own ms (for a profile to name). */
  heavy: (Span & { wall: number; own: number })[];
  /** When the longest gap (wall) and the gap with the most own time began and ended (performance.now()). */
  wallSpan: Span;
  ownSpan: Span;
}

export interface Span {
  from: number;
  to: number;
}

const empty = (): Blocks => ({ wall: 0, own: 0, list: [], heavy: [], wallSpan: { from: 0, to: 0 }, ownSpan: { from: 0, to: 0 } });

/** This thread's time on a core so far, in ms, or NaN where the system does not say. */
function ranMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

export function watchBlocks(
  tickMs = 5,
  reportOverMs = 20,
): { checkpoint(): Blocks; stop(): Blocks; exclude(run: () => void): void } {
  const started = performance.now();
  let total = empty();
  let phase = empty();
  let last = started;
  let lastRan = ranMs();
  const gap = () => {
    const now = performance.now();
    const ran = ranMs();
    const wall = now - last - tickMs;
    const own = ran - lastRan;
    for (const blocks of [total, phase]) {
      if (wall > blocks.wall) Object.assign(blocks, { wall, wallSpan: { from: last, to: now } });
      if (own > blocks.own) Object.assign(blocks, { own, ownSpan: { from: last, to: now } });
    }
    if (own > reportOverMs / 2) total.heavy.push({ from: last, to: now, wall, own });
    if (wall > reportOverMs)
      total.list.push(`${wall.toFixed(0)} ms (${own.toFixed(0)} ms own) at ${((last - started) / 1000).toFixed(2)} s`);
    last = now;
    lastRan = ran;
  };
  const timer = setInterval(gap, tickMs);
  return {
    /** Closes the gap under way now (after a long synchronous call) and starts a new phase. */
    checkpoint() {
      gap();
      const done = phase;
      phase = empty();
      return done;
    },
    /** Runs `run` (the bench's own work, e.g. a forced collection) without counting it as a block. */
    exclude(run) {
      gap();
      run();
      last = performance.now();
      lastRan = ranMs();
    },
    stop() {
      clearInterval(timer);
      gap();
      const done = total;
      total = empty();
      return done;
    },
  };
}
