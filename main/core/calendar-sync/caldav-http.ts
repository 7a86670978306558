// The one door every CalDAV request goes through: the caller's fetch (Electron's net.fetch on the
// desktop, for system proxies), Basic authentication, a timeout, and HTTP failures turned into
// CalDavError before tsdav sees them (tsdav reports them as bare Errors or, worse, as empty lists).
import { errorForNetwork, errorForStatus } from './caldav-errors';

export type FetchLike = typeof fetch;

export const DEFAULT_TIMEOUT_MS = 20_000;

export interface HttpContext {
  fetch: FetchLike;
  /** The `Authorization` header value; never logged, never put in an error. */
  authorization: string;
  timeoutMs: number;
  /** host[:port] of the server, for error sentences. */
  host: string;
}

export interface StatusPolicy {
  /** Statuses ≥ 400 the caller handles itself (a GET's 404, an expired sync token's 403). */
  pass?: readonly number[];
  /** Named in a "calendar gone" sentence when a 404/410 is not passed. */
  calendarName?: string;
}

// tsdav's own getBasicAuthHeaders uses btoa, which throws on any character outside Latin-1;
// passwords may hold any Unicode, so the header is built from UTF-8 bytes here.
export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** A fetch for one operation: throws CalDavError on no answer and on statuses the policy does not pass. */
export function davFetch(context: HttpContext, policy: StatusPolicy = {}): FetchLike {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    // Set on every request rather than through tsdav's header options, so no request can go out
    // without it. Cross-origin redirects drop it (fetch's own rule).
    headers.set('authorization', context.authorization);
    const timeout = AbortSignal.timeout(context.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await context.fetch(input, { ...init, headers, signal });
    } catch (error) {
      throw errorForNetwork(error, context.host, context.timeoutMs);
    }
    if (response.status >= 400 && !policy.pass?.includes(response.status)) {
      // Let the connection go back to the pool; the body is not shown to anyone.
      await response.body?.cancel().catch(() => undefined);
      throw errorForStatus(response.status, policy.calendarName ?? null);
    }
    return response;
  };
}

/** Reads a response body under the same timeout rules, as a CalDavError when the connection drops. */
export async function readText(response: Response, context: HttpContext): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw errorForNetwork(error, context.host, context.timeoutMs);
  }
}
