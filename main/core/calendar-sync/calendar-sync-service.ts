// The calendar account around the sync engine: connecting (nothing is saved unless the server
// accepted the login), choosing and creating calendars, disconnecting, and when syncs run (at
// start, on resume, every few minutes, shortly after a local change, on `Sync now`), with the
// status Settings shows.
import type { CalendarSyncResult, CalendarSyncStatus } from '../../../common/calendar-sync-contract';
import type { Emit } from '../event-bus';
import { errorFields } from '../logger';
import type { Clock, Logger } from '../ports';
import { rememberSecret } from '../redact';
import type { CalendarAccountStore, StoredAccount } from './calendar-account-store';
import { keychainAccount, type CalDavCredentials } from './caldav-credentials';
import {
  fromEnvironment,
  goneCalendarsSentence,
  missingPassword,
  needsNewConnection,
  notConnected,
  sentenceFor,
} from './sync-errors';
import { accepts, hostOf, statusOf, targetOf } from './calendar-sync-view';
import { SyncRunner } from './sync-runner';
import {
  CalDavError,
  type CalDavAccount,
  type CalDavConnection,
  type CalendarComponent,
  type RemoteCalendar,
  type SyncEngine,
  type SyncTarget,
} from './sync-types';

export type ConnectCalDav = (account: CalDavAccount) => Promise<CalDavConnection>;

export interface CalendarSyncDeps {
  store: CalendarAccountStore;
  credentials: CalDavCredentials;
  connect: ConnectCalDav;
  engine: SyncEngine;
  clock: Clock;
  logger: Logger;
  emit: Emit;
  /** A minute of the sync interval; shortened by tests that check the timer with real time. */
  minuteMs?: number | undefined;
  /** How long after a local change the sync waits for more changes. */
  debounceMs?: number | undefined;
}

export class CalendarSyncService {
  private connection: CalDavConnection | null = null;
  private refreshCalendarsNext = false;
  private state: CalendarSyncStatus['state'] = 'idle';
  private error: string | null = null;
  private skipped: string[] = [];
  private readonly runner: SyncRunner;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: CalendarSyncDeps) {
    this.runner = new SyncRunner(() => this.syncOnce(), deps.debounceMs ?? 2_000);
    this.adoptEnvironmentAccount();
    this.unsubscribe = deps.engine.onLocalChange(() => {
      this.changed();
      if (this.account()) this.runner.soon();
    });
  }

  /** First sync and the timer, when an account is set up; the sync's end, or null without an account. */
  start(): Promise<void> | null {
    this.schedule();
    return this.account() ? this.runner.request() : null;
  }

  /** After sleep: the timer paused with the computer, so sync now; as `start`. */
  resume(): Promise<void> | null {
    return this.account() ? this.runner.request() : null;
  }

  status(): CalendarSyncStatus {
    const { state, error, skipped } = this;
    return statusOf(this.deps.store, this.account(), {
      state,
      error,
      skipped,
      pending: this.deps.engine.pendingCount(),
    });
  }

  async connect(request: { serverUrl: string; user: string; password: string }): Promise<CalendarSyncResult> {
    // Before anything can log it, even a password the server is about to reject.
    rememberSecret(request.password);
    if (this.deps.credentials.environment) return { ok: false, error: fromEnvironment };
    const { serverUrl, user, password } = request;
    let connection: CalDavConnection;
    let calendars: RemoteCalendar[];
    try {
      connection = await this.deps.connect({ serverUrl, user, password });
      calendars = await connection.listCalendars();
      await this.deps.credentials.save(serverUrl, user, password);
    } catch (error) {
      this.deps.logger.warn('calendar connect failed', { host: hostOf(serverUrl), ...errorFields(error) });
      return { ok: false, error: sentenceFor(error) };
    }
    await this.runner.idle();
    const previous = this.account();
    if (previous?.serverUrl === serverUrl && previous.user === user) {
      // The same account again (a new password): its choices stay.
      this.deps.store.update({ calendars });
    } else {
      // The new password may live under the same keychain entry (same user and host): it stays.
      const sameEntry =
        previous && keychainAccount(previous.serverUrl, previous.user) === keychainAccount(serverUrl, user);
      if (previous) await this.forget(previous, { keepPassword: Boolean(sameEntry) });
      this.deps.store.replaceAccount({ serverUrl, user, source: 'settings' }, calendars);
    }
    this.connection = connection;
    this.setState('idle', null);
    this.deps.logger.info('calendar connected', { host: hostOf(serverUrl), calendars: calendars.length });
    this.schedule();
    void this.runner.request();
    return { ok: true, status: this.changed() };
  }

  async createCalendar(request: { name: string; components: CalendarComponent[] }): Promise<CalendarSyncResult> {
    if (!this.account()) return { ok: false, error: notConnected };
    let created: RemoteCalendar;
    try {
      const connection = await this.open();
      created = await connection.createCalendar(request.name, request.components);
      await this.refreshCalendars(connection, created);
    } catch (error) {
      this.dropConnectionAfter(error);
      this.deps.logger.warn('creating a calendar failed', errorFields(error));
      return { ok: false, error: sentenceFor(error) };
    }
    const { data } = this.deps.store;
    // A calendar made for reminders or appointments is the one they go to, unless one was chosen.
    this.deps.store.update({
      remindersCalendar: data.remindersCalendar ?? (accepts(created, 'VTODO') ? created.url : null),
      appointmentsCalendar: data.appointmentsCalendar ?? (accepts(created, 'VEVENT') ? created.url : null),
    });
    void this.runner.request();
    return { ok: true, status: this.changed() };
  }

  chooseCalendars(request: {
    remindersCalendar: string | null;
    appointmentsCalendar: string | null;
    shownCalendars: string[];
  }): CalendarSyncResult {
    if (!this.account()) return { ok: false, error: notConnected };
    const { store } = this.deps;
    const reminders = store.calendar(request.remindersCalendar);
    const appointments = store.calendar(request.appointmentsCalendar);
    if (request.remindersCalendar !== null && !(reminders && accepts(reminders, 'VTODO'))) {
      return { ok: false, error: 'That calendar cannot hold reminders. Choose one that accepts tasks.' };
    }
    if (request.appointmentsCalendar !== null && !(appointments && accepts(appointments, 'VEVENT'))) {
      return { ok: false, error: 'That calendar cannot hold appointments. Choose one that accepts events.' };
    }
    if (request.shownCalendars.some((url) => store.calendar(url) === null)) {
      return { ok: false, error: 'One of those calendars is no longer on the server. Sync, then choose again.' };
    }
    store.update({
      remindersCalendar: request.remindersCalendar,
      appointmentsCalendar: request.appointmentsCalendar,
      shownCalendars: [...new Set(request.shownCalendars)],
    });
    // A choice is the fix for a calendar gone from the server; the next sync tells whether it worked.
    if (this.state === 'error') this.setState('idle', null);
    void this.runner.request();
    return { ok: true, status: this.changed() };
  }

  setInterval(minutes: number): CalendarSyncResult {
    this.deps.store.update({ intervalMinutes: minutes });
    this.schedule();
    return { ok: true, status: this.changed() };
  }

  async syncNow(): Promise<CalendarSyncStatus> {
    // Asked for by the person: the calendar list is read again too (new, renamed, gone calendars).
    this.refreshCalendarsNext = true;
    if (this.account()) await this.runner.request();
    return this.status();
  }

  /** Notifications closed without Snooze or Done (the engine's outbox change brings the sync). */
  dismiss(items: readonly { kind: 'reminder' | 'appointment'; id: string }[]): void {
    if (this.account()) this.deps.engine.acknowledge(items);
  }

  async disconnect(): Promise<CalendarSyncResult> {
    const account = this.account();
    if (account?.source === 'environment') return { ok: false, error: fromEnvironment };
    await this.runner.idle();
    if (account) await this.forget(account);
    this.deps.store.clear();
    this.connection = null;
    this.skipped = [];
    this.setState('idle', null);
    this.schedule();
    this.deps.logger.info('calendar disconnected');
    return { ok: true, status: this.changed() };
  }

  /** Reads an `.ics` file into the chosen calendars, or this computer's list when not connected. */
  importIcs(text: string): { imported: number; duplicates: number; skipped: string[] } {
    // The engine tells of the outbox it filled (onLocalChange), which brings the sync.
    const result = this.deps.engine.importIcs(text, this.account() ? this.target() : null);
    this.changed();
    return result;
  }

  async dispose(): Promise<void> {
    this.unsubscribe();
    await this.runner.stop();
  }

  /** The account in use: the environment's, else the one saved in Settings; null when none. */
  private account(): StoredAccount | null {
    const env = this.deps.credentials.environment;
    if (env) return { serverUrl: env.serverUrl, user: env.user, source: 'environment' };
    const saved = this.deps.store.data.account;
    return saved?.source === 'settings' ? saved : null;
  }

  /** The logged-in connection, discovered again after a failure that may have changed it. */
  private async open(): Promise<CalDavConnection> {
    if (this.connection) return this.connection;
    const account = this.account();
    if (!account) throw missingPassword;
    const env = this.deps.credentials.environment;
    const password = env ? env.password : await this.deps.credentials.password(account.serverUrl, account.user);
    if (!password) throw missingPassword;
    this.connection = await this.deps.connect({ serverUrl: account.serverUrl, user: account.user, password });
    return this.connection;
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

  /**
   * Reads the calendar list again; throws, naming it, when a chosen calendar is gone. A gone one
   * stays listed (and chosen) so the sentence holds until the person chooses another.
   */
  private async checkCalendars(connection: CalDavConnection): Promise<void> {
    const target = this.target();
    const chosen = [target.remindersCalendar, target.appointmentsCalendar, ...target.shownCalendars].filter(
      (c): c is RemoteCalendar => c !== null,
    );
    const onServer = await connection.listCalendars();
    const gone = new Map(chosen.filter((c) => !onServer.some((s) => s.url === c.url)).map((c) => [c.url, c]));
    this.deps.store.update({ calendars: [...onServer, ...gone.values()] });
    const sentence = goneCalendarsSentence(chosen, onServer);
    if (sentence) throw new CalDavError('not-found', sentence);
  }

  private async syncOnce(): Promise<void> {
    if (!this.account()) return;
    this.setState('syncing', this.error);
    this.changed();
    try {
      const fresh = this.connection === null;
      const connection = await this.open();
      if (fresh || this.refreshCalendarsNext) {
        this.refreshCalendarsNext = false;
        await this.checkCalendars(connection);
      }
      const report = await this.deps.engine.sync(connection, this.target());
      this.skipped = report.skipped;
      this.deps.store.update({ lastSyncedAt: this.deps.clock.now().toISOString() });
      this.setState('idle', null);
      if (report.pulled + report.pushed + report.conflicts > 0) {
        this.deps.logger.info('calendar synced', {
          pulled: report.pulled,
          pushed: report.pushed,
          conflicts: report.conflicts,
        });
      }
    } catch (error) {
      this.setState('error', await this.explain(error));
      this.dropConnectionAfter(error);
      this.deps.logger.warn('calendar sync failed', errorFields(error));
    }
    this.changed();
  }

  /** The sentence for a failed sync; a missing collection is looked up to say which calendar is gone. */
  private async explain(error: unknown): Promise<string> {
    if (!(error instanceof CalDavError && error.kind === 'not-found') || !this.connection) return sentenceFor(error);
    try {
      await this.checkCalendars(this.connection);
    } catch (gone) {
      return sentenceFor(gone);
    }
    return sentenceFor(error);
  }

  private target(): SyncTarget {
    return targetOf(this.deps.store);
  }

  private async refreshCalendars(connection: CalDavConnection, created: RemoteCalendar): Promise<void> {
    const listed = await connection.listCalendars().catch(() => null);
    const calendars = listed ?? [...this.deps.store.data.calendars, created];
    // Some servers list a new collection only a moment later; it exists, so it is listed here.
    this.deps.store.update({
      calendars: calendars.some((c) => c.url === created.url) ? calendars : [...calendars, created],
    });
  }

  /** Forgets what came from this account's server and its saved password. */
  private async forget(
    account: StoredAccount,
    options: { keepPassword: boolean } = { keepPassword: false },
  ): Promise<void> {
    this.deps.engine.forget();
    if (account.source !== 'settings' || options.keepPassword) return;
    try {
      await this.deps.credentials.remove(account.serverUrl, account.user);
    } catch (error) {
      this.deps.logger.warn('calendar password not removed from the keychain', errorFields(error));
    }
  }

  private dropConnectionAfter(error: unknown): void {
    if (needsNewConnection(error)) this.connection = null;
  }

  private schedule(): void {
    const minutes = this.deps.store.data.intervalMinutes;
    this.runner.every(this.account() ? minutes * (this.deps.minuteMs ?? 60_000) : null);
  }

  private setState(state: CalendarSyncStatus['state'], error: string | null): void {
    this.state = state;
    this.error = error;
  }

  private changed(): CalendarSyncStatus {
    const status = this.status();
    this.deps.emit('calendarSyncChanged', status);
    return status;
  }
}
