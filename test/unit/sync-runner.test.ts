// When calendar syncs run, with real timers: never two at once, one more after a request made
// during a sync, a burst of local changes synced once, and the interval replaced when changed.
import { afterEach, expect, it } from 'vitest';
import { SyncRunner } from '../../main/core/calendar-sync/sync-runner';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const runners: SyncRunner[] = [];
afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.stop();
});

/** A sync that takes `ms` and records how many ran at once. */
function slowSync(ms: number) {
  const record = { started: 0, running: 0, mostAtOnce: 0 };
  const run = async () => {
    record.started += 1;
    record.running += 1;
    record.mostAtOnce = Math.max(record.mostAtOnce, record.running);
    await sleep(ms);
    record.running -= 1;
  };
  return { record, run };
}

function runner(run: () => Promise<void>, debounceMs = 50): SyncRunner {
  const made = new SyncRunner(run, debounceMs);
  runners.push(made);
  return made;
}

it('runs one sync at a time, and requests made during one run exactly one more after it', async () => {
  const { record, run } = slowSync(60);
  const sync = runner(run);
  const first = sync.request();
  await sleep(10);
  const during = [sync.request(), sync.request(), sync.request()];
  await Promise.all([first, ...during]);
  expect(record).toEqual({ started: 2, running: 0, mostAtOnce: 1 });
});

it('syncs a burst of local changes once, after the burst', async () => {
  const { record, run } = slowSync(5);
  const sync = runner(run, 80);
  for (let i = 0; i < 5; i++) {
    sync.soon();
    await sleep(20);
  }
  expect(record.started).toBe(0);
  await sleep(150);
  expect(record.started).toBe(1);
});

it('syncs every interval, at the new period once changed, and never after stop', async () => {
  const { record, run } = slowSync(1);
  const sync = runner(run);
  sync.every(50);
  await sleep(290);
  expect(record.started).toBeGreaterThanOrEqual(4);
  expect(record.started).toBeLessThanOrEqual(6);
  sync.every(10_000);
  const before = record.started;
  await sleep(200);
  expect(record.started).toBe(before);
  sync.every(30);
  await sync.stop();
  await sleep(100);
  expect(record.started).toBe(before);
  await sync.request();
  expect(record.started).toBe(before);
});
