// Retrying after a 429: how long Aide waits (the server's retry-after, a backoff, or no retry at
// all) and the countdown the user sees, which runs on the app's clock.
import { APIError, APIUserAbortError } from 'openai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countdown, rateLimitWait, retryAfterMs } from '../../main/core/chat/rate-limit-retry';

const rateLimited = (headers: Record<string, string> = {}) =>
  APIError.generate(
    429,
    { error: { code: 'rate_limit_exceeded', message: 'Rate limit' } },
    undefined,
    new Headers(headers),
  );
const now = new Date('2026-01-01T00:00:00Z');

describe('retryAfterMs', () => {
  it('reads milliseconds, seconds, an HTTP date and the reset header', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }), now.getTime())).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }), now.getTime())).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now.getTime())).toBe(5000);
    expect(retryAfterMs(new Headers({ 'x-ratelimit-reset-requests': '1m6s' }), now.getTime())).toBe(66_000);
    expect(retryAfterMs(new Headers({}), now.getTime())).toBeNull();
  });
});

describe('rateLimitWait', () => {
  it('waits as long as the server asks, a date read against the given time', () => {
    expect(rateLimitWait(rateLimited({ 'retry-after': '3' }), 'rate_limit', 0, now)).toBe(3000);
    const date = { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' };
    expect(rateLimitWait(rateLimited(date), 'rate_limit', 0, now)).toBe(5000);
    expect(rateLimitWait(rateLimited(date), 'rate_limit', 0, new Date('2026-01-01T00:00:04Z'))).toBe(1000);
  });

  it('backs off 1 s, 2 s, 4 s when the server does not say, then shows the error', () => {
    expect([0, 1, 2, 3].map((attempt) => rateLimitWait(rateLimited(), 'rate_limit', attempt, now))).toEqual([
      1000,
      2000,
      4000,
      null,
    ]);
  });

  it('shows the error rather than wait more than a minute', () => {
    expect(rateLimitWait(rateLimited({ 'retry-after': '60' }), 'rate_limit', 0, now)).toBe(60_000);
    expect(rateLimitWait(rateLimited({ 'retry-after': '61' }), 'rate_limit', 0, now)).toBeNull();
  });

  it('never retries an out-of-credit account or a server error', () => {
    expect(rateLimitWait(rateLimited({ 'retry-after': '1' }), 'quota', 0, now)).toBeNull();
    expect(rateLimitWait(new Error('busy'), 'server', 0, now)).toBeNull();
  });
});

describe('countdown', () => {
  // Only the timers are fake: Date keeps the wall time, so a countdown that read it would show.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A countdown on a fake clock a few years ahead of the machine's, and what the user has seen of it. */
  function startCountdown(ms: number, signal = new AbortController().signal) {
    let time = new Date('2031-06-01T12:00:00Z').getTime();
    const seen = { statuses: [] as string[], over: false };
    const clock = { now: () => new Date(time) };
    const waiting = countdown(clock, (status) => seen.statuses.push(status), ms, signal).then(() => {
      seen.over = true;
    });
    return {
      seen,
      waiting,
      /** The clock moves on its own (the machine woke up, the time was corrected). */
      jump: (by: number) => {
        time += by;
      },
      /** Time passes on the clock and the timers alike. */
      tick: async (by: number) => {
        time += by;
        await vi.advanceTimersByTimeAsync(by);
      },
    };
  }

  it('tells the user each second how long is left, and ends on time', async () => {
    const { seen, waiting, tick } = startCountdown(3000);
    await tick(1000);
    await tick(1000);
    expect(seen.statuses).toEqual([
      'Rate limited — retrying in 3 s',
      'Rate limited — retrying in 2 s',
      'Rate limited — retrying in 1 s',
    ]);
    await tick(999);
    expect(seen.over).toBe(false);
    await tick(1);
    await waiting;
    expect(seen.over).toBe(true);
  });

  it('follows the clock when it jumps ahead', async () => {
    const { seen, waiting, jump, tick } = startCountdown(3000);
    jump(1000);
    await tick(1000);
    expect(seen.statuses).toEqual(['Rate limited — retrying in 3 s', 'Rate limited — retrying in 1 s']);
    expect(seen.over).toBe(false);
    await tick(1000);
    await waiting;
    expect(seen.over).toBe(true);
  });

  it('ends at once as a stop when the user stops the answer', async () => {
    const stop = new AbortController();
    const { seen, waiting } = startCountdown(30_000, stop.signal);
    stop.abort();
    await expect(waiting).rejects.toBeInstanceOf(APIUserAbortError);
    expect(seen.statuses).toEqual(['Rate limited — retrying in 30 s']);
  });
});
