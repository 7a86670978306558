import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import schedule from 'node-schedule';
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
/** Timers waiting in node-schedule itself. */
const jobsWaiting = () => Object.keys(schedule.scheduledJobs).length;

describe('Scheduler', () => {
  let dir: string;
  let running: Scheduler[];
  let notified: FiredItem[][];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aide-scheduler-'));
    running = [];
    notified = [];
    vi.useFakeTimers({ now: new Date('2026-03-02T08:00:00Z') }); // Monday 09:00 in Berlin
  });
  afterEach(() => {
    for (const scheduler of running) scheduler.stop();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const openService = () =>
    AgendaService.open({
      openStore: openConfStore,
      dataDir: dir,
      clock,
      logger: quiet,
      timeZone: () => 'Europe/Berlin',
    });
  const startScheduler = (service: AgendaService, options: { coalesceMs?: number; watchdogMs?: number } = {}) => {
    const scheduler = new Scheduler({
      service,
      clock,
      logger: quiet,
      notify: (items) => notified.push(items),
      ...options,
    });
    running.push(scheduler);
    scheduler.start();
    return scheduler;
  };
  const remind = (service: AgendaService, title: string, due: string, rrule: string | null = null) =>
    service.createReminder({ title, due, rrule, notes: null });
  /** Sets the wall clock as if the computer slept: no timer runs, later ones keep their delays. */
  const sleepUntil = (iso: string) => vi.setSystemTime(new Date(iso));

  it('fires on time through node-schedule, not before', async () => {
    const service = await openService();
    startScheduler(service);
    const { id } = remind(service, 'Call mom', '2026-03-02T09:30:00+01:00');
    vi.advanceTimersByTime(30 * MINUTE - 1000);
    expect(notified).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(notified).toEqual([
      [{ kind: 'reminder', id, title: 'Call mom', at: '2026-03-02T09:30:00+01:00', missed: false }],
    ]);
    vi.advanceTimersByTime(2 * HOUR);
    expect(notified).toHaveLength(1);
  });

  it('fires what came due while stopped once, as missed; not on the next check nor after a restart', async () => {
    const service = await openService();
    const { id } = remind(service, 'Water plants', '2026-03-02T09:30:00+01:00');
    sleepUntil('2026-03-02T12:00:00Z');
    startScheduler(await openService());
    expect(notified).toEqual([[expect.objectContaining({ id, missed: true })]]);
    running[0]!.check('watchdog');
    running[0]!.stop();
    startScheduler(await openService());
    vi.advanceTimersByTime(2 * HOUR);
    expect(notified).toHaveLength(1);
  });

  it('notifies first, then records that it fired before anything else runs; a failed notification still counts', async () => {
    const service = await openService();
    const { id } = remind(service, 'Call mom', '2026-03-02T09:30:00+01:00');
    const seen: (string | null)[] = [];
    const scheduler = new Scheduler({
      service,
      clock,
      logger: quiet,
      notify: () => {
        seen.push(service.getReminder(id).firedFor);
        throw new Error('notification centre is gone');
      },
    });
    running.push(scheduler);
    scheduler.start();
    vi.advanceTimersByTime(30 * MINUTE);
    expect(seen).toEqual([null]);
    expect(service.getReminder(id).firedFor).toBe('2026-03-02T09:30:00+01:00');
    expect((await openService()).getReminder(id).firedFor).toBe('2026-03-02T09:30:00+01:00');
    vi.advanceTimersByTime(2 * HOUR);
    expect(seen).toHaveLength(1);
  });

  it('calls an item missed that came due seconds before Aide started', async () => {
    const service = await openService();
    const { id } = remind(service, 'Stretch', '2026-03-02T09:00:10+01:00');
    sleepUntil('2026-03-02T08:00:15Z');
    startScheduler(await openService());
    expect(notified).toEqual([[expect.objectContaining({ id, missed: true })]]);
  });

  it('delivers many items due at once as one notification', async () => {
    const service = await openService();
    startScheduler(service);
    for (let i = 0; i < 20; i++) remind(service, `Task ${i}`, '2026-03-02T10:00:00+01:00');
    vi.advanceTimersByTime(HOUR);
    expect(notified).toHaveLength(1);
    expect(notified[0]).toHaveLength(20);
  });

  it('waits for items due within the coalescing window and delivers them together', async () => {
    const service = await openService();
    // The watchdog would otherwise tick exactly on the hour, at the first due time, and fire it alone.
    startScheduler(service, { coalesceMs: 1500, watchdogMs: 10 * HOUR });
    remind(service, 'First', '2026-03-02T10:00:00+01:00');
    remind(service, 'Second', '2026-03-02T10:00:01+01:00');
    remind(service, 'Later', '2026-03-02T10:00:05+01:00');
    vi.advanceTimersByTime(HOUR + 1000);
    expect(notified.map((items) => items.map((i) => i.title))).toEqual([['First', 'Second']]);
    vi.advanceTimersByTime(4000);
    expect(notified.map((items) => items.map((i) => i.title))).toEqual([['First', 'Second'], ['Later']]);
  });

  it('fires a snoozed reminder again at the snooze time', async () => {
    const service = await openService();
    startScheduler(service);
    const { id } = remind(service, 'Stretch', '2026-03-02T09:10:00+01:00');
    vi.advanceTimersByTime(10 * MINUTE);
    expect(notified).toHaveLength(1);
    service.snoozeReminder(id, 15);
    vi.advanceTimersByTime(15 * MINUTE - 1000);
    expect(notified).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(notified[1]).toEqual([expect.objectContaining({ id, missed: false })]);
    expect(service.getReminder(id)).toMatchObject({ status: 'pending', firedFor: '2026-03-02T09:25:00+01:00' });
  });

  it('fires a recurring reminder, then moves it on and fires the next occurrence', async () => {
    const service = await openService();
    startScheduler(service);
    const { id } = remind(service, 'Pills', '2026-03-02T10:00:00+01:00', 'FREQ=DAILY');
    vi.advanceTimersByTime(HOUR);
    expect(notified).toEqual([[expect.objectContaining({ id, at: '2026-03-02T10:00:00+01:00' })]]);
    expect(service.getReminder(id).due).toBe('2026-03-03T10:00:00+01:00');
    vi.advanceTimersByTime(24 * HOUR);
    expect(notified[1]).toEqual([expect.objectContaining({ id, at: '2026-03-03T10:00:00+01:00', missed: false })]);
  });

  it('fires a reminder every 30 minutes again and again, each on time', async () => {
    const service = await openService();
    startScheduler(service);
    const { id } = remind(service, 'Drink water', '2026-03-02T09:30:00+01:00', 'FREQ=MINUTELY;INTERVAL=30');
    vi.advanceTimersByTime(30 * MINUTE);
    expect(notified).toHaveLength(1);
    vi.advanceTimersByTime(30 * MINUTE - 1000);
    expect(notified).toHaveLength(1);
    vi.advanceTimersByTime(1000 + 30 * MINUTE);
    expect(notified).toEqual(
      ['09:30', '10:00', '10:30'].map((time) => [
        expect.objectContaining({ id, at: `2026-03-02T${time}:00+01:00`, missed: false }),
      ]),
    );
    expect(service.getReminder(id).due).toBe('2026-03-02T11:00:00+01:00');
  });

  it('after a sleep, fires on resume what came due, once, as missed', async () => {
    const service = await openService();
    startScheduler(service);
    const past = remind(service, 'During sleep', '2026-03-02T10:00:00+01:00');
    remind(service, 'After wake', '2026-03-02T13:00:00+01:00');
    sleepUntil('2026-03-02T11:00:00Z'); // 3 h later, no timer ran
    expect(notified).toEqual([]);
    running[0]!.check('resume');
    expect(notified).toEqual([[expect.objectContaining({ id: past.id, missed: true })]]);
    running[0]!.check('resume');
    vi.advanceTimersByTime(30 * MINUTE);
    expect(notified).toHaveLength(1);
    vi.advanceTimersByTime(30 * MINUTE); // 13:00 in Berlin
    expect(notified[1]).toEqual([expect.objectContaining({ title: 'After wake', missed: false })]);
  });

  it('catches what the timers missed on the watchdog when no resume event came', async () => {
    const service = await openService();
    startScheduler(service);
    remind(service, 'Asleep', '2026-03-02T10:00:00+01:00');
    sleepUntil('2026-03-02T11:00:00Z');
    vi.advanceTimersByTime(60_000);
    expect(notified).toEqual([[expect.objectContaining({ title: 'Asleep', missed: true })]]);
  });

  it('fires an appointment remindMinutesBefore its start, with the start as its time', async () => {
    const service = await openService();
    startScheduler(service);
    const { id } = service.createAppointment({
      title: 'Dentist',
      start: '2026-03-02T11:00:00+01:00',
      end: '2026-03-02T12:00:00+01:00',
      location: null,
      notes: null,
      rrule: null,
      remindMinutesBefore: 30,
    });
    vi.advanceTimersByTime(90 * MINUTE - 1000);
    expect(notified).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(notified).toEqual([
      [{ kind: 'appointment', id, title: 'Dentist', at: '2026-03-02T11:00:00+01:00', missed: false }],
    ]);
  });

  it('fires an item created for "now" at once, not as missed', async () => {
    const service = await openService();
    startScheduler(service);
    vi.advanceTimersByTime(45_000);
    remind(service, 'Right now', '2026-03-02T09:00:00+01:00');
    expect(notified).toEqual([[expect.objectContaining({ title: 'Right now', missed: false })]]);
  });

  it('cancels the job of a deleted item', async () => {
    const service = await openService();
    startScheduler(service);
    const { id } = remind(service, 'Never mind', '2026-03-02T10:00:00+01:00');
    expect(jobsWaiting()).toBe(1);
    service.deleteReminder(id);
    expect(schedule.scheduledJobs).toEqual({});
    vi.advanceTimersByTime(2 * HOUR);
    expect(notified).toEqual([]);
  });

  it('reschedules only the item that changed', async () => {
    const service = await openService();
    for (let i = 0; i < 50; i++)
      remind(service, `Task ${i}`, `2026-03-02T${10 + (i % 5)}:${String(i).padStart(2, '0')}:00+01:00`);
    startScheduler(service);
    // Placed 16 at a time, soonest first, with a turn of the event loop between slices.
    expect(jobsWaiting()).toBe(16);
    // Each slice's turn (a setImmediate, faked here) comes a tick later.
    for (let slice = 0; slice < 3; slice++) vi.advanceTimersByTime(1);
    expect(jobsWaiting()).toBe(50);
    const spy = vi.spyOn(schedule, 'scheduleJob');
    const { id } = remind(service, 'One more', '2026-03-02T10:00:00+01:00');
    service.updateReminder(id, { title: 'Renamed' });
    service.updateReminder(id, { due: '2026-03-02T11:00:00+01:00' });
    expect(spy).toHaveBeenCalledTimes(2);
    expect(jobsWaiting()).toBe(51);
  });

  it('places jobs only within the horizon; the watchdog places the rest in time', async () => {
    const service = await openService();
    startScheduler(service);
    remind(service, 'Soon', '2026-03-02T10:00:00+01:00');
    const { id } = remind(service, 'In three days', '2026-03-05T09:00:00+01:00');
    expect(jobsWaiting()).toBe(1);
    vi.advanceTimersByTime(72 * HOUR - 1000);
    expect(notified.flat().map((i) => i.title)).toEqual(['Soon']);
    vi.advanceTimersByTime(1000);
    expect(notified[1]).toEqual([expect.objectContaining({ id, missed: false })]);
  });

  it('stops: no job, no watchdog', async () => {
    const service = await openService();
    const scheduler = startScheduler(service);
    remind(service, 'Later', '2026-03-02T10:00:00+01:00');
    scheduler.stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(2 * HOUR);
    expect(notified).toEqual([]);
  });
});
