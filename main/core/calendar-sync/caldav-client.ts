// The CalDAV client the sync engine talks to: connects an account (discovery of principal and
// calendar home) and answers CalDavConnection on top of tsdav. Every failure leaves as CalDavError.
import { changesSince } from './caldav-changes';
import { createCalendar, listCalendars } from './caldav-calendars';
import { discoverAccount } from './caldav-discovery';
import { errorForNetwork, INVALID_URL_MESSAGE, MALFORMED_MESSAGE } from './caldav-errors';
import { basicAuthorization, DEFAULT_TIMEOUT_MS, type FetchLike, type HttpContext } from './caldav-http';
import { getObject, putObject, removeObject } from './caldav-objects';
import { CalDavError, type CalDavAccount, type CalDavConnection } from './sync-types';

export interface ConnectOptions {
  /** Used for every request (the desktop passes Electron's net.fetch, which honours system proxies). */
  fetch?: FetchLike;
  /** Per request, connect to last byte; 20 s by default. */
  timeoutMs?: number;
}

/** The typed address as a URL: `https://` when no scheme was typed, credentials in it dropped. */
export function parseServerUrl(typed: string): URL {
  const trimmed = typed.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    throw new CalDavError('unreachable', INVALID_URL_MESSAGE);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname)
    throw new CalDavError('unreachable', INVALID_URL_MESSAGE);
  // fetch refuses URLs with user:password@ in them, and they must not end up in any message.
  url.username = '';
  url.password = '';
  return url;
}

/**
 * Whatever escaped as something other than CalDavError: a fetch failure tsdav let through while
 * reading a body, or a bare Error tsdav raised on an answer it could not use.
 */
function toCalDavError(error: unknown, context: HttpContext): CalDavError {
  if (error instanceof CalDavError) return error;
  if (isConnectionFailure(error)) return errorForNetwork(error, context.host, context.timeoutMs);
  return new CalDavError('malformed', MALFORMED_MESSAGE);
}

// A connection that broke while a body was read: Node's fetch throws a TypeError with a `cause`
// (`terminated`), the timeout an AbortSignal's DOMException, Electron's net.fetch `net::ERR_…`.
// A TypeError without a cause is tsdav tripping over an answer's shape, not the network.
function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError' || error.name === 'AbortError' || error.message.startsWith('net::ERR_'))
    return true;
  return error instanceof TypeError && error.cause !== undefined;
}

async function guarded<T>(context: HttpContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toCalDavError(error, context);
  }
}

export async function connectCalDav(account: CalDavAccount, options: ConnectOptions = {}): Promise<CalDavConnection> {
  const serverUrl = parseServerUrl(account.serverUrl);
  const context: HttpContext = {
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    authorization: basicAuthorization(account.user, account.password),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    host: serverUrl.host,
  };
  const { homeUrl } = await guarded(context, () => discoverAccount(serverUrl.href, context));
  return {
    listCalendars: () => guarded(context, () => listCalendars(homeUrl, context)),
    createCalendar: (displayName, components) =>
      guarded(context, () => createCalendar(homeUrl, displayName, components, context)),
    changesSince: (calendar, syncToken, knownEtags) =>
      guarded(context, () => changesSince(calendar, syncToken, knownEtags, context)),
    get: (href) => guarded(context, () => getObject(href, context)),
    put: (href, ics, etag) => guarded(context, () => putObject(href, ics, etag, context)),
    remove: (href, etag) => guarded(context, () => removeObject(href, etag, context)),
  };
}
