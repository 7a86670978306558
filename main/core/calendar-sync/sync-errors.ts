// What the status line says when calendar sync fails: the client's own sentence for server
// trouble, the keychain's fix, and which chosen calendar is gone from the server.
import { SecretStoreUnavailableError } from '../ports';
import { CalDavError, type RemoteCalendar } from './sync-types';

export const unexpectedFailure =
  'Calendar sync failed unexpectedly. Try Sync now again; if it keeps failing, disconnect and connect again.';

export const missingPassword = new CalDavError(
  'auth',
  'The calendar password is not in the keychain any more. Connect again under Calendar sync in Settings.',
);

/** The sentence for the person: what is wrong and what to do. Never raw error text. */
export function sentenceFor(error: unknown): string {
  if (error instanceof CalDavError) return error.userMessage;
  if (error instanceof SecretStoreUnavailableError) return error.message;
  return unexpectedFailure;
}

/** Whether the connection should be discovered again before the next sync. */
export function needsNewConnection(error: unknown): boolean {
  return !(error instanceof CalDavError) || ['auth', 'unreachable', 'tls', 'server'].includes(error.kind);
}

/** The chosen calendars not in the server's list, as a sentence; null when all are there. */
export function goneCalendarsSentence(chosen: RemoteCalendar[], onServer: RemoteCalendar[]): string | null {
  const urls = new Set(onServer.map((c) => c.url));
  const gone = [...new Map(chosen.filter((c) => !urls.has(c.url)).map((c) => [c.url, c])).values()];
  if (gone.length === 0) return null;
  const names = gone.map((c) => `“${c.displayName}”`).join(' and ');
  const [noun, verb] = gone.length === 1 ? ['calendar', 'is'] : ['calendars', 'are'];
  return `The ${noun} ${names} ${verb} gone from the server (deleted on another device?). Choose another calendar under Calendar sync in Settings.`;
}

export const fromEnvironment =
  'The calendar account comes from the AIDE_CALDAV_URL, AIDE_CALDAV_USER and AIDE_CALDAV_PASSWORD ' +
  'environment variables; unset them to change it here.';

export const notConnected = 'Connect a calendar account first.';
