// Client-side rate limits: requests and tokens per sliding window (a minute), enforced before a
// request is sent. Requests over the limit wait in a FIFO queue, told each second how long is left.
import type { RateLimits } from '../../../common/contract';

export interface RateLimiterOptions {
  limits: () => RateLimits;
  /** The window the limits apply to: a minute; tests shorten it. */
  windowMs?: number;
  now?: () => number;
}

export interface RateWait {
  /** Estimated milliseconds until this request may go. */
  waitMs: number;
  /** The limit it waits for, e.g. "3 requests per minute". */
  reason: string;
}

/** A granted request's place in the window. */
export interface RateTicket {
  /** The server has the request (answered or failed): the window counts from now. */
  sent(): void;
  /** Replaces the estimate with the tokens the API reported. */
  settle(tokens: number): void;
  /** The request was not sent after all. */
  release(): void;
}

interface Entry {
  tokens: number;
  /** Null while in flight: such a request counts until a full window after the server has it. */
  sentAt: number | null;
}

interface Waiter {
  tokens: number;
  grant: (ticket: RateTicket) => void;
  fail: (error: Error) => void;
  onWait: (wait: RateWait) => void;
}

export class RateLimiter {
  private entries: Entry[] = [];
  private readonly queue: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(private readonly options: RateLimiterOptions) {
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Resolves when a request of about `tokens` tokens may be sent; rejects when `signal` aborts first. */
  acquire(tokens: number, signal: AbortSignal, onWait: (wait: RateWait) => void): Promise<RateTicket> {
    if (signal.aborted) return Promise.reject(new Error('aborted'));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index === -1) return;
        this.queue.splice(index, 1);
        reject(new Error('aborted'));
        this.pump();
      };
      const waiter: Waiter = {
        tokens,
        grant: (ticket) => {
          signal.removeEventListener('abort', onAbort);
          resolve(ticket);
        },
        fail: reject,
        onWait,
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** The limits changed: the queue is looked at again. */
  changed(): void {
    this.pump();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const waiter of this.queue.splice(0)) waiter.fail(new Error('aborted'));
  }

  /** Grants what fits now, tells the others how long they wait, and looks again when one may go (or in a second). */
  private pump(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = this.now();
    this.entries = this.entries.filter((e) => e.sentAt === null || e.sentAt + this.windowMs > now);
    const { requestsPerMinute, tokensPerMinute } = this.options.limits();

    // Plays the queue forward: each waiter starts when the window has room for it after those ahead.
    // An in-flight request is assumed sent now, the earliest its window can end.
    const window = this.entries.map((e) => ({ until: (e.sentAt ?? now) + this.windowMs, tokens: e.tokens }));
    let start = now;
    const plan: { waiter: Waiter; at: number; reason: string }[] = [];
    // A waiter held only by those ahead of it waits for the same limit they do.
    let reason = '';
    for (const waiter of this.queue) {
      for (;;) {
        const active = window.filter((w) => w.until > start);
        const used = active.reduce((sum, w) => sum + w.tokens, 0);
        if (active.length >= requestsPerMinute) reason = `${requestsPerMinute.toLocaleString('en-US')} requests per minute`;
        // One request larger than the whole token limit still goes, alone, rather than never.
        else if (used + waiter.tokens > tokensPerMinute && active.length > 0) reason = `${tokensPerMinute.toLocaleString('en-US')} tokens per minute`;
        else break;
        start = Math.min(...active.map((w) => w.until));
      }
      plan.push({ waiter, at: start, reason });
      window.push({ until: start + this.windowMs, tokens: waiter.tokens });
    }

    for (const { waiter, at } of plan) {
      if (at > now) break;
      this.queue.shift();
      waiter.grant(this.ticket(waiter.tokens));
    }
    const waiting = plan.filter((p) => p.at > now);
    for (const { waiter, at, reason } of waiting) waiter.onWait({ waitMs: at - now, reason });
    const next = waiting[0];
    if (next) {
      // Again when the first one's countdown (in whole seconds, rounded up) drops, or it may go.
      const wait = next.at - now;
      this.timer = setTimeout(() => this.pump(), Math.max(1, wait % 1000 || 1000));
    }
  }

  private ticket(tokens: number): RateTicket {
    const entry: Entry = { tokens, sentAt: null };
    this.entries.push(entry);
    return {
      sent: () => {
        if (entry.sentAt !== null) return;
        entry.sentAt = this.now();
        this.pump();
      },
      settle: (actual) => {
        entry.tokens = actual;
        this.pump();
      },
      release: () => {
        this.entries = this.entries.filter((e) => e !== entry);
        this.pump();
      },
    };
  }
}
