// The calendar account in use (the environment's, else Settings'), its logged-in connection (opened
// on demand, dropped after a failure that may have changed it), and forgetting an account.
import { errorFields } from '../logger';
import type { Logger } from '../ports';
import type { CalendarAccountStore, StoredAccount } from './calendar-account-store';
import type { CalDavCredentials } from './caldav-credentials';
import { missingPassword, needsNewConnection } from './sync-errors';
import type { CalDavAccount, CalDavConnection, SyncEngine } from './sync-types';

export type ConnectCalDav = (account: CalDavAccount) => Promise<CalDavConnection>;

export interface CalendarConnectionDeps {
  store: CalendarAccountStore;
  credentials: CalDavCredentials;
  connect: ConnectCalDav;
  engine: SyncEngine;
  logger: Logger;
}

export class CalendarConnection {
  private connection: CalDavConnection | null = null;

  constructor(private readonly deps: CalendarConnectionDeps) {
    this.adoptEnvironmentAccount();
  }

  /** The account in use: the environment's, else the one saved in Settings; null when none. */
  account(): StoredAccount | null {
    const env = this.deps.credentials.environment;
    if (env) return { serverUrl: env.serverUrl, user: env.user, source: 'environment' };
    const saved = this.deps.store.data.account;
    return saved?.source === 'settings' ? saved : null;
  }

  /** The connection logged in now, or null until `open` logs in again. */
  current(): CalDavConnection | null {
    return this.connection;
  }

  /** The logged-in connection, discovered again after a failure that may have changed it. */
  async open(): Promise<CalDavConnection> {
    if (this.connection) return this.connection;
    const account = this.account();
    if (!account) throw missingPassword;
    const env = this.deps.credentials.environment;
    const password = env ? env.password : await this.deps.credentials.password(account.serverUrl, account.user);
    if (!password) throw missingPassword;
    this.connection = await this.deps.connect({ serverUrl: account.serverUrl, user: account.user, password });
    return this.connection;
  }

  /** A connection just made and accepted (a new login), or null after disconnecting. */
  use(connection: CalDavConnection | null): void {
    this.connection = connection;
  }

  dropAfter(error: unknown): void {
    if (needsNewConnection(error)) this.connection = null;
  }

  /** Forgets what came from this account's server and its saved password. */
  async forget(account: StoredAccount, options: { keepPassword: boolean } = { keepPassword: false }): Promise<void> {
    this.deps.engine.forget();
    if (account.source !== 'settings' || options.keepPassword) return;
    try {
      await this.deps.credentials.remove(account.serverUrl, account.user);
    } catch (error) {
      this.deps.logger.warn('calendar password not removed from the keychain', errorFields(error));
    }
  }

  /** The environment's account keeps its choices in the store while it stays the same account. */
  private adoptEnvironmentAccount(): void {
    const env = this.deps.credentials.environment;
    if (!env) return;
    const saved = this.deps.store.data.account;
    if (saved?.serverUrl !== env.serverUrl || saved.user !== env.user || saved.source !== 'environment') {
      this.deps.store.replaceAccount({ serverUrl: env.serverUrl, user: env.user, source: 'environment' }, []);
    }
  }
}
