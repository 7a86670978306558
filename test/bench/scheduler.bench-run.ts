// Measures the scheduler with real files and real timers and records rows (out/bench/scheduler.json);
// asserts none. Start-up: load and schedule 10,000 items (median of runs) and the heap they hold,
// against the naive way measured in the same run: one node-schedule job per item. Lateness: 300
// reminders due within a few seconds, with 10,000 others stored against none stored (median of
// runs of each p50 and p99). Due times are kept to the second, so they come due as three groups
// of 100, one second apart.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodeSchedule from 'node-schedule';
import { it } from 'vitest';
import type { FiredItem } from '../../common/contract';
import { systemClock, type Logger } from '../../main/core/ports';
import { AgendaService } from '../../main/core/reminders/agenda-service';
import { Scheduler } from '../../main/core/reminders/scheduler';
import { openConfStore } from '../../main/core/storage/open-store';
import { median, quantile, recordRows, type BenchRow } from './report';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const RUNS = 7;
/** Lateness runs of each kind, alternated (each takes about 4.5 s of real time). */
const LATENESS_RUNS = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const gc = (globalThis as { gc?: () => void }).gc;
/** Holds what is being measured so the collector cannot take it before the heap is read. */
const retained: unknown[] = [];

const open = (dataDir: string) =>
  AgendaService.open({
    openStore: openConfStore,
    dataDir,
    clock: systemClock,
    logger: quiet,
    timeZone: () => 'Europe/Berlin',
  });
const scheduler = (service: AgendaService, notify: (items: FiredItem[]) => void = () => {}, horizonMs?: number) =>
  new Scheduler({ service, clock: systemClock, logger: quiet, notify, ...(horizonMs !== undefined && { horizonMs }) });

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aide-bench-'));
  dirs.push(dir);
  return dir;
}

async function fill(count: number): Promise<string> {
  const dir = await tempDir();
  const service = await open(dir);
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
  // Left folded (reminders.jsonl, no journal), as after a restart.
  await service.settled();
  return dir;
}

async function lateness(dir: string, count: number): Promise<number[]> {
  const service = await open(dir);
  const late: number[] = [];
  const due = new Map<string, number>();
  const s = scheduler(service, (items) => {
    // Sub-millisecond: Date.now() would round every lateness to a whole millisecond.
    const now = performance.timeOrigin + performance.now();
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

/**
 * Waits for the scheduler's jobs to be placed: a slice per turn of the event loop after start, so
 * start() alone returns with only the first few placed (the bench measured 16 jobs on both sides).
 */
async function allPlaced(s: Scheduler): Promise<void> {
  while (s['placing'] !== null) await new Promise((resolve) => setImmediate(resolve));
}

/** Median load and schedule (until every job is placed) times over RUNS runs, and the jobs placed. */
async function startUp(dir: string, horizonMs?: number) {
  const load: number[] = [];
  const schedule: number[] = [];
  let jobs = 0;
  for (let run = 0; run < RUNS; run++) {
    gc?.();
    const t0 = performance.now();
    const service = await open(dir);
    const t1 = performance.now();
    const s = scheduler(service, undefined, horizonMs);
    s.start();
    await allPlaced(s);
    const t2 = performance.now();
    jobs = Object.keys(nodeSchedule.scheduledJobs).length;
    s.stop();
    load.push(t1 - t0);
    schedule.push(t2 - t1);
  }
  const total = load.map((l, i) => l + (schedule[i] ?? 0));
  return {
    total: median(total),
    load: median(load),
    schedule: median(schedule),
    first: total[0] ?? NaN,
    jobs,
  };
}

function settledHeap(): number {
  for (let i = 0; i < 3; i++) gc?.();
  return process.memoryUsage().heapUsed;
}

/** Loads and starts, keeping both in `retained`; a function of its own so no stack slot outlives it. */
async function loadAndStart(dir: string, horizonMs?: number): Promise<void> {
  const service = await open(dir);
  const s = scheduler(service, undefined, horizonMs);
  s.start();
  await allPlaced(s);
  retained.push(service, s);
}

/**
 * MB of heap the loaded service and started scheduler keep, after collection, median of 3. Measured
 * apart from the timed runs: there a run's objects could still sit in a stack slot of the loop when
 * the next run's baseline was read, so both sides of the difference held one copy and it read ~0.
 */
async function heapHeld(dir: string, horizonMs?: number): Promise<number> {
  const held: number[] = [];
  for (let run = 0; run < 3; run++) {
    const before = settledHeap();
    await loadAndStart(dir, horizonMs);
    const after = settledHeap();
    for (const item of retained) if (item instanceof Scheduler) item.stop();
    retained.length = 0;
    held.push((after - before) / 2 ** 20);
  }
  return median(held);
}

it('scheduler benchmark', async () => {
  try {
    const dir = await fill(10_000);
    const horizon = { ...(await startUp(dir)), heap: await heapHeld(dir) };
    const everyItem = { ...(await startUp(dir, Infinity)), heap: await heapHeld(dir, Infinity) };

    const service = await open(dir);
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

    // Alternated, each on a fresh folder: none stored, or a copy of the 10,000 (so runs do not
    // pile up each other's fired reminders).
    const alone: number[][] = [];
    const crowded: number[][] = [];
    for (let run = 0; run < LATENESS_RUNS; run++) {
      alone.push(await lateness(await tempDir(), 300));
      const copy = await tempDir();
      await cp(dir, copy, { recursive: true });
      crowded.push(await lateness(copy, 300));
    }
    const perRun = (runs: number[][], q: number) => median(runs.map((late) => quantile(late, q)));

    const bench = 'Loading and scheduling 10,000 reminders';
    const naive = 'one node-schedule job per reminder';
    const empty = 'same, with 0 others stored';
    const rows: BenchRow[] = [
      {
        bench,
        metric: 'start-up time',
        unit: 'ms',
        value: horizon.total,
        baseline: everyItem.total,
        baselineLabel: naive,
        runs: RUNS,
      },
      {
        bench,
        metric: 'heap',
        unit: 'MB',
        value: horizon.heap,
        baseline: everyItem.heap,
        baselineLabel: naive,
        runs: 3,
      },
      {
        bench,
        metric: 'firing lateness p50 (10,000 stored)',
        unit: 'ms',
        value: perRun(crowded, 0.5),
        baseline: perRun(alone, 0.5),
        baselineLabel: empty,
        runs: LATENESS_RUNS,
      },
      {
        bench,
        metric: 'firing lateness p99 (10,000 stored)',
        unit: 'ms',
        value: perRun(crowded, 0.99),
        baseline: perRun(alone, 0.99),
        baselineLabel: empty,
        runs: LATENESS_RUNS,
      },
    ];
    const fired = (runs: number[][]) => runs.map((late) => late.length).join('/');
    console.log(
      `scheduler: ${horizon.jobs} jobs within 6 h vs ${everyItem.jobs} naive${gc ? '' : ' (no --expose-gc: heap is rough)'}; ` +
        `start-up = load ${horizon.load.toFixed(1)} + schedule ${horizon.schedule.toFixed(1)} ms (naive ${everyItem.load.toFixed(1)} + ${everyItem.schedule.toFixed(1)}), ` +
        `first run ${horizon.first.toFixed(1)} ms; one change median ${median(changes).toFixed(2)} ms; ` +
        `full watchdog check ${watchdog.toFixed(1)} ms; fired ${fired(crowded)} (stored) and ${fired(alone)} (alone) of 300`,
    );
    recordRows('scheduler', rows);
  } finally {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
});
