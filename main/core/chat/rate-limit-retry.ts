// Retrying a request the API rate-limited (429): how long to wait (the server's retry-after, or a
// backoff) and the wait itself, counted down for the user on the injected clock.
import { APIError, APIUserAbortError } from 'openai';
import type { UserError } from '../../../common/contract';
import type { Clock } from '../ports';

/** Retries before the error is shown with Retry: enough to ride out a short burst, few enough that a lasting limit is reported within a minute or so. */
const RATE_LIMIT_RETRIES = 3;

/** Longest wait between retries; a longer retry-after becomes the error with Retry, so no one watches a minutes-long countdown. */
const MAX_RETRY_WAIT_MS = 60_000;

/** How long to wait before retry number `attempt + 1`, or null when this error should be shown instead. */
export function rateLimitWait(error: unknown, code: UserError['code'], attempt: number, now: Date): number | null {
  if (code !== 'rate_limit' || attempt >= RATE_LIMIT_RETRIES) return null;
  const headers = error instanceof APIError ? error.headers : undefined;
  const wait = retryAfterMs(headers, now.getTime()) ?? 1000 * 2 ** attempt;
  return wait <= MAX_RETRY_WAIT_MS ? wait : null;
}

/** Milliseconds from `retry-after-ms`, `retry-after` (seconds or HTTP date) or `x-ratelimit-reset-requests` ("1s", "6m0s"). */
export function retryAfterMs(headers: Headers | undefined, now: number): number | null {
  if (!headers) return null;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const after = headers.get('retry-after');
  if (after) {
    const seconds = Number(after);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers.get('x-ratelimit-reset-requests');
  return reset ? durationMs(reset) : null;
}

function durationMs(text: string): number | null {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0) return null;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return parts.reduce((sum, [, n, u]) => sum + Number(n) * (unit[u!] ?? 0), 0);
}

/**
 * Waits `ms` by the clock, telling the user each second how long is left ("retrying in 3 s");
 * real timers do the waiting in between. A stop ends the wait as an abort.
 */
export async function countdown(
  clock: Clock,
  show: (status: string) => void,
  ms: number,
  signal: AbortSignal,
): Promise<void> {
  const end = clock.now().getTime() + ms;
  while (!signal.aborted) {
    const left = end - clock.now().getTime();
    if (left <= 0) break;
    const seconds = Math.ceil(left / 1000);
    show(`Rate limited — retrying in ${seconds} s`);
    await sleep(left - (seconds - 1) * 1000, signal);
  }
  if (signal.aborted) throw new APIUserAbortError();
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
