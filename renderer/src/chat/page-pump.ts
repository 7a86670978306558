// Asks for one page at a time for as long as the reader needs one: after each page arrives (and
// the log has drawn it) or fails, it checks again, so a page that comes (or fails) while nothing
// else changes cannot leave the reader stuck at the top of what is loaded.

/** How long to wait before asking again after the n-th failure in a row (ms). */
const backoff = (failures: number): number => Math.min(500 * 2 ** (failures - 1), 8_000);
/** A page that changed nothing in the log (no render follows) is waited for no longer than this (ms). */
const DRAWN_WITHIN = 1_000;

export interface PagePump {
  /** Asks for the page the reader needs now, if any and if none is on its way. */
  check(): void;
  /** The log drew a new render: what it shows is now what `wanted` reads. */
  drawn(): void;
  /** How long pages have lately taken from the ask until drawn (ms; the slowest, fading); 0 before the first. */
  latency(): number;
}

/**
 * `wanted` says, from what the log shows now, how many messages to ask for (or null for none);
 * `load` asks for them and resolves false (or rejects) when that failed.
 */
export function createPagePump(wanted: () => number | null, load: (limit: number) => Promise<unknown>): PagePump {
  let busy = false;
  let failures = 0;
  /** No asking before this time: the last page is not drawn yet, or the last ask failed. */
  let waitUntil = 0;
  let awaitingDraw = false;
  let askedAt = 0;
  let slowest = 0;
  const done = (ok: boolean) => {
    busy = false;
    failures = ok ? 0 : failures + 1;
    awaitingDraw = ok;
    waitUntil = performance.now() + (ok ? DRAWN_WITHIN : backoff(failures));
  };
  return {
    check() {
      if (busy || ((awaitingDraw || failures > 0) && performance.now() < waitUntil)) return;
      const limit = wanted();
      if (limit === null) return;
      busy = true;
      awaitingDraw = false;
      askedAt = performance.now();
      load(limit).then(
        (result) => done(result !== false),
        () => done(false),
      );
    },
    drawn() {
      if (awaitingDraw) slowest = Math.max(performance.now() - askedAt, slowest * 0.75);
      awaitingDraw = false;
    },
    latency: () => slowest,
  };
}
