// Aide "devices" for calendar-sync tests: each a data folder with the real agenda and the real sync
// engine, syncing through the real CalDAV client to a real Radicale; reopened on the same folder
// as after a restart.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectCalDav } from '../../main/core/calendar-sync/caldav-client';
import { CalendarSyncEngine } from '../../main/core/calendar-sync/sync-engine';
import { icalMapping } from '../../main/core/calendar-sync/sync-mapping';
import type {
  CalDavConnection,
  RemoteCalendar,
  SyncReport,
  SyncTarget,
} from '../../main/core/calendar-sync/sync-types';
import type { Logger } from '../../main/core/ports';
import { systemClock } from '../../main/core/ports';
import { AgendaService } from '../../main/core/reminders/agenda-service';
import { openConfStore } from '../../main/core/storage/open-store';
import type { RadicaleServer } from './radicale';

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

/** An hour from now, in whole minutes (so ISO text round-trips exactly). */
export function inMinutes(minutes: number): string {
  const at = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + minutes * 60_000);
  return at.toISOString();
}

/** A VEVENT as another calendar app writes it (times in UTC, `YYYYMMDDTHHMMSSZ`). */
export function eventIcs(uid: string, summary: string, startIso: string, endIso: string, extra: string[] = []): string {
  const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Other client//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260301T090000Z',
    `DTSTART:${stamp(startIso)}`,
    `DTEND:${stamp(endIso)}`,
    `SUMMARY:${summary}`,
    ...extra,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
