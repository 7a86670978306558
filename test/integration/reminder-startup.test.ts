// Start-up with many reminders, through the real core: the reminders load a slice at a time
// (the event loop keeps running), createCore resolves only once every item is in, so no operation
// can see a half-loaded list, and a reminder whose time comes while they load still fires, once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { FiredItem } from '../../common/contract';
import { createCore } from '../../main/core/create-core';
import type { Core } from '../../main/core/core-types';
import type { Clock } from '../../main/core/ports';
import { AgendaService } from '../../main/core/reminders/agenda-service';
import { openConfStore } from '../../main/core/storage/open-store';
import { noKeychain, quiet } from '../support/quiet-core';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const ITEMS = 5_000;

/** A data folder with ITEMS reminders next month and one due a second after T0, folded as after a restart. */
async function folder(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'aide-reminder-startup-'));
  const agenda = await AgendaService.open({
    openStore: openConfStore,
    dataDir,
    clock: { now: () => new Date(T0) },
    logger: quiet,
    timeZone: () => 'UTC',
  });
  agenda.batch(() => {
    for (let i = 0; i < ITEMS; i++)
      agenda.createReminder({ title: `Later ${i}`, due: '2026-04-02T09:00:00Z', rrule: null, notes: null });
    agenda.createReminder({ title: 'Due while loading', due: '2026-03-02T08:00:01Z', rrule: null, notes: null });
  });
  await agenda.settled();
  return dataDir;
}

function start(dataDir: string, clock: Clock, fired: FiredItem[][]): Promise<Core> {
  return createCore({
    dataDir,
    env: { OPENAI_API_KEY: 'sk-startup-test-not-used', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
    secretStore: noKeychain,
    logger: quiet,
    timeZone: () => 'UTC',
    clock,
    notifier: { show: (items) => fired.push(items) },
  });
}

describe('start-up with many reminders', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0)) await step();
  });

  it('lets the event loop run while the reminders load, and answers the first call with all of them', async () => {
    const dataDir = await folder();
    let turns = 0;
    let loading = true;
    const counter = (async () => {
      while (loading) {
        await nextTurn();
        turns += 1;
      }
    })();
    const core = await start(dataDir, { now: () => new Date(T0) }, []);
    loading = false;
    await counter;
    cleanup.push(
      () => core.dispose(),
      () => rm(dataDir, { recursive: true, force: true }),
    );
    expect(await core.handlers.listReminders()).toHaveLength(ITEMS + 1);
    expect(turns).toBeGreaterThan(3);
  });

  it('fires, once, a reminder whose time comes while the reminders load', async () => {
    const dataDir = await folder();
    let now = T0;
    const fired: FiredItem[][] = [];
    const starting = start(dataDir, { now: () => new Date(now) }, fired);
    // Five seconds pass while the items are read: the reminder's time (T0 + 1 s) comes meanwhile.
    now = T0 + 5_000;
    const core = await starting;
    cleanup.push(
      () => core.dispose(),
      () => rm(dataDir, { recursive: true, force: true }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fired.flat().map((item) => item.title)).toEqual(['Due while loading']);
    const [reminder] = (await core.handlers.listReminders()).filter((r) => r.title === 'Due while loading');
    expect(reminder?.firedFor).toBe('2026-03-02T08:00:01+00:00');
  });
});
