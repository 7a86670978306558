// Time faults with a controllable clock (vi fake timers and Date) and the real AgendaService and
// Scheduler: a forward jump of hours, sleep and resume, both DST changes in Berlin and New York,
// and a thousand reminders due in the same second. Every reminder fires exactly once; what is due
// together arrives as one notification.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FiredItem } from '../../common/contract';
import type { Logger } from '../../main/core/ports';
import { AgendaService } from '../../main/core/reminders/agenda-service';
import { Scheduler } from '../../main/core/reminders/scheduler';
import { openConfStore } from '../../main/core/storage/open-store';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const clock = { now: () => new Date() }; // Date is faked together with the timers
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let dir: string;
let running: Scheduler[];
/** The agendas opened, so their journal writes finish before the folder goes. */
let agendas: AgendaService[];
let notified: FiredItem[][];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aide-time-faults-'));
  running = [];
  agendas = [];
  notified = [];
});
afterEach(async () => {
  for (const scheduler of running) scheduler.stop();
  await Promise.all(agendas.map((agenda) => agenda.settled()));
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

async function start(now: string, timeZone: string) {
  vi.useFakeTimers({ now: new Date(now) });
  const service = await AgendaService.open({
    openStore: openConfStore,
    dataDir: dir,
    clock,
    logger: quiet,
    timeZone: () => timeZone,
  });
  const scheduler = new Scheduler({ service, clock, logger: quiet, notify: (items) => notified.push(items) });
  running.push(scheduler);
  agendas.push(service);
  scheduler.start();
  const remind = (title: string, due: string, rrule: string | null = null) =>
    service.createReminder({ title, due, rrule, notes: null });
  return { service, scheduler, remind };
}

/** How many times each title fired, over every notification. */
const firings = () => {
  const counts = new Map<string, number>();
  for (const item of notified.flat()) counts.set(item.title, (counts.get(item.title) ?? 0) + 1);
  return Object.fromEntries(counts);
};

describe('time faults', () => {
  it('a forward clock jump of hours: everything passed over fires once, as missed, on the watchdog; nothing twice', async () => {
    const { remind } = await start('2026-03-02T08:00:00Z', 'Europe/Berlin'); // 09:00 in Berlin
    remind('Half past nine', '2026-03-02T09:30:00+01:00');
    remind('Eleven', '2026-03-02T11:00:00+01:00');
    remind('One', '2026-03-02T13:00:00+01:00');
    remind('Evening', '2026-03-02T19:00:00+01:00');
    // The clock jumps 5 hours (NTP correction, a changed time zone setting): no timer ran.
    vi.setSystemTime(new Date('2026-03-02T13:00:00Z'));
    vi.advanceTimersByTime(MINUTE); // the watchdog's next tick
    expect(notified).toHaveLength(1);
    expect(notified[0]!.map((i) => [i.title, i.missed])).toEqual([
      ['Half past nine', true],
      ['Eleven', true],
      ['One', true],
    ]);
    // Old timers that were set for the skipped times do not fire them again.
    vi.advanceTimersByTime(5 * HOUR);
    expect(firings()).toEqual({ 'Half past nine': 1, Eleven: 1, One: 1, Evening: 1 });
    expect(notified.at(-1)).toEqual([expect.objectContaining({ title: 'Evening', missed: false })]);
    vi.advanceTimersByTime(2 * DAY);
    expect(firings()).toEqual({ 'Half past nine': 1, Eleven: 1, One: 1, Evening: 1 });
  });

  it('sleep and resume: what came due during a night asleep fires once on resume, grouped; the rest on time', async () => {
    const { remind, scheduler } = await start('2026-03-02T21:00:00Z', 'Europe/Berlin'); // 22:00
    remind('Midnight', '2026-03-03T00:00:00+01:00');
    remind('Three', '2026-03-03T03:00:00+01:00');
    remind('Daily six', '2026-03-03T06:00:00+01:00', 'FREQ=DAILY');
    remind('Nine', '2026-03-03T09:00:00+01:00');
    vi.setSystemTime(new Date('2026-03-03T06:30:00Z')); // 07:30: the lid opens
    scheduler.check('resume');
    scheduler.check('resume'); // a second resume event (Electron sends resume and unlock-screen)
    expect(notified).toEqual([
      [
        expect.objectContaining({ title: 'Midnight', missed: true }),
        expect.objectContaining({ title: 'Three', missed: true }),
        expect.objectContaining({ title: 'Daily six', missed: true }),
      ],
    ]);
    vi.advanceTimersByTime(2 * HOUR); // 09:30
    expect(firings()).toEqual({ Midnight: 1, Three: 1, 'Daily six': 1, Nine: 1 });
    vi.advanceTimersByTime(DAY); // the daily one's next occurrence, once
    expect(firings()).toEqual({ Midnight: 1, Three: 1, 'Daily six': 2, Nine: 1 });
  });

  const dstCases = [
    {
      zone: 'Europe/Berlin',
      change: 'spring forward (2026-03-29, 02:00 → 03:00)',
      from: '2026-03-27T12:00:00Z',
      rules: { 'Daily 09:00': '2026-03-28T09:00:00+01:00', 'Daily 02:30': '2026-03-28T02:30:00+01:00' },
      expected: {
        'Daily 09:00': ['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z'],
        // 02:30 does not exist on the 29th: moved forward by the gap, to 03:30 summer time.
        'Daily 02:30': ['2026-03-28T01:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z'],
      },
    },
    {
      zone: 'Europe/Berlin',
      change: 'fall back (2026-10-25, 03:00 → 02:00)',
      from: '2026-10-23T12:00:00Z',
      rules: { 'Daily 09:00': '2026-10-24T09:00:00+02:00', 'Daily 02:30': '2026-10-24T02:30:00+02:00' },
      expected: {
        'Daily 09:00': ['2026-10-24T07:00:00.000Z', '2026-10-25T08:00:00.000Z', '2026-10-26T08:00:00.000Z'],
        // 02:30 happens twice on the 25th: it fires once, at the first (summer-time) one.
        'Daily 02:30': ['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z'],
      },
    },
    {
      zone: 'America/New_York',
      change: 'spring forward (2026-03-08, 02:00 → 03:00)',
      from: '2026-03-06T17:00:00Z',
      rules: { 'Daily 09:00': '2026-03-07T09:00:00-05:00', 'Daily 02:30': '2026-03-07T02:30:00-05:00' },
      expected: {
        'Daily 09:00': ['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z'],
        'Daily 02:30': ['2026-03-07T07:30:00.000Z', '2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z'],
      },
    },
    {
      zone: 'America/New_York',
      change: 'fall back (2026-11-01, 02:00 → 01:00)',
      from: '2026-10-30T17:00:00Z',
      rules: { 'Daily 09:00': '2026-10-31T09:00:00-04:00', 'Daily 01:30': '2026-10-31T01:30:00-04:00' },
      expected: {
        'Daily 09:00': ['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z'],
        // 01:30 happens twice on Nov 1: once, at the first (daylight-time) one.
        'Daily 01:30': ['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z'],
      },
    },
  ];

  it.each(dstCases)(
    '$zone $change: a daily reminder fires once a day at its wall-clock time',
    async ({ zone, from, rules, expected }) => {
      const { remind } = await start(from, zone);
      for (const [title, due] of Object.entries(rules)) remind(title, due, 'FREQ=DAILY');
      const firedAt: Record<string, string[]> = {};
      const record = (items: FiredItem[]) => {
        for (const item of items) (firedAt[item.title] ??= []).push(new Date().toISOString());
      };
      // Walk the clock minute by minute-ish (the timers run as they would) over the three days.
      const end = new Date(from).getTime() + 3 * DAY;
      let seen = 0;
      while (Date.now() < end) {
        vi.advanceTimersByTime(5 * MINUTE);
        for (; seen < notified.length; seen++) record(notified[seen]!);
      }
      // Fired on time (within the 5-minute step and the scheduler's coalescing), each day once.
      for (const [title, times] of Object.entries(expected)) {
        const actual = firedAt[title] ?? [];
        expect(actual, title).toHaveLength(times.length);
        actual.forEach((at, i) => {
          const late = new Date(at).getTime() - new Date(times[i]!).getTime();
          expect(late, `${title} #${i} at ${at}, due ${times[i]}`).toBeGreaterThanOrEqual(0);
          expect(late, `${title} #${i} at ${at}, due ${times[i]}`).toBeLessThanOrEqual(5 * MINUTE);
        });
      }
      expect(notified.flat().every((item) => !item.missed)).toBe(true);
    },
  );

  it('a thousand reminders due in the same second fire once each, in one notification', async () => {
    const { remind, service } = await start('2026-03-02T08:00:00Z', 'Europe/Berlin');
    const ids = new Set<string>();
    for (let i = 0; i < 1000; i++) ids.add(remind(`Task ${i}`, '2026-03-02T10:00:00+01:00').id);
    vi.advanceTimersByTime(HOUR + 5 * MINUTE);
    expect(notified).toHaveLength(1);
    expect(notified[0]).toHaveLength(1000);
    expect(new Set(notified[0]!.map((item) => item.id))).toEqual(ids);
    expect(notified[0]!.every((item) => !item.missed)).toBe(true);
    vi.advanceTimersByTime(DAY);
    running[0]!.check('resume');
    expect(notified).toHaveLength(1);
    expect(service.listReminders().every((r) => r.firedFor === '2026-03-02T10:00:00+01:00')).toBe(true);
  });

  it('a thousand reminders that came due during sleep fire once each, in one notification, on resume', async () => {
    const { remind, scheduler } = await start('2026-03-02T08:00:00Z', 'Europe/Berlin');
    for (let i = 0; i < 1000; i++) remind(`Task ${i}`, '2026-03-02T10:00:00+01:00');
    vi.setSystemTime(new Date('2026-03-02T12:00:00Z'));
    scheduler.check('resume');
    vi.advanceTimersByTime(DAY);
    expect(notified).toHaveLength(1);
    expect(notified[0]).toHaveLength(1000);
    expect(notified[0]!.every((item) => item.missed)).toBe(true);
  });
});
