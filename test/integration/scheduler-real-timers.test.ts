// The scheduler with real node-schedule timers and real time: on time, once, and missed items on start.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FiredItem } from '../../common/contract';
import { systemClock, type Logger } from '../../main/core/ports';
import { AgendaService } from '../../main/core/reminders/agenda-service';
import { Scheduler } from '../../main/core/reminders/scheduler';
import { openConfStore } from '../../main/core/storage/open-store';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Scheduler with real timers', () => {
  const running: Scheduler[] = [];
  afterEach(() => {
    for (const scheduler of running.splice(0)) scheduler.stop();
  });

  const start = async (dataDir: string, clock = systemClock) => {
    const service = await AgendaService.open({
      openStore: openConfStore,
      dataDir,
      clock,
      logger: quiet,
      timeZone: () => 'Europe/Berlin',
    });
    const fired: { at: number; items: FiredItem[] }[] = [];
    const scheduler = new Scheduler({
      service,
      clock,
      logger: quiet,
      notify: (items) => fired.push({ at: Date.now(), items }),
    });
    running.push(scheduler);
    scheduler.start();
    return { service, fired };
  };

  it('fires a reminder due in ~1.5 s once, not before its time', async () => {
    const { service, fired } = await start(await mkdtemp(join(tmpdir(), 'aide-real-')));
    // Stored times have whole seconds; aim past the next whole second so it is at least 1 s away.
    const due = service.createReminder({
      title: 'Soon',
      due: new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000).toISOString(),
      rrule: null,
      notes: null,
    }).due;
    await sleep(Date.parse(due) - Date.now() - 200);
    expect(fired).toEqual([]);
    await sleep(1500);
    expect(fired).toHaveLength(1);
    expect(fired[0]!.items).toEqual([expect.objectContaining({ title: 'Soon', at: due, missed: false })]);
    expect(fired[0]!.at).toBeGreaterThanOrEqual(Date.parse(due));
    expect(fired[0]!.at - Date.parse(due)).toBeLessThan(1000);
    await sleep(500);
    expect(fired).toHaveLength(1);
  });

  it('fires once, as missed, a reminder that came due while the app was stopped', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'aide-real-'));
    // Written "yesterday" by an earlier run of the app that then stopped.
    const yesterday = { now: () => new Date(Date.now() - 86_400_000) };
    const before = await AgendaService.open({
      openStore: openConfStore,
      dataDir,
      clock: yesterday,
      logger: quiet,
      timeZone: () => 'Europe/Berlin',
    });
    const { id } = before.createReminder({
      title: 'While away',
      due: new Date(Date.now() - 3_600_000).toISOString(),
      rrule: null,
      notes: null,
    });

    const { fired } = await start(dataDir);
    expect(fired.map((f) => f.items)).toEqual([[expect.objectContaining({ id, title: 'While away', missed: true })]]);
    await sleep(300);
    running.splice(0).forEach((s) => s.stop());
    const again = await start(dataDir);
    await sleep(300);
    expect(again.fired).toEqual([]);
    expect(fired).toHaveLength(1);
  });
});
