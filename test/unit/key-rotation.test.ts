import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FiredItem } from '../../common/contract';
import type { Logger } from '../../main/core/ports';
import { AgendaService } from '../../main/core/reminders/agenda-service';
import { Scheduler } from '../../main/core/reminders/scheduler';
import {
  KEY_ROTATION_NOTES,
  KEY_ROTATION_TITLE,
  rotationDue,
  scheduleKeyRotation,
} from '../../main/core/secrets/key-rotation';
import { openConfStore } from '../../main/core/storage/open-store';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const clock = { now: () => new Date() }; // Date is faked together with the timers
const DAY = 86_400_000;
const ZONE = 'Europe/Berlin';

describe('key rotation reminder', () => {
  let dir: string;
  let scheduler: Scheduler | null;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aide-key-rotation-'));
    scheduler = null;
    vi.useFakeTimers({ now: new Date('2026-03-02T08:00:00Z') }); // Monday 09:00 in Berlin
  });
  afterEach(() => {
    scheduler?.stop();
    vi.useRealTimers();
  });

  const openService = () =>
    AgendaService.open({ openStore: openConfStore, dataDir: dir, clock, logger: quiet, timeZone: () => ZONE });
  const schedule = (reminders: AgendaService, savedAt: string | null, days: number | null) =>
    scheduleKeyRotation({ reminders, savedAt, days, now: clock.now(), timeZone: ZONE });
  const ours = (reminders: AgendaService) => reminders.listReminders().filter((r) => r.title === KEY_ROTATION_TITLE);

  it('schedules one reminder at 09:00 local, savedAt + 90 days, with how to rotate', async () => {
    const reminders = await openService();
    schedule(reminders, '2026-03-02T08:00:00.000Z', 90);
    const [reminder, ...others] = ours(reminders);
    expect(others).toEqual([]);
    // 90 days after 2 March is 31 May, in summer time.
    expect(reminder).toMatchObject({
      due: '2026-05-31T09:00:00+02:00',
      status: 'pending',
      rrule: null,
      notes: KEY_ROTATION_NOTES,
    });
    expect(reminder!.notes).toContain('platform.openai.com/api-keys');
    expect(reminder!.notes).toContain('Save key');
    expect(reminder!.notes).toContain('revoke the old key');
  });

  it('is idempotent: calling again, or after a restart, keeps the same single reminder', async () => {
    const first = schedule(await openService(), '2026-03-02T08:00:00.000Z', 90);
    const reminders = await openService();
    expect(schedule(reminders, '2026-03-02T08:00:00.000Z', 90)?.id).toBe(first?.id);
    schedule(reminders, '2026-03-02T08:00:00.000Z', 90);
    expect(ours(reminders).map((r) => r.id)).toEqual([first?.id]);
  });

  it('moves to the new date when the key is replaced or the interval changes', async () => {
    const reminders = await openService();
    const old = schedule(reminders, '2026-03-02T08:00:00.000Z', 90);
    vi.setSystemTime(new Date('2026-04-10T12:00:00Z'));
    schedule(reminders, '2026-04-10T12:00:00.000Z', 90);
    expect(ours(reminders)).toHaveLength(1);
    expect(ours(reminders)[0]).toMatchObject({ due: '2026-07-09T09:00:00+02:00' });
    expect(ours(reminders)[0]!.id).not.toBe(old?.id);
    schedule(reminders, '2026-04-10T12:00:00.000Z', 30);
    expect(ours(reminders).map((r) => r.due)).toEqual(['2026-05-10T09:00:00+02:00']);
  });

  it('is removed when rotation reminders are turned off or the key is removed', async () => {
    const reminders = await openService();
    schedule(reminders, '2026-03-02T08:00:00.000Z', 90);
    expect(schedule(reminders, '2026-03-02T08:00:00.000Z', null)).toBeNull();
    expect(ours(reminders)).toEqual([]);
    schedule(reminders, '2026-03-02T08:00:00.000Z', 90);
    schedule(reminders, null, 90);
    expect(ours(reminders)).toEqual([]);
    expect((await openService()).listReminders()).toEqual([]);
  });

  it('leaves a reminder the user wrote with the same title alone', async () => {
    const reminders = await openService();
    const own = reminders.createReminder({
      title: KEY_ROTATION_TITLE,
      due: '2026-03-05T10:00:00+01:00',
      rrule: null,
      notes: null,
    });
    schedule(reminders, '2026-03-02T08:00:00.000Z', 90);
    schedule(reminders, null, 90);
    expect(ours(reminders).map((r) => r.id)).toEqual([own.id]);
  });

  it('is due at the next 09:00 when the interval has already passed', async () => {
    vi.setSystemTime(new Date('2026-03-02T10:30:00Z')); // 11:30 in Berlin
    const reminders = await openService();
    schedule(reminders, '2025-10-01T08:00:00.000Z', 90);
    expect(ours(reminders).map((r) => r.due)).toEqual(['2026-03-03T09:00:00+01:00']);
    expect(
      rotationDue({
        savedAt: '2025-10-01T08:00:00.000Z',
        days: 90,
        now: new Date('2026-03-02T06:00:00Z'),
        timeZone: ZONE,
      }),
    ).toBe('2026-03-02T09:00:00+01:00');
  });

  it('does not come back for the same key once the user marked it done', async () => {
    const reminders = await openService();
    const reminder = schedule(reminders, '2025-10-01T08:00:00.000Z', 90);
    reminders.completeReminder(reminder!.id);
    vi.setSystemTime(new Date('2026-03-09T08:00:00Z'));
    schedule(await openService(), '2025-10-01T08:00:00.000Z', 90);
    expect(ours(await openService()).map((r) => r.status)).toEqual(['done']);
  });

  it('fires through the scheduler when due, not before', async () => {
    const reminders = await openService();
    const notified: FiredItem[][] = [];
    scheduler = new Scheduler({
      service: reminders,
      clock,
      logger: quiet,
      notify: (items) => notified.push(items),
      watchdogMs: 3_600_000,
    });
    scheduler.start();
    const reminder = schedule(reminders, '2026-03-02T08:00:00.000Z', 90)!;
    vi.advanceTimersByTime(Date.parse('2026-05-31T07:00:00Z') - Date.now() - 1_000);
    expect(notified).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(notified).toEqual([
      [
        {
          kind: 'reminder',
          id: reminder.id,
          title: KEY_ROTATION_TITLE,
          at: '2026-05-31T09:00:00+02:00',
          missed: false,
        },
      ],
    ]);
    vi.advanceTimersByTime(DAY);
    expect(notified).toHaveLength(1);
  });
});
