// Measures the CalDAV client against a real Radicale on loopback and records rows
// (out/bench/caldav-client.json); asserts none. A calendar of 2,000 events and 500 tasks: the
// first sync (time, Aide's own CPU time, requests) against tsdav's own fetchCalendarObjects
// (calendar-query + multiget), then incremental syncs with one change made by another client,
// with sync-collection and with ctag + ETags only. Requests are counted through the fetch option.
// No memory row: the objects' texts are slices of the decoded answer, which Node keeps outside the
// heap, and heapUsed/external deltas came out below the texts' own size; the sync engine's
// benchmark measures memory over its stored items instead.
import { it } from 'vitest';
import { fetchCalendarObjects } from 'tsdav';
import { connectCalDav } from '../../main/core/calendar-sync/caldav-client';
import type { CalDavConnection, RemoteCalendar, RemoteObject } from '../../main/core/calendar-sync/sync-types';
import { putCalendarRaw, putIcsRaw, startRadicale, type RadicaleServer } from '../support/radicale';
import { rawGet, rawSyncReport } from './raw-caldav';
import { median, recordRows, type BenchRow } from './report';

const EVENTS = 2_000;
const TASKS = 500;
const RUNS = 5;

function component(i: number, summary: string): string {
  const kind = i < EVENTS ? 'VEVENT' : 'VTODO';
  const when = `2026${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}T100000Z`;
  const time = kind === 'VEVENT' ? `DTSTART:${when}\r\nDTEND:${when.replace('T10', 'T11')}` : `DUE:${when}`;
  return `BEGIN:${kind}\r\nUID:item-${i}\r\nDTSTAMP:20260101T000000Z\r\n${time}\r\nSUMMARY:${summary}\r\nEND:${kind}\r\n`;
}

function calendarText(items: string[]): string {
  return `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Aide bench//EN\r\n${items.join('')}END:VCALENDAR\r\n`;
}

interface Counted {
  connection: CalDavConnection;
  requests: string[];
}

async function counted(server: RadicaleServer): Promise<Counted> {
  const requests: string[] = [];
  const counting: typeof fetch = (input, init) => {
    requests.push(init?.method ?? 'GET');
    return fetch(input, init);
  };
  // Radicale builds its caches of a freshly seeded calendar slowly on a busy machine.
  const connection = await connectCalDav(
    { serverUrl: server.url, user: server.user, password: server.password },
    { fetch: counting, timeoutMs: 300_000 },
  );
  return { connection, requests };
}

const known = (objects: RemoteObject[]) => new Map(objects.map((object) => [object.href, object.etag ?? '']));

/** Wall time, and the CPU time of this process alone (Radicale's work is in its own process). */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; result: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, result };
}

async function firstSync(server: RadicaleServer, calendar: RemoteCalendar): Promise<BenchRow[]> {
  const { connection, requests } = await counted(server);
  await connection.changesSince(calendar, null, new Map()); // Radicale builds its item caches
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let requestCount = 0;
  for (let run = 0; run < RUNS; run += 1) {
    requests.length = 0;
    const { ms, cpuMs, result } = await timed(() => connection.changesSince(calendar, null, new Map()));
    if (result.changed.length !== EVENTS + TASKS)
      throw new Error(`expected every object, got ${result.changed.length}`);
    times.push(ms);
    cpuTimes.push(cpuMs);
    requestCount = requests.length;
  }
  const baseline: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const { ms } = await timed(() =>
      fetchCalendarObjects({
        calendar: { url: calendar.url },
        filters: { 'comp-filter': { _attributes: { name: 'VCALENDAR' } } },
        headers: { authorization: `Basic ${Buffer.from(`${server.user}:${server.password}`).toString('base64')}` },
      }),
    );
    baseline.push(ms);
  }
  const bench = `CalDAV first sync, ${EVENTS.toLocaleString('en')} events + ${TASKS} tasks (Radicale, loopback)`;
  return [
    {
      bench,
      metric: 'time',
      unit: 'ms',
      value: median(times),
      baseline: median(baseline),
      baselineLabel: "tsdav's fetchCalendarObjects",
      runs: RUNS,
    },
    { bench, metric: 'CPU time in Aide', unit: 'ms', value: median(cpuTimes), baseline: null, runs: RUNS },
    { bench, metric: 'requests', unit: 'count', value: requestCount, baseline: null, runs: RUNS },
  ];
}

interface OneChange {
  times: number[];
  cpuTimes: number[];
  requestList: string;
}

/** RUNS syncs, each after another client changed one object of `calendar`. */
async function oneChangeSyncs(server: RadicaleServer, calendar: RemoteCalendar, label: string): Promise<OneChange> {
  const { connection, requests } = await counted(server);
  let state = await connection.changesSince(calendar, null, new Map());
  let etags = known(state.changed);
  let ctag = state.ctag;
  const measured: OneChange = { times: [], cpuTimes: [], requestList: '' };
  for (let run = 0; run < RUNS; run += 1) {
    const i = run * 7;
    await putIcsRaw(server, `${calendar.url}item-${i}.ics`, calendarText([component(i, `Edited ${label} ${run}`)]));
    requests.length = 0;
    const { ms, cpuMs, result } = await timed(() =>
      connection.changesSince({ ...calendar, ctag }, state.syncToken, etags),
    );
    if (result.changed.length !== 1) throw new Error(`expected one change, got ${result.changed.length}`);
    measured.times.push(ms);
    measured.cpuTimes.push(cpuMs);
    measured.requestList = requests.join(' + ');
    etags = new Map([...etags, ...known(result.changed)]);
    ctag = result.ctag ?? ctag;
    state = result;
  }
  return measured;
}

/** The baseline: RUNS of the same REPORT (with the token) + GET as raw fetch calls, after one change each. */
async function rawChangeSyncs(server: RadicaleServer, calendar: RemoteCalendar): Promise<number[]> {
  let token = (await rawSyncReport(server, calendar.url, '')).token;
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const i = run * 7 + 3;
    await putIcsRaw(server, `${calendar.url}item-${i}.ics`, calendarText([component(i, `Raw edit ${run}`)]));
    const started = performance.now();
    const listing = await rawSyncReport(server, calendar.url, token);
    for (const url of listing.changed) await rawGet(server, url);
    times.push(performance.now() - started);
    if (listing.changed.length !== 1) throw new Error(`raw REPORT listed ${listing.changed.length} changes`);
    token = listing.token;
  }
  return times;
}

async function incremental(
  server: RadicaleServer,
  calendar: RemoteCalendar,
  small: RemoteCalendar,
  label: string,
): Promise<BenchRow[]> {
  const big = await oneChangeSyncs(server, calendar, label);
  const tiny = await oneChangeSyncs(server, small, label);
  // Radicale alone, for sync-collection: the same REPORT + GET without Aide's client.
  const raw = calendar.supportsSyncCollection ? await rawChangeSyncs(server, calendar) : null;
  const bench = `CalDAV incremental sync, one change (${label})`;
  const baselineLabel = 'the same in a calendar of 10 objects';
  const time = median(big.times);
  return [
    {
      bench,
      metric: 'time',
      unit: 'ms',
      value: time,
      baseline: raw ? median(raw) : median(tiny.times),
      baselineLabel: raw ? 'raw fetch: the same REPORT + GET, fixed bodies (Radicale alone)' : baselineLabel,
      aim: '< 100 ms',
      met: time < 100,
      runs: RUNS,
    },
    ...(raw
      ? [
          {
            bench,
            metric: 'time in a calendar of 10 objects',
            unit: 'ms' as const,
            value: median(tiny.times),
            baseline: null,
            runs: RUNS,
          },
        ]
      : []),
    {
      bench,
      metric: 'CPU time in Aide',
      unit: 'ms',
      value: median(big.cpuTimes),
      baseline: median(tiny.cpuTimes),
      baselineLabel,
      runs: RUNS,
    },
    {
      bench,
      metric: `requests (${big.requestList})`,
      unit: 'count',
      value: big.requestList.split(' + ').length,
      baseline: null,
      runs: RUNS,
    },
  ];
}

it('measures the CalDAV client', async () => {
  const server = await startRadicale({ user: 'bench', password: 'bench-password' });
  try {
    const items = Array.from({ length: EVENTS + TASKS }, (_, i) => component(i, `Item ${i}`));
    const status = await putCalendarRaw(server, `${server.homeUrl}big/`, calendarText(items));
    if (status !== 201) throw new Error(`seeding answered ${status}`);
    await putCalendarRaw(server, `${server.homeUrl}small/`, calendarText(items.slice(0, 10)));
    const { connection } = await counted(server);
    const calendars = await connection.listCalendars();
    const calendar = calendars.find((candidate) => candidate.url === `${server.homeUrl}big/`);
    const small = calendars.find((candidate) => candidate.url === `${server.homeUrl}small/`);
    if (!calendar || !small) throw new Error('seeded calendars not listed');
    const rows = [
      ...(await firstSync(server, calendar)),
      ...(await incremental(server, calendar, small, 'sync-collection')),
      ...(await incremental(
        server,
        { ...calendar, supportsSyncCollection: false },
        { ...small, supportsSyncCollection: false },
        'ctag + ETags',
      )),
    ];
    recordRows('caldav-client', rows);
  } finally {
    await server.dispose();
  }
});
