// The calendar account as Settings keeps it, in calendar-account.json: server, user name, the
// calendars last listed, the ones chosen, the sync interval and when it last synced. Never the
// password: that lives in the keychain (caldav-credentials.ts).
import { z } from 'zod';
import type { StoreFactory } from '../core-options';
import { openCheckedStore } from '../storage/open-store';
import type { RemoteCalendar } from './sync-types';

export const DEFAULT_SYNC_INTERVAL_MINUTES = 5;

const StoredCalendar = z.object({
  url: z.string(),
  displayName: z.string(),
  color: z.string().nullable(),
  components: z.array(z.enum(['VTODO', 'VEVENT'])),
  readOnly: z.boolean(),
  ctag: z.string().nullable(),
  supportsSyncCollection: z.boolean(),
});

const AccountFile = z.object({
  /** null: no account saved in Settings. */
  account: z
    .object({
      serverUrl: z.string(),
      user: z.string(),
      /** An account from the AIDE_CALDAV_* variables keeps its choices here, but not itself. */
      source: z.enum(['settings', 'environment']),
    })
    .nullable(),
  calendars: z.array(StoredCalendar),
  remindersCalendar: z.string().nullable(),
  appointmentsCalendar: z.string().nullable(),
  shownCalendars: z.array(z.string()),
  intervalMinutes: z.number().int().min(1).max(1_440),
  lastSyncedAt: z.string().nullable(),
});
export type AccountFile = z.output<typeof AccountFile>;
export type StoredAccount = NonNullable<AccountFile['account']>;

const defaults: AccountFile = {
  account: null,
  calendars: [],
  remindersCalendar: null,
  appointmentsCalendar: null,
  shownCalendars: [],
  intervalMinutes: DEFAULT_SYNC_INTERVAL_MINUTES,
  lastSyncedAt: null,
};

export class CalendarAccountStore {
  private readonly write: (data: AccountFile) => void;
  private cache: AccountFile;
  readonly notice: string | null;

  constructor(openStore: StoreFactory, dataDir: string) {
    const opened = openCheckedStore(
      openStore,
      { name: 'calendar-account', cwd: dataDir, defaults, projectVersion: '1.0.0' },
      AccountFile,
    );
    this.write = opened.write;
    this.notice = opened.notice;
    // Only this store writes the file, so the cache stays true.
    this.cache = { ...defaults, ...opened.data };
  }

  get data(): Readonly<AccountFile> {
    return this.cache;
  }

  calendar(url: string | null): RemoteCalendar | null {
    return url === null ? null : (this.cache.calendars.find((c) => c.url === url) ?? null);
  }

  update(patch: Partial<AccountFile>): void {
    this.cache = { ...this.cache, ...patch };
    this.write({ ...this.cache });
  }

  /** A new account: its calendars, nothing chosen yet; the interval is the person's, so it stays. */
  replaceAccount(account: StoredAccount, calendars: RemoteCalendar[]): void {
    this.update({ ...defaults, intervalMinutes: this.cache.intervalMinutes, account, calendars });
  }

  clear(): void {
    this.update({ ...defaults, intervalMinutes: this.cache.intervalMinutes });
  }
}
