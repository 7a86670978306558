// The client-side rate limiter on its own, with fake timers: requests and tokens per window, a FIFO
// queue that says how long each waits, estimates corrected by the real usage, and aborts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter, type RateTicket, type RateWait } from '../../main/core/usage/rate-limiter';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

function limiter(requestsPerMinute: number, tokensPerMinute = 1_000_000) {
  return new RateLimiter({ limits: () => ({ requestsPerMinute, tokensPerMinute }), windowMs: 60_000 });
}

/** Starts a request and records when it was granted and what it was told while waiting. */
function start(l: RateLimiter, tokens: number, signal = new AbortController().signal) {
  const seen: RateWait[] = [];
  const state: { grantedAt: number | null; ticket: RateTicket | null; error: Error | null } = { grantedAt: null, ticket: null, error: null };
  l.acquire(tokens, signal, (w) => seen.push(w)).then(
    (ticket) => {
      state.grantedAt = Date.now();
      state.ticket = ticket;
      ticket.sent();
    },
    (error: Error) => {
      state.error = error;
    },
  );
  return { seen, state };
}

describe('RateLimiter', () => {
  it('lets the limit through at once and queues the rest, first come first served', async () => {
    const l = limiter(3);
    const requests = Array.from({ length: 7 }, () => start(l, 10));
    await vi.advanceTimersByTimeAsync(0);
    expect(requests.map((r) => r.state.grantedAt)).toEqual([0, 0, 0, null, null, null, null]);
    expect(requests[3]!.seen[0]).toEqual({ waitMs: 60_000, reason: '3 requests per minute' });
    expect(requests[6]!.seen[0]).toEqual({ waitMs: 120_000, reason: '3 requests per minute' });
    expect(requests[4]!.seen[0]).toEqual({ waitMs: 60_000, reason: '3 requests per minute' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests.map((r) => r.state.grantedAt)).toEqual([0, 0, 0, 60_000, 60_000, 60_000, null]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests[6]!.state.grantedAt).toBe(120_000);
    l.dispose();
  });

  it('counts down each second while waiting', async () => {
    const l = limiter(1);
    start(l, 10);
    const waiting = start(l, 10);
    await vi.advanceTimersByTimeAsync(3_500);
    const seconds = waiting.seen.map((w) => Math.ceil(w.waitMs / 1000));
    expect(seconds.filter((s, i) => s !== seconds[i - 1])).toEqual([60, 59, 58, 57]);
    l.dispose();
  });

  it('holds the token limit, and corrects an estimate with the real count', async () => {
    const l = limiter(100, 10_000);
    const first = start(l, 6_000);
    const second = start(l, 6_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(first.state.grantedAt).toBe(0);
    expect(second.state.grantedAt).toBeNull();
    expect(second.seen[0]!.reason).toBe('10,000 tokens per minute');
    first.state.ticket!.settle(1_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(second.state.grantedAt).toBe(0);
    l.dispose();
  });

  it('lets a request larger than the whole token limit go alone', async () => {
    const l = limiter(100, 1_000);
    const big = start(l, 5_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(big.state.grantedAt).toBe(0);
    l.dispose();
  });

  it('counts a request in flight until a window after the server has it', async () => {
    const l = limiter(1);
    const inFlight: RateTicket[] = [];
    void l.acquire(10, new AbortController().signal, () => undefined).then((t) => inFlight.push(t));
    const next = start(l, 10);
    await vi.advanceTimersByTimeAsync(90_000);
    expect(next.state.grantedAt).toBeNull();
    inFlight[0]!.sent();
    await vi.advanceTimersByTimeAsync(59_999);
    expect(next.state.grantedAt).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(next.state.grantedAt).toBe(150_000);
    l.dispose();
  });

  it('drops an aborted request from the queue, and the one behind moves up', async () => {
    const l = limiter(1);
    start(l, 10);
    const controller = new AbortController();
    const aborted = start(l, 10, controller.signal);
    const behind = start(l, 10);
    await vi.advanceTimersByTimeAsync(0);
    expect(behind.seen.at(-1)!.waitMs).toBe(120_000);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(aborted.state.error?.message).toBe('aborted');
    expect(behind.seen.at(-1)!.waitMs).toBe(60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(behind.state.grantedAt).toBe(60_000);
    l.dispose();
  });

  it('applies raised limits to the queue at once', async () => {
    let rpm = 1;
    const l = new RateLimiter({ limits: () => ({ requestsPerMinute: rpm, tokensPerMinute: 1_000_000 }) });
    start(l, 10);
    const waiting = start(l, 10);
    await vi.advanceTimersByTimeAsync(0);
    expect(waiting.state.grantedAt).toBeNull();
    rpm = 2;
    l.changed();
    await vi.advanceTimersByTimeAsync(0);
    expect(waiting.state.grantedAt).toBe(0);
    l.dispose();
  });
});
