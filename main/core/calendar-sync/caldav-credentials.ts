// Where the CalDAV password lives: the AIDE_CALDAV_* variables beat the keychain, which keeps it
// under its own account (`caldav:<user>@<host>`), apart from the API key. Every password read or
// saved is handed to redact, so no log line can carry it.
import { SecretStoreUnavailableError, type SecretStore } from '../ports';
import { rememberSecret } from '../redact';
import type { CalDavAccount } from './sync-types';

export interface CalDavEnvironment {
  AIDE_CALDAV_URL?: string | undefined;
  AIDE_CALDAV_USER?: string | undefined;
  AIDE_CALDAV_PASSWORD?: string | undefined;
}

/** The keychain account of a CalDAV login: one per user and server, never the API key's. */
export function keychainAccount(serverUrl: string, user: string): string {
  let host = serverUrl;
  try {
    host = new URL(serverUrl).host;
  } catch {
    // A URL that does not parse never connected, so it never had a password saved under its host.
  }
  return `caldav:${user}@${host}`;
}

const noKeychain =
  'Aide keeps the calendar password in the system keychain, which cannot be reached here. ' +
  'Unlock the keychain, or set AIDE_CALDAV_URL, AIDE_CALDAV_USER and AIDE_CALDAV_PASSWORD.';

export class CalDavCredentials {
  /** The whole account from the environment, or null when the three variables are not all set. */
  readonly environment: CalDavAccount | null;

  constructor(
    private readonly secrets: SecretStore | Error,
    env: CalDavEnvironment,
  ) {
    const serverUrl = env.AIDE_CALDAV_URL?.trim();
    const user = env.AIDE_CALDAV_USER?.trim();
    const password = env.AIDE_CALDAV_PASSWORD;
    this.environment = serverUrl && user && password ? { serverUrl, user, password } : null;
    rememberSecret(password);
  }

  /** The saved password of this login, or null; throws SecretStoreUnavailableError with the fix. */
  async password(serverUrl: string, user: string): Promise<string | null> {
    const password = await this.withStore((store) => store.get(keychainAccount(serverUrl, user)));
    rememberSecret(password);
    return password;
  }

  async save(serverUrl: string, user: string, password: string): Promise<void> {
    rememberSecret(password);
    await this.withStore((store) => store.set(keychainAccount(serverUrl, user), password));
  }

  async remove(serverUrl: string, user: string): Promise<void> {
    await this.withStore((store) => store.delete(keychainAccount(serverUrl, user)));
  }

  /** The keychain's own messages name the API key's variable; the person here needs the calendar's. */
  private async withStore<T>(use: (store: SecretStore) => Promise<T>): Promise<T> {
    if (this.secrets instanceof Error) throw new SecretStoreUnavailableError(noKeychain);
    try {
      return await use(this.secrets);
    } catch {
      throw new SecretStoreUnavailableError(noKeychain);
    }
  }
}
