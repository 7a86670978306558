// Calendar sync's operations: connecting (nothing is saved unless the server accepted the login),
// choosing and creating calendars, the interval, syncing now, disconnecting and importing.
import type { CalendarSyncResult, CalendarSyncStatus } from '../../../common/calendar-sync-contract';
import type { Emit } from '../event-bus';
import { errorFields } from '../logger';
import type { Clock, Logger } from '../ports';
import { rememberSecret } from '../redact';
import type { CalendarAccountStore } from './calendar-account-store';
import { keychainAccount, type CalDavCredentials } from './caldav-credentials';
import { CalendarConnection, type ConnectCalDav } from './calendar-connection';
import { refreshAfterCreating } from './calendar-list';
import { CalendarSyncLoop } from './calendar-sync-loop';
import { CalendarSyncStatusReport } from './calendar-sync-status';
import { fromEnvironment, notConnected, sentenceFor } from './sync-errors';
import { accepts, hostOf, targetOf } from './calendar-sync-view';
import type { CalDavConnection, CalendarComponent, RemoteCalendar, SyncEngine } from './sync-types';

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
  private readonly connection: CalendarConnection;
  private readonly report: CalendarSyncStatusReport;
  private readonly loop: CalendarSyncLoop;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: CalendarSyncDeps) {
    this.connection = new CalendarConnection(deps);
    this.report = new CalendarSyncStatusReport({
      store: deps.store,
      account: () => this.connection.account(),
      pending: () => deps.engine.pendingCount(),
      emit: deps.emit,
    });
    this.loop = new CalendarSyncLoop({ ...deps, connection: this.connection, report: this.report });
    this.unsubscribe = deps.engine.onLocalChange(() => {
      this.report.changed();
      if (this.connection.account()) this.loop.soon();
    });
  }

  /** First sync and the timer, when an account is set up; the sync's end, or null without an account. */
  start(): Promise<void> | null {
    this.loop.schedule();
    return this.connection.account() ? this.loop.request() : null;
  }

  /** After sleep: the timer paused with the computer, so sync now; as `start`. */
  resume(): Promise<void> | null {
    return this.connection.account() ? this.loop.request() : null;
  }

  status(): CalendarSyncStatus {
    return this.report.status();
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
    await this.loop.idle();
    const previous = this.connection.account();
    if (previous?.serverUrl === serverUrl && previous.user === user) {
      // The same account again (a new password): its choices stay.
      this.deps.store.update({ calendars });
    } else {
      // The new password may live under the same keychain entry (same user and host): it stays.
      const sameEntry =
        previous && keychainAccount(previous.serverUrl, previous.user) === keychainAccount(serverUrl, user);
      if (previous) await this.connection.forget(previous, { keepPassword: Boolean(sameEntry) });
      this.deps.store.replaceAccount({ serverUrl, user, source: 'settings' }, calendars);
    }
    this.connection.use(connection);
    this.report.set('idle', null);
    this.deps.logger.info('calendar connected', { host: hostOf(serverUrl), calendars: calendars.length });
    this.loop.schedule();
    void this.loop.request();
    return { ok: true, status: this.report.changed() };
  }

  async createCalendar(request: { name: string; components: CalendarComponent[] }): Promise<CalendarSyncResult> {
    if (!this.connection.account()) return { ok: false, error: notConnected };
    let created: RemoteCalendar;
    try {
      const connection = await this.connection.open();
      created = await connection.createCalendar(request.name, request.components);
      await refreshAfterCreating(this.deps.store, connection, created);
    } catch (error) {
      this.connection.dropAfter(error);
      this.deps.logger.warn('creating a calendar failed', errorFields(error));
      return { ok: false, error: sentenceFor(error) };
    }
    const { data } = this.deps.store;
    // A calendar made for reminders or appointments is the one they go to, unless one was chosen.
    this.deps.store.update({
      remindersCalendar: data.remindersCalendar ?? (accepts(created, 'VTODO') ? created.url : null),
      appointmentsCalendar: data.appointmentsCalendar ?? (accepts(created, 'VEVENT') ? created.url : null),
    });
    void this.loop.request();
    return { ok: true, status: this.report.changed() };
  }

  chooseCalendars(request: {
    remindersCalendar: string | null;
    appointmentsCalendar: string | null;
    shownCalendars: string[];
  }): CalendarSyncResult {
    if (!this.connection.account()) return { ok: false, error: notConnected };
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
    if (this.report.state === 'error') this.report.set('idle', null);
    void this.loop.request();
    return { ok: true, status: this.report.changed() };
  }

  setInterval(minutes: number): CalendarSyncResult {
    this.deps.store.update({ intervalMinutes: minutes });
    this.loop.schedule();
    return { ok: true, status: this.report.changed() };
  }

  async syncNow(): Promise<CalendarSyncStatus> {
    // Asked for by the person: the calendar list is read again too (new, renamed, gone calendars).
    this.loop.refreshCalendarsOnNextSync();
    if (this.connection.account()) await this.loop.request();
    return this.status();
  }

  /** Notifications closed without Snooze or Done (the engine's outbox change brings the sync). */
  dismiss(items: readonly { kind: 'reminder' | 'appointment'; id: string }[]): void {
    if (this.connection.account()) this.deps.engine.acknowledge(items);
  }

  async disconnect(): Promise<CalendarSyncResult> {
    const account = this.connection.account();
    if (account?.source === 'environment') return { ok: false, error: fromEnvironment };
    await this.loop.idle();
    if (account) await this.connection.forget(account);
    this.deps.store.clear();
    this.connection.use(null);
    this.report.setSkipped([]);
    this.report.set('idle', null);
    this.loop.schedule();
    this.deps.logger.info('calendar disconnected');
    return { ok: true, status: this.report.changed() };
  }

  /** Reads an `.ics` file into the chosen calendars, or this computer's list when not connected. */
  importIcs(text: string): { imported: number; duplicates: number; skipped: string[] } {
    // The engine tells of the outbox it filled (onLocalChange), which brings the sync.
    const target = this.connection.account() ? targetOf(this.deps.store) : null;
    const result = this.deps.engine.importIcs(text, target);
    this.report.changed();
    return result;
  }

  async dispose(): Promise<void> {
    this.unsubscribe();
    await this.loop.stop();
  }
}
