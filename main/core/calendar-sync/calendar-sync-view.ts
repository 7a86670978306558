// The account's stored choices read two ways: as the status Settings shows (never the password)
// and as the sync engine's target calendars.
import type { CalendarSyncStatus } from '../../../common/calendar-sync-contract';
import type { CalendarAccountStore, StoredAccount } from './calendar-account-store';
import type { CalendarComponent, RemoteCalendar, SyncTarget } from './sync-types';

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

/** Whether Aide may write items of this kind into the calendar. */
export function accepts(calendar: RemoteCalendar, component: CalendarComponent): boolean {
  return calendar.components.includes(component) && !calendar.readOnly;
}

/** The server's host for log lines: never the path, the user or the password. */
export function hostOf(serverUrl: string): string {
  try {
    return new URL(serverUrl).host;
  } catch {
    return 'unknown';
  }
}
