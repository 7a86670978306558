// Measures the sync engine end to end (real Radicale on loopback, real agenda and state files)
// and records rows (out/bench/calendar-sync-engine.json); asserts none. First sync of 2,000 events
// and 500 tasks into an empty data folder (time, requests, memory the agenda and state hold), an
// incremental sync after another client changed one event (time, requests, Aide's CPU; against
// the same two REPORTs + GET as raw fetch calls, Radicale alone), and the memory held with 10,000
// synced items.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { connectCalDav } from '../../main/core/calendar-sync/caldav-client';
import { CalendarSyncEngine } from '../../main/core/calendar-sync/sync-engine';
import { icalMapping } from '../../main/core/calendar-sync/sync-mapping';
import type { CalDavConnection, RemoteCalendar, SyncTarget } from '../../main/core/calendar-sync/sync-types';
import { systemClock, type Logger } from '../../main/core/ports';
import { AgendaService } from '../../main/core/reminders/agenda-service';
import { openConfStore } from '../../main/core/storage/open-store';
import { mkCalendarRaw, putCalendarRaw, putIcsRaw, startRadicale, type RadicaleServer } from '../support/radicale';
import { rawGet, rawSyncReport } from './raw-caldav';
import { median, recordRows, type BenchRow } from './report';

const EVENTS = 2_000;
const TASKS = 500;
const LARGE = 10_000;
const RUNS = 3;
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const gc = (globalThis as { gc?: () => void }).gc;
const retained: unknown[] = [];
const held = () => process.memoryUsage().heapUsed + process.memoryUsage().external;

function component(kind: 'VEVENT' | 'VTODO', i: number, summary: string): string {
  const day = new Date(Date.UTC(2027, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const time = kind === 'VEVENT' ? `DTSTART:${day}T100000Z\r\nDTEND:${day}T110000Z` : `DUE:${day}T100000Z`;
  return `BEGIN:${kind}\r\nUID:${kind}-${i}\r\nDTSTAMP:20260101T000000Z\r\n${time}\r\nSUMMARY:${summary}\r\nEND:${kind}\r\n`;
}

const calendarText = (items: string[]) =>
  `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Aide bench//EN\r\n${items.join('')}END:VCALENDAR\r\n`;

async function seed(server: RadicaleServer, name: string, kind: 'VEVENT' | 'VTODO', count: number): Promise<string> {
  const url = await mkCalendarRaw(server, `${server.homeUrl}${name}/`, { displayName: name, components: [kind] });
  const items = Array.from({ length: count }, (_, i) =>
    component(kind, i, `${kind === 'VEVENT' ? 'Event' : 'Task'} ${i}`),
  );
  const status = await putCalendarRaw(server, url, calendarText(items));
  if (status >= 300) throw new Error(`seeding ${name} answered ${status}`);
  return url;
}

function counting(server: RadicaleServer): { connect: () => Promise<CalDavConnection>; requests: string[] } {
  const requests: string[] = [];
  const fetchCounted: typeof fetch = (input, init) => {
    requests.push(init?.method ?? 'GET');
    return fetch(input, init);
  };
  const connect = () =>
    connectCalDav(
      { serverUrl: server.url, user: server.user, password: server.password },
      { fetch: fetchCounted, timeoutMs: 300_000 },
    );
  return { connect, requests };
}

async function openEngine(dataDir: string) {
  const agenda = await AgendaService.open({
    openStore: openConfStore,
    dataDir,
    clock: systemClock,
    logger: quiet,
    timeZone: () => 'Europe/Berlin',
  });
  const engine = new CalendarSyncEngine({
    agenda,
    dataDir,
    openStore: openConfStore,
    clock: systemClock,
    logger: quiet,
    timeZone: () => 'Europe/Berlin',
    mapping: icalMapping,
  });
  return { agenda, engine };
}

// A whole-calendar PUT replaces the collection's properties too, so calendars are found by URL.
const byUrl = async (connection: CalDavConnection, url: string): Promise<RemoteCalendar> => {
  const found = (await connection.listCalendars()).find((c) => c.url === url);
  if (!found) throw new Error(`no calendar at ${url}`);
  return found;
};

/** The baseline: RUNS of one event changed, then each calendar's REPORT (concurrently) + the GET, as raw fetch calls. */
async function rawIncremental(server: RadicaleServer, calendarUrls: string[], eventsUrl: string): Promise<number[]> {
  const tokens = await Promise.all(calendarUrls.map(async (url) => (await rawSyncReport(server, url, '')).token));
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const i = run * 11 + 5;
    await putIcsRaw(server, `${eventsUrl}VEVENT-${i}.ics`, calendarText([component('VEVENT', i, `Raw edit ${run}`)]));
    const started = performance.now();
    const listings = await Promise.all(calendarUrls.map((url, c) => rawSyncReport(server, url, tokens[c]!)));
    const changed = listings.flatMap((listing) => listing.changed);
    for (const url of changed) await rawGet(server, url);
    times.push(performance.now() - started);
    if (changed.length !== 1) throw new Error(`raw REPORTs listed ${changed.length} changes`);
    listings.forEach((listing, c) => (tokens[c] = listing.token));
  }
  return times;
}

it('calendar sync engine', async () => {
  if (!gc) throw new Error('run with --expose-gc (vitest.bench.config.ts)');
  const server = await startRadicale({ user: 'bench', password: 'bench-pw' });
  const dirs: string[] = [];
  try {
    const { connect, requests } = counting(server);
    const connection = await connect();
    const eventsUrl = await seed(server, 'events', 'VEVENT', EVENTS);
    const tasksUrl = await seed(server, 'tasks', 'VTODO', TASKS);
    const target: SyncTarget = {
      remindersCalendar: await byUrl(connection, tasksUrl),
      appointmentsCalendar: await byUrl(connection, eventsUrl),
      shownCalendars: [],
    };
    await connection.changesSince(target.appointmentsCalendar!, null, new Map()); // Radicale builds its caches

    const firstTimes: number[] = [];
    const firstHeaps: number[] = [];
    let firstRequests = 0;
    let device: Awaited<ReturnType<typeof openEngine>> | null = null;
    for (let run = 0; run < RUNS; run++) {
      const dataDir = await mkdtemp(join(tmpdir(), 'aide-sync-bench-'));
      dirs.push(dataDir);
      device = null; // the previous run's agenda goes, so the next one is measured alone
      gc();
      const before = held();
      device = await openEngine(dataDir);
      requests.length = 0;
      const started = performance.now();
      const report = await device.engine.sync(connection, target);
      firstTimes.push(performance.now() - started);
      firstRequests = requests.length;
      if (report.pulled !== EVENTS + TASKS) throw new Error(`pulled ${report.pulled}`);
      retained.push(device);
      gc();
      firstHeaps.push((held() - before) / 1024 / 1024);
      retained.length = 0;
    }

    if (device === null) throw new Error('no first sync ran');
    const synced = device;
    const oneTimes: number[] = [];
    const oneCpu: number[] = [];
    const oneRequests: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      await putIcsRaw(
        server,
        `${eventsUrl}VEVENT-${run * 11}.ics`,
        calendarText([component('VEVENT', run * 11, `Edited ${run}`)]),
      );
      requests.length = 0;
      const cpu = process.cpuUsage();
      const started = performance.now();
      const report = await synced.engine.sync(connection, target);
      oneTimes.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      oneCpu.push((used.user + used.system) / 1000);
      if (report.pulled !== 1) throw new Error(`incremental pulled ${report.pulled}`);
      oneRequests.splice(0, oneRequests.length, ...requests);
    }
    const rawTimes = await rawIncremental(server, [tasksUrl, eventsUrl], eventsUrl);

    const largeUrl = await seed(server, 'large', 'VEVENT', LARGE);
    const large: SyncTarget = {
      remindersCalendar: null,
      appointmentsCalendar: await byUrl(connection, largeUrl),
      shownCalendars: [],
    };
    const dataDir = await mkdtemp(join(tmpdir(), 'aide-sync-bench-'));
    dirs.push(dataDir);
    gc();
    const before = held();
    const big = await openEngine(dataDir);
    const started = performance.now();
    await big.engine.sync(connection, large);
    const largeMs = performance.now() - started;
    retained.push(big);
    gc();
    const largeMb = (held() - before) / 1024 / 1024;
    retained.length = 0;

    const first = `Calendar sync engine: first sync, ${EVENTS.toLocaleString('en')} events + ${TASKS} tasks (Radicale, loopback)`;
    const one = 'Calendar sync engine: incremental sync, one event changed by another client';
    const rows: BenchRow[] = [
      { bench: first, metric: 'time', unit: 'ms', value: median(firstTimes), baseline: null, runs: RUNS },
      { bench: first, metric: 'requests', unit: 'count', value: firstRequests, baseline: null, runs: RUNS },
      {
        bench: first,
        metric: 'memory held by agenda + sync state (heap + external)',
        unit: 'MB',
        value: median(firstHeaps),
        baseline: null,
        runs: RUNS,
      },
      {
        bench: one,
        metric: 'time',
        unit: 'ms',
        value: median(oneTimes),
        baseline: median(rawTimes),
        baselineLabel: 'raw fetch: the same two REPORTs (concurrent) + GET, fixed bodies (Radicale alone)',
        aim: '< 100 ms',
        met: median(oneTimes) < 100,
        runs: RUNS,
      },
      { bench: one, metric: 'CPU time in Aide', unit: 'ms', value: median(oneCpu), baseline: null, runs: RUNS },
      {
        bench: one,
        metric: `requests (${oneRequests.join(', ')})`,
        unit: 'count',
        value: oneRequests.length,
        baseline: null,
        runs: RUNS,
      },
      {
        bench: `Calendar sync engine: ${LARGE.toLocaleString('en')} synced events`,
        metric: 'memory held by agenda + sync state (heap + external)',
        unit: 'MB',
        value: largeMb,
        baseline: null,
        runs: 1,
      },
      {
        bench: `Calendar sync engine: ${LARGE.toLocaleString('en')} synced events`,
        metric: 'first sync time',
        unit: 'ms',
        value: largeMs,
        baseline: null,
        runs: 1,
      },
    ];
    recordRows('calendar-sync-engine', rows);
    console.table(
      rows.map((row) => ({
        bench: row.bench,
        metric: row.metric,
        value: Math.round(row.value * 10) / 10,
        unit: row.unit,
      })),
    );
  } finally {
    await server.dispose();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
});
