// When calendar syncs run (start, resume, interval, shortly after a local change, on request) and
// one run around the engine: the calendar list read again when needed, the outcome in the status.
import { errorFields } from '../logger';
import type { Clock, Logger } from '../ports';
import type { CalendarAccountStore } from './calendar-account-store';
import type { CalendarConnection } from './calendar-connection';
import { checkCalendars } from './calendar-list';
import type { CalendarSyncStatusReport } from './calendar-sync-status';
import { targetOf } from './calendar-sync-view';
import { SyncRunner } from './sync-runner';
import { sentenceFor } from './sync-errors';
import { CalDavError, type SyncEngine } from './sync-types';

export interface CalendarSyncLoopDeps {
  store: CalendarAccountStore;
  connection: CalendarConnection;
  report: CalendarSyncStatusReport;
  engine: SyncEngine;
  clock: Clock;
  logger: Logger;
  /** A minute of the sync interval; shortened by tests that check the timer with real time. */
  minuteMs?: number | undefined;
  /** How long after a local change the sync waits for more changes. */
  debounceMs?: number | undefined;
}

export class CalendarSyncLoop {
  private refreshCalendarsNext = false;
  private readonly runner: SyncRunner;

  constructor(private readonly deps: CalendarSyncLoopDeps) {
    this.runner = new SyncRunner(() => this.syncOnce(), deps.debounceMs ?? 2_000);
  }

  /** A sync now (or one more after the one under way); resolves when it has finished. */
  request(): Promise<void> {
    return this.runner.request();
  }

  /** A sync a little later, after a burst of local changes. */
  soon(): void {
    this.runner.soon();
  }

  /** Waits for a sync under way to finish, without asking for another. */
  idle(): Promise<void> {
    return this.runner.idle();
  }

  stop(): Promise<void> {
    return this.runner.stop();
  }

  /** The next sync reads the calendar list again (new, renamed, gone calendars). */
  refreshCalendarsOnNextSync(): void {
    this.refreshCalendarsNext = true;
  }

  /** The interval timer for the account's setting; none without an account. */
  schedule(): void {
    const minutes = this.deps.store.data.intervalMinutes;
    this.runner.every(this.deps.connection.account() ? minutes * (this.deps.minuteMs ?? 60_000) : null);
  }

  private async syncOnce(): Promise<void> {
    const { connection, report, store } = this.deps;
    if (!connection.account()) return;
    report.set('syncing', report.error);
    report.changed();
    try {
      const fresh = connection.current() === null;
      const open = await connection.open();
      if (fresh || this.refreshCalendarsNext) {
        this.refreshCalendarsNext = false;
        await checkCalendars(store, open);
      }
      const result = await this.deps.engine.sync(open, targetOf(store));
      report.setSkipped(result.skipped);
      store.update({ lastSyncedAt: this.deps.clock.now().toISOString() });
      report.set('idle', null);
      if (result.pulled + result.pushed + result.conflicts > 0) {
        this.deps.logger.info('calendar synced', {
          pulled: result.pulled,
          pushed: result.pushed,
          conflicts: result.conflicts,
        });
      }
    } catch (error) {
      report.set('error', await this.explain(error));
      connection.dropAfter(error);
      this.deps.logger.warn('calendar sync failed', errorFields(error));
    }
    report.changed();
  }

  /** The sentence for a failed sync; a missing collection is looked up to say which calendar is gone. */
  private async explain(error: unknown): Promise<string> {
    const open = this.deps.connection.current();
    if (!(error instanceof CalDavError && error.kind === 'not-found') || !open) return sentenceFor(error);
    try {
      await checkCalendars(this.deps.store, open);
    } catch (gone) {
      return sentenceFor(gone);
    }
    return sentenceFor(error);
  }
}
