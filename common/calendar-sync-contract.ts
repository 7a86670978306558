// Calendar sync (CalDAV): the operations and events of Settings' `Calendar sync` section and the
// Reminders view's `Import calendar`. Joined into the one operation list in contract.ts.
import { z } from 'zod';

export const CalendarComponentName = z.enum(['VTODO', 'VEVENT']);

/** One calendar of the account as Settings lists it. */
export const CalendarInfo = z.object({
  /** The collection's URL: its identity in requests. */
  url: z.string(),
  name: z.string(),
  /** `#rrggbb`, or null. */
  color: z.string().nullable(),
  /** What it accepts: VTODO (reminders), VEVENT (appointments). */
  components: z.array(CalendarComponentName),
  readOnly: z.boolean(),
});

/** What Settings and the status line show of calendar sync. Never the password. */
export const CalendarSyncStatus = z.object({
  /** An account is set up (saved in Settings or from the environment). */
  connected: z.boolean(),
  /** Where the account comes from: the AIDE_CALDAV_* variables make the fields read-only. */
  source: z.enum(['settings', 'environment', 'none']),
  serverUrl: z.string().nullable(),
  user: z.string().nullable(),
  calendars: z.array(CalendarInfo),
  /** URL of the calendar reminders go to, or null to keep them on this computer. */
  remindersCalendar: z.string().nullable(),
  appointmentsCalendar: z.string().nullable(),
  /** Further calendars shown in the agenda. */
  shownCalendars: z.array(z.string()),
  /** Minutes between background syncs. */
  intervalMinutes: z.number().int().min(1),
  state: z.enum(['idle', 'syncing', 'error']),
  /** ISO time of the last sync that finished without error, or null. */
  lastSyncedAt: z.string().nullable(),
  /** On failure: what is wrong and what to do, in one or two sentences. */
  error: z.string().nullable(),
  /** Local changes waiting to reach the server. */
  pending: z.number().int().nonnegative(),
  /** Objects the last sync skipped, one sentence each, naming them. */
  skipped: z.array(z.string()),
});

/** A change to the account: the new status, or a sentence saying why nothing changed. */
export const CalendarSyncResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), status: CalendarSyncStatus }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

const CalendarUrl = z.string().trim().min(1).max(2_000);

export const calendarSyncOperations = {
  getCalendarSync: { request: z.void(), response: CalendarSyncStatus },
  /** Discovers the account and lists its calendars; the password is kept only when that works. */
  connectCalendar: {
    request: z.object({
      serverUrl: z
        .string()
        .trim()
        .url({ protocol: /^https?$/ })
        .max(2_000),
      user: z.string().trim().min(1).max(500),
      password: z.string().min(1).max(1_000),
    }),
    response: CalendarSyncResult,
  },
  /** MKCALENDAR in the account's calendar home. */
  createCalendar: {
    request: z.object({
      name: z.string().trim().min(1).max(200),
      components: z.array(CalendarComponentName).min(1).max(2),
    }),
    response: CalendarSyncResult,
  },
  chooseCalendars: {
    request: z.object({
      remindersCalendar: CalendarUrl.nullable(),
      appointmentsCalendar: CalendarUrl.nullable(),
      shownCalendars: z.array(CalendarUrl).max(200),
    }),
    response: CalendarSyncResult,
  },
  setCalendarSyncInterval: {
    request: z.object({ minutes: z.number().int().min(1).max(1_440) }),
    response: CalendarSyncResult,
  },
  /**
   * Fired items whose notification was closed without Snooze or Done: synced ones are marked
   * acknowledged on the server (RFC 9074), so other devices do not ring them again.
   */
  dismissFired: {
    request: z.object({
      items: z
        .array(z.object({ kind: z.enum(['reminder', 'appointment']), id: z.string().min(1).max(100) }))
        .min(1)
        .max(500),
    }),
    response: z.void(),
  },
  /** Syncs now and answers when done (the status says how it went). */
  syncCalendarNow: { request: z.void(), response: CalendarSyncStatus },
  /** Forgets the account, its password and the items that came only from the server. */
  disconnectCalendar: { request: z.void(), response: CalendarSyncResult },
  /**
   * Reads an `.ics` file, sent first as an upload of purpose 'calendar', into the chosen calendars
   * (or this computer), de-duplicated by UID.
   */
  importCalendar: {
    request: z.object({ fileId: z.string().min(1).max(100) }),
    response: z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true),
        imported: z.number().int().nonnegative(),
        duplicates: z.number().int().nonnegative(),
        skipped: z.array(z.string()),
      }),
      z.object({ ok: z.literal(false), error: z.string() }),
    ]),
  },
} as const;

export const calendarSyncEvents = {
  /** The account, the chosen calendars or the sync state changed. */
  calendarSyncChanged: CalendarSyncStatus,
} as const;

export type CalendarInfo = z.output<typeof CalendarInfo>;
export type CalendarSyncStatus = z.output<typeof CalendarSyncStatus>;
export type CalendarSyncResult = z.output<typeof CalendarSyncResult>;
