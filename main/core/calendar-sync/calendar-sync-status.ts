// What Settings shows of calendar sync: the state of the last sync (idle, syncing, or failed with
// its sentence) and what it skipped, over the stored account; sent as `calendarSyncChanged`.
import type { CalendarSyncStatus } from '../../../common/calendar-sync-contract';
import type { Emit } from '../event-bus';
import type { CalendarAccountStore, StoredAccount } from './calendar-account-store';
import { statusOf } from './calendar-sync-view';

export interface CalendarSyncStatusDeps {
  store: CalendarAccountStore;
  account: () => StoredAccount | null;
  pending: () => number;
  emit: Emit;
}

export class CalendarSyncStatusReport {
  private currentState: CalendarSyncStatus['state'] = 'idle';
  private currentError: string | null = null;
  private skipped: string[] = [];

  constructor(private readonly deps: CalendarSyncStatusDeps) {}

  get state(): CalendarSyncStatus['state'] {
    return this.currentState;
  }

  get error(): string | null {
    return this.currentError;
  }

  status(): CalendarSyncStatus {
    return statusOf(this.deps.store, this.deps.account(), {
      state: this.currentState,
      error: this.currentError,
      skipped: this.skipped,
      pending: this.deps.pending(),
    });
  }

  set(state: CalendarSyncStatus['state'], error: string | null): void {
    this.currentState = state;
    this.currentError = error;
  }

  setSkipped(skipped: string[]): void {
    this.skipped = skipped;
  }

  /** Tells the renderer; returns the status it was told. */
  changed(): CalendarSyncStatus {
    const status = this.status();
    this.deps.emit('calendarSyncChanged', status);
    return status;
  }
}
