// Measures the scheduler with real files and real timers and prints the numbers; asserts none.
// Start-up: load and schedule 10,000 items (median of runs). Heap: what those items hold.
// Lateness: 300 reminders due within a few seconds, with and without 10,000 others stored. Due
// times are kept to the second, so they come due as three groups of 100, one second apart.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import type { FiredItem } from '../../common/contract';
import { systemClock, type Logger } from '../../main/core/ports';
import { ReminderService } from '../../main/core/reminders/reminder-service';
import { Scheduler } from '../../main/core/reminders/scheduler';
import { openConfStore } from '../../main/core/storage/open-store';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const RUNS = 7;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const gc = (globalThis as { gc?: () => void }).gc;
/** Holds what is being measured so the collector cannot take it before the heap is read. */
const retained: unknown[] = [];

const open = (dataDir: string) =>
  new ReminderService({
    openStore: openConfStore,
    dataDir,
    clock: systemClock,
    logger: quiet,
    timeZone: () => 'Europe/Berlin',
  });
const scheduler = (service: ReminderService, notify: (items: FiredItem[]) => void = () => {}, horizonMs?: number) =>
  new Scheduler({ service, clock: systemClock, logger: quiet, notify, ...(horizonMs !== undefined && { horizonMs }) });

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function fill(count: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aide-bench-'));
  const service = open(dir);
  const base = Date.now() + 3_600_000;
  service.batch(() => {
    for (let i = 0; i < count; i++) {
      service.createReminder({
        title: `Reminder ${i}`,
        due: new Date(base + ((i * 7919) % 43_200) * 60_000).toISOString(),
        rrule: i % 10 === 0 ? 'FREQ=DAILY' : null,
        notes: i % 3 === 0 ? 'Some notes about this one' : null,
      });
    }
  });
  return dir;
}

async function lateness(dir: string, count: number): Promise<number[]> {
  const service = open(dir);
  const late: number[] = [];
  const due = new Map<string, number>();
  const s = scheduler(service, (items) => {
    const now = Date.now();
    for (const item of items) late.push(now - (due.get(item.id) ?? now));
  });
  s.start();
  const first = Math.ceil(Date.now() / 1000) * 1000 + 2000;
  service.batch(() => {
    for (let i = 0; i < count; i++) {
      const r = service.createReminder({
        title: `Soon ${i}`,
        due: new Date(first + i * 10).toISOString(),
        rrule: null,
        notes: null,
      });
      due.set(r.id, Date.parse(r.due));
    }
  });
  await sleep(first + count * 10 - Date.now() + 1500);
  s.stop();
  return late;
}

/** Median load and schedule times over RUNS runs, and the jobs placed. */
function startUp(dir: string, horizonMs?: number) {
  const load: number[] = [];
  const schedule: number[] = [];
  let jobs = 0;
  for (let run = 0; run < RUNS; run++) {
    gc?.();
    const t0 = performance.now();
    const service = open(dir);
    const t1 = performance.now();
    const s = scheduler(service, undefined, horizonMs);
    s.start();
    const t2 = performance.now();
    jobs = s.scheduledCount;
    s.stop();
    load.push(t1 - t0);
    schedule.push(t2 - t1);
  }
  const total = load.map((l, i) => l + (schedule[i] ?? 0));
  return {
    total: quantile(total, 0.5),
    load: quantile(load, 0.5),
    schedule: quantile(schedule, 0.5),
    first: total[0] ?? NaN,
    jobs,
  };
}

function settledHeap(): number {
  for (let i = 0; i < 3; i++) gc?.();
  return process.memoryUsage().heapUsed;
}

/** Loads and starts, keeping both in `retained`; a function of its own so no stack slot outlives it. */
function loadAndStart(dir: string, horizonMs?: number): void {
  const service = open(dir);
  const s = scheduler(service, undefined, horizonMs);
  s.start();
  retained.push(service, s);
}

/**
 * MB of heap the loaded service and started scheduler keep, after collection, median of 3. Measured
 * apart from the timed runs: there a run's objects could still sit in a stack slot of the loop when
 * the next run's baseline was read, so both sides of the difference held one copy and it read ~0.
 */
function heapHeld(dir: string, horizonMs?: number): number {
  const held: number[] = [];
  for (let run = 0; run < 3; run++) {
    const before = settledHeap();
    loadAndStart(dir, horizonMs);
    const after = settledHeap();
    for (const item of retained) if (item instanceof Scheduler) item.stop();
    retained.length = 0;
    held.push((after - before) / 2 ** 20);
  }
  return quantile(held, 0.5);
}

it('scheduler benchmark', async () => {
  const dir = await fill(10_000);
  const horizon = { ...startUp(dir), heap: heapHeld(dir) };
  const everyItem = { ...startUp(dir, Infinity), heap: heapHeld(dir, Infinity) };

  const service = open(dir);
  const s = scheduler(service);
  s.start();
  const ids = service.listReminders().map((r) => r.id);
  const changes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    service.updateReminder(ids[1_000 * run + 500]!, { title: `Renamed ${run}` });
    changes.push(performance.now() - t);
  }
  const t3 = performance.now();
  s.check('watchdog');
  const watchdog = performance.now() - t3;
  s.stop();

  const alone = await lateness(await mkdtemp(join(tmpdir(), 'aide-bench-')), 300);
  const crowded = await lateness(dir, 300);

  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const line = (name: string, r: typeof horizon) =>
    `  ${name}: start-up median ${ms(r.total)} (load ${ms(r.load)}, schedule ${ms(r.schedule)}; first run ${ms(r.first)}), ${r.jobs} jobs, heap ${r.heap.toFixed(1)} MB`;
  console.log(
    [
      `10,000 items over 30 days (1,000 recurring), ${RUNS} runs${gc ? '' : ' (no --expose-gc: heap is rough)'}:`,
      line('jobs within 6 h (default)', horizon),
      line('a job for every item     ', everyItem),
      `  one change (rename + write-through) median ${ms(quantile(changes, 0.5))}, max ${ms(Math.max(...changes))}; a full watchdog check ${ms(watchdog)}`,
      `firing lateness, 300 reminders within 3 s (notify time − due):`,
      `  alone: median ${ms(quantile(alone, 0.5))}, p99 ${ms(quantile(alone, 0.99))}, max ${ms(Math.max(...alone))}, fired ${alone.length}`,
      `  with 10,000 stored: median ${ms(quantile(crowded, 0.5))}, p99 ${ms(quantile(crowded, 0.99))}, max ${ms(Math.max(...crowded))}, fired ${crowded.length}`,
    ].join('\n'),
  );
});
