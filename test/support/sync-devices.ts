// Aide "devices" for calendar-sync tests: each a data folder with the real agenda and the real sync
// engine, syncing through the real CalDAV client to a real Radicale; reopened on the same folder
// as after a restart. Also the file's server, new calendars per test, and a device's ringing.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll } from 'vitest';
import type { FiredItem } from '../../common/contract';
import { connectCalDav } from '../../main/core/calendar-sync/caldav-client';
import { CalendarSyncEngine } from '../../main/core/calendar-sync/sync-engine';
import { icalMapping } from '../../main/core/calendar-sync/sync-mapping';
import type {
  CalDavConnection,
  RemoteCalendar,
  RemoteObject,
  SyncReport,
  SyncTarget,
} from '../../main/core/calendar-sync/sync-types';
import type { Logger } from '../../main/core/ports';
import { systemClock } from '../../main/core/ports';
import { AgendaService } from '../../main/core/reminders/agenda-service';
import { Scheduler } from '../../main/core/reminders/scheduler';
import { openConfStore } from '../../main/core/storage/open-store';
import { utcStamp } from './ical-text';
import { mkCalendarRaw, radicaleForFile, type MkCalendarOptions, type RadicaleServer } from './radicale';

export const ZONE = 'Europe/Berlin';
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export interface Device {
  dataDir: string;
  agenda: AgendaService;
  engine: CalendarSyncEngine;
  sync(target?: SyncTarget): Promise<SyncReport>;
  /** A new agenda and engine on the same data folder, as after quitting and starting Aide again. */
  reopen(): Promise<Device>;
}

export async function openDevice(
  dataDir: string,
  connect: () => Promise<CalDavConnection>,
  target: () => SyncTarget,
): Promise<Device> {
  const agenda = await AgendaService.open({
    openStore: openConfStore,
    dataDir,
    clock: systemClock,
    logger: quiet,
    timeZone: () => ZONE,
  });
  const engine = new CalendarSyncEngine({
    agenda,
    dataDir,
    openStore: openConfStore,
    clock: systemClock,
    logger: quiet,
    timeZone: () => ZONE,
    mapping: icalMapping,
  });
  return {
    dataDir,
    agenda,
    engine,
    sync: async (chosen) => engine.sync(await connect(), chosen ?? target()),
    reopen: () => openDevice(dataDir, connect, target),
  };
}

export async function newDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'aide-sync-'));
}

export type Account = ReturnType<typeof accountOf>;

/** Connects to the server as its user, and finds a calendar by name. */
export function accountOf(server: RadicaleServer) {
  const connect = () =>
    connectCalDav({ serverUrl: server.url, user: server.user, password: server.password }, { timeoutMs: 3_000 });
  const calendar = async (name: string): Promise<RemoteCalendar> => {
    const found = (await (await connect()).listCalendars()).find((c) => c.displayName === name);
    if (!found) throw new Error(`no calendar named ${name}`);
    return found;
  };
  return { connect, calendar };
}

/**
 * The test file's Radicale (see `radicaleForFile`) and its user's account, connected once before the
 * tests: Radicale creates the user's principal, where calendars are made, on the first request.
 */
export function syncServerForFile(user: string, password: string): { server: RadicaleServer; account: Account } {
  const server = radicaleForFile({ user, password });
  const account = accountOf(server);
  beforeAll(async () => {
    await account.connect();
  });
  return { server, account };
}

let serial = 0;

export interface FreshCalendars {
  tasksUrl: string;
  eventsUrl: string;
  /** Their display names, `Tasks N` and `Events N`. */
  tasksName: string;
  eventsName: string;
  /** Reminders to the tasks calendar, appointments to the events one. */
  target: SyncTarget;
}

/** A new tasks calendar and a new events calendar, so each test sees only its own objects. */
export async function freshCalendars(
  server: RadicaleServer,
  account: Account,
  options: { colors?: { tasks: string; events: string }; shownCalendars?: SyncTarget['shownCalendars'] } = {},
): Promise<FreshCalendars> {
  serial++;
  const make = (slug: string, name: string, calendar: Omit<MkCalendarOptions, 'displayName'>) =>
    mkCalendarRaw(server, `${server.homeUrl}${slug}-${serial}/`, { displayName: name, ...calendar });
  const tasksName = `Tasks ${serial}`;
  const eventsName = `Events ${serial}`;
  const tasksUrl = await make('tasks', tasksName, { components: ['VTODO'], color: options.colors?.tasks });
  const eventsUrl = await make('events', eventsName, { components: ['VEVENT'], color: options.colors?.events });
  const target: SyncTarget = {
    remindersCalendar: await account.calendar(tasksName),
    appointmentsCalendar: await account.calendar(eventsName),
    shownCalendars: options.shownCalendars ?? [],
  };
  return { tasksUrl, eventsUrl, tasksName, eventsName, target };
}

/** Every object of a calendar, as another client reads it. */
export async function serverCopies(account: Account, calendarUrl: string): Promise<RemoteObject[]> {
  const connection = await account.connect();
  const calendar = (await connection.listCalendars()).find((c) => c.url === calendarUrl);
  if (!calendar) throw new Error('calendar missing');
  return (await connection.changesSince(calendar, null, new Map())).changed;
}

/** The titles of the device's reminders, sorted. */
export function reminderTitles(device: Device): string[] {
  return device.agenda
    .listReminders()
    .map((r) => r.title)
    .sort();
}

/** The device's scheduler with real timers; what it fires is collected until `stop`. */
export function ringing(device: Device): { fired: FiredItem[]; stop: () => void } {
  const fired: FiredItem[] = [];
  const scheduler = new Scheduler({
    service: device.agenda,
    clock: systemClock,
    logger: quiet,
    notify: (items) => fired.push(...items),
  });
  scheduler.start();
  return { fired, stop: () => scheduler.stop() };
}

/** An hour from now, in whole minutes (so ISO text round-trips exactly). */
export function inMinutes(minutes: number): string {
  const at = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + minutes * 60_000);
  return at.toISOString();
}

/** A VEVENT as another calendar app writes it (times in UTC, `YYYYMMDDTHHMMSSZ`). */
export function eventIcs(uid: string, summary: string, startIso: string, endIso: string, extra: string[] = []): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Other client//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260301T090000Z',
    `DTSTART:${utcStamp(startIso)}`,
    `DTEND:${utcStamp(endIso)}`,
    `SUMMARY:${summary}`,
    ...extra,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
