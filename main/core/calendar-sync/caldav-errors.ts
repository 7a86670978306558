// Turns every way a CalDAV request can fail (HTTP status, network, TLS, timeout, unreadable XML)
// into a CalDavError with a sentence for the person. Sentences never carry a password, a header
// or a raw server text; at most the server's host name.
import { CalDavError } from './sync-types';

export const AUTH_MESSAGE =
  'The calendar server refused the user name or password. Check them under Calendar sync in Settings (iCloud and Fastmail need an app-specific password), then connect again.';

export function unreachableMessage(host: string): string {
  return `Aide could not reach the calendar server ${host}. Check the server URL and your internet connection; Aide tries again on the next sync.`;
}

export function timeoutMessage(host: string, timeoutMs: number): string {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  return `The calendar server ${host} did not answer within ${seconds} second${seconds === 1 ? '' : 's'}. Check the server URL and your connection; Aide tries again on the next sync.`;
}

export function tlsMessage(host: string): string {
  return `The certificate of the calendar server ${host} is not trusted (self-signed, expired or issued for another name), so Aide did not send your password. Fix the server's certificate or use the address its certificate is made for.`;
}

export const NOT_FOUND_MESSAGE =
  'A calendar Aide syncs with is gone from the server (deleted on another device?). Choose another calendar under Calendar sync in Settings.';

export function calendarGoneMessage(displayName: string): string {
  return `The calendar "${displayName}" is gone from the server (deleted on another device?). Choose another calendar under Calendar sync in Settings.`;
}

export const NO_CALDAV_MESSAGE =
  'No CalDAV calendars were found at this address. Check the server URL (for Nextcloud it ends in /remote.php/dav; for iCloud use https://caldav.icloud.com).';

export const INVALID_URL_MESSAGE =
  'The CalDAV server URL is not a web address. Enter it like https://cal.example.com/ and connect again.';

export const CONFLICT_MESSAGE =
  'The item was changed on the server by another device at the same time; Aide fetches the server copy and merges the two.';

export const FORBIDDEN_MESSAGE =
  'The calendar server does not allow this change (the calendar may be read-only or shared with you for reading only). Choose a calendar you can write to.';

export function serverMessage(status: number): string {
  return `The calendar server had a problem (HTTP ${status}). Aide tries again on the next sync; if it keeps happening, contact whoever runs the server.`;
}

export const MALFORMED_MESSAGE =
  'The calendar server sent an answer Aide cannot read. Aide tries again on the next sync; if it keeps happening, check that the server URL points to a CalDAV server.';

/** How a non-2xx status reads in the place it happened (a calendar's name makes "gone" clearer). */
export function errorForStatus(status: number, calendarName: string | null = null): CalDavError {
  if (status === 401) return new CalDavError('auth', AUTH_MESSAGE, status);
  if (status === 403) return new CalDavError('forbidden', FORBIDDEN_MESSAGE, status);
  if (status === 404 || status === 410) {
    return new CalDavError(
      'not-found',
      calendarName === null ? NOT_FOUND_MESSAGE : calendarGoneMessage(calendarName),
      status,
    );
  }
  if (status === 412) return new CalDavError('conflict', CONFLICT_MESSAGE, status);
  return new CalDavError('server', serverMessage(status), status);
}

// Node's fetch (undici) puts an OpenSSL code on `cause.code`; Electron's net.fetch says
// `net::ERR_CERT_…` / `net::ERR_SSL_…` in the message. Both are checked.
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof message === 'string') codes.push(message);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

function isTimeout(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'TimeoutError' || errorCodes(error).some((code) => code.includes('ERR_TIMED_OUT')))
  );
}

/** A request that got no HTTP answer at all. */
export function errorForNetwork(error: unknown, host: string, timeoutMs: number): CalDavError {
  if (error instanceof CalDavError) return error;
  if (isTimeout(error)) return new CalDavError('unreachable', timeoutMessage(host, timeoutMs));
  const codes = errorCodes(error);
  if (codes.some((code) => TLS_CODES.has(code) || /ERR_CERT_|ERR_SSL_|certificate/i.test(code))) {
    return new CalDavError('tls', tlsMessage(host));
  }
  return new CalDavError('unreachable', unreachableMessage(host));
}
