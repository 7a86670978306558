// The seams of calendar sync: what the CalDAV client (caldav-client.ts), the iCalendar mapping
// (ical-*.ts) and the sync engine promise each other. Each side is built and tested on its own.

/** The account as the person typed it (the password comes from the keychain or the environment). */
export interface CalDavAccount {
  serverUrl: string;
  user: string;
  password: string;
}

export type CalendarComponent = 'VTODO' | 'VEVENT';

/** One calendar collection on the server. */
export interface RemoteCalendar {
  /** Absolute URL of the collection, ending in `/`; the calendar's identity. */
  url: string;
  displayName: string;
  /** `#rrggbb` from the calendar-color property, or null. */
  color: string | null;
  /** What it accepts (supported-calendar-component-set); both when the server does not say. */
  components: CalendarComponent[];
  readOnly: boolean;
  /** getctag, when the server has one. */
  ctag: string | null;
  /** Whether the server offers sync-collection (RFC 6578) on it. */
  supportsSyncCollection: boolean;
}

/** One calendar object resource (a `.ics` on the server). */
export interface RemoteObject {
  /** Absolute URL of the resource. */
  href: string;
  etag: string | null;
  /** The whole VCALENDAR text as the server sent it. */
  ics: string;
}

/** What changed in a calendar since the last sync. */
export interface CalendarChanges {
  changed: RemoteObject[];
  /** hrefs gone from the server. */
  deleted: string[];
  /** The token to ask with next time (sync-collection), or null when the server has none. */
  syncToken: string | null;
  /** The ctag after this listing, or null. */
  ctag: string | null;
  /**
   * True when this is a full listing (first sync, an expired token, or no sync-collection):
   * anything known locally for this calendar but not listed is gone from the server.
   */
  full: boolean;
}

export type CalDavErrorKind = 'auth' | 'unreachable' | 'tls' | 'not-found' | 'conflict' | 'forbidden' | 'server' | 'malformed';

/** Every failure of the client, sorted so the UI can say what is wrong and what to do. */
export class CalDavError extends Error {
  override name = 'CalDavError';
  constructor(
    readonly kind: CalDavErrorKind,
    /** One or two sentences for the person: what is wrong, what to do. No URL credentials, no password. */
    readonly userMessage: string,
    readonly status: number | null = null,
  ) {
    super(userMessage);
  }
}

/** A logged-in account: everything the sync engine asks of the server. */
export interface CalDavConnection {
  /** Calendars in the account's calendar home. */
  listCalendars(): Promise<RemoteCalendar[]>;
  /** MKCALENDAR in the calendar home. */
  createCalendar(displayName: string, components: CalendarComponent[]): Promise<RemoteCalendar>;
  /**
   * Changes since `syncToken` (sync-collection), or a full listing (with `full: true`) when the
   * token is null or expired, or when the calendar has no sync-collection; `knownEtags` (href →
   * etag) lets a full listing fetch only the objects whose ETag differs.
   */
  changesSince(
    calendar: RemoteCalendar,
    syncToken: string | null,
    knownEtags: ReadonlyMap<string, string>,
  ): Promise<CalendarChanges>;
  /** One object, or null when it is gone. */
  get(href: string): Promise<RemoteObject | null>;
  /**
   * Creates (`etag` null: If-None-Match: *) or replaces (If-Match: etag) the object `href`.
   * A precondition failure (412) throws CalDavError kind `conflict`.
   */
  put(href: string, ics: string, etag: string | null): Promise<{ etag: string | null }>;
  /** Deletes with If-Match when an etag is known; a 404 counts as done. 412 throws `conflict`. */
  remove(href: string, etag: string | null): Promise<void>;
}

/**
 * A calendar object read into Aide's terms (ical-read.ts). Times are ISO 8601 with the offset of
 * `timeZone`; an object in UTC, floating or all-day is read in the person's zone.
 */
export interface ParsedCalendarObject {
  uid: string;
  kind: 'reminder' | 'appointment';
  title: string;
  notes: string | null;
  location: string | null;
  /** A reminder's DUE or an appointment's DTSTART (the series' first occurrence when recurring). */
  start: string;
  /** An appointment's end (DTEND, or DTSTART + DURATION); null for reminders. */
  end: string | null;
  allDay: boolean;
  timeZone: string;
  /** RRULE without "RRULE:", or null. */
  rrule: string | null;
  /** True when EXDATE or RECURRENCE-ID overrides make the series more than its RRULE. */
  hasExceptions: boolean;
  /** VTODO STATUS:COMPLETED (or COMPLETED set). */
  done: boolean;
  completedAt: string | null;
  /** Minutes before the start of the first relative display alarm, or null when none. */
  remindMinutesBefore: number | null;
  /** RFC 9074 ACKNOWLEDGED on the alarm: dismissed up to this time on some device. */
  acknowledgedAt: string | null;
  /** LAST-MODIFIED (or DTSTAMP), for deciding which side of a conflict is newer. */
  lastModified: string | null;
}

/** One occurrence of an object in the person's zone (ical-read.ts expands RRULE, EXDATE, overrides). */
export interface Occurrence {
  start: string;
  end: string | null;
  /** The RECURRENCE-ID this occurrence answers to, or null for a single item. */
  recurrenceId: string | null;
}

/** The calendars the person chose in Settings. */
export interface SyncTarget {
  /** Where Aide's reminders go (accepts VTODO), or null to keep them local. */
  remindersCalendar: RemoteCalendar | null;
  /** Where Aide's appointments go (accepts VEVENT), or null to keep them local. */
  appointmentsCalendar: RemoteCalendar | null;
  /** Further calendars whose items show in the agenda. */
  shownCalendars: RemoteCalendar[];
}

/** The outcome of one sync, for the status line. */
export interface SyncReport {
  /** Items changed, added or removed here from the server's side. */
  pulled: number;
  /** Local changes that reached the server. */
  pushed: number;
  /** True conflicts resolved (the losing side kept in the item's history). */
  conflicts: number;
  /** One sentence per object skipped (malformed, refused), naming it. */
  skipped: string[];
}

/** The sync engine (sync-engine.ts) as the calendar-sync service (scheduling, account, UI) uses it. */
export interface SyncEngine {
  /** Pushes the outbox, then pulls every target calendar; throws CalDavError when the server fails. */
  sync(connection: CalDavConnection, target: SyncTarget): Promise<SyncReport>;
  /** Called when a local change waits in the outbox (the service then syncs shortly after). */
  onLocalChange(listener: () => void): () => void;
  /** Local changes not yet on the server. */
  pendingCount(): number;
  /** Fired items dismissed without Snooze or Done: ACKNOWLEDGED goes to the server with the next push. */
  acknowledge(refs: readonly { kind: 'reminder' | 'appointment'; id: string }[]): void;
  /** Reads an `.ics` file into the reminders/appointments calendars (or locally when null), de-duplicated by UID. */
  importIcs(text: string, target: SyncTarget | null): { imported: number; duplicates: number; skipped: string[] };
  /** Disconnect: forget the sync state and the items that came only from the server; keep Aide's own items. */
  forget(): void;
}
