// The account's stored choices read two ways: as the status Settings shows (never the password)
// and as the sync engine's target calendars.
import type { CalendarSyncStatus } from '../../../common/calendar-sync-contract';
import type { CalendarAccountStore, StoredAccount } from './calendar-account-store';
import type { SyncTarget } from './sync-types';

export interface SyncProgress {
  state: CalendarSyncStatus['state'];
  error: string | null;
  pending: number;
  skipped: string[];
}

export function statusOf(
  store: CalendarAccountStore,
  account: StoredAccount | null,
  progress: SyncProgress,
): CalendarSyncStatus {
  const { data } = store;
  return {
    connected: account !== null,
    source: account?.source ?? 'none',
    serverUrl: account?.serverUrl ?? null,
    user: account?.user ?? null,
    calendars: account
      ? data.calendars.map((c) => ({
          url: c.url,
          name: c.displayName,
          color: c.color,
          components: c.components,
          readOnly: c.readOnly,
        }))
      : [],
    remindersCalendar: account ? data.remindersCalendar : null,
    appointmentsCalendar: account ? data.appointmentsCalendar : null,
    shownCalendars: account ? data.shownCalendars : [],
    intervalMinutes: data.intervalMinutes,
    lastSyncedAt: account ? data.lastSyncedAt : null,
    ...progress,
  };
}

export function targetOf(store: CalendarAccountStore): SyncTarget {
  const { data } = store;
  return {
    remindersCalendar: store.calendar(data.remindersCalendar),
    appointmentsCalendar: store.calendar(data.appointmentsCalendar),
    shownCalendars: data.shownCalendars.map((url) => store.calendar(url)).filter((c) => c !== null),
  };
}
