// The main process's event loop in the first 10 s after createCore is called on a data folder with
// 1,000 conversations and 10,000 reminders: its longest block (createCore's own included, and once
// it has resolved) and p99 (monitorEventLoopDelay, plus a 5 ms timer for the first moments the
// histogram cannot see; both count the delay beyond their timer's interval, see startup-run.ts), while
// a person renames a conversation every second (an index write each) and opens one. Records rows
// in out/bench/startup-event-loop.json; asserts none.
//
// Each run is a Node process of its own running the core bundled as the app's main process is
// (test/bench/startup-run.ts, built here with Vite): every run is a cold start, nothing compiled
// yet and the tokenizer's tables loading 3 s in, as after a real start. An earlier version ran the
// core inside Vitest's process, where only the first run was cold and Vitest's module loader ran
// in the blocks too.
// BENCH_RUNS sets the number of runs; BENCH_PROFILE=1 samples each run's CPU and names what ran in
// its longest blocks (out/bench/startup-run-N.cpuprofile holds the profiles); BENCH_NODE_FLAGS are
// passed to each run's Node (e.g. --trace-gc).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { it } from 'vitest';
import { RESULTS_DIR, median, recordRows, type BenchRow } from './report';
import type { RunResult } from './startup-run';
import { CONVERSATIONS, REMINDERS, fillLargeDataFolder } from '../support/large-data-folder';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const timeZone = () => 'Europe/Berlin';
const run = promisify(execFile);

/** Bundles startup-run.ts like the main process: Aide's code in one file, packages left to node_modules. */
async function bundleRun(): Promise<string> {
  const outDir = join(RESULTS_DIR, 'startup-run');
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: resolve(__dirname, 'startup-run.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: { output: { format: 'es', entryFileNames: 'startup-run.mjs' } },
    },
  });
  return join(outDir, 'startup-run.mjs');
}

it('event loop in the first 10 s after start', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'aide-bench-loop-'));
  try {
    const t0 = performance.now();
    const ids = await fillLargeDataFolder(dataDir, timeZone);
    console.log(
      `${CONVERSATIONS} conversations and ${REMINDERS} reminders written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const idsFile = `${dataDir}-ids.json`;
    await writeFile(idsFile, JSON.stringify(ids));
    const script = await bundleRun();
    const runs: RunResult[] = [];
    for (let n = 0; n < RUNS; n++) {
      const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
      const { stdout } = await run(process.execPath, [...flags, script, dataDir, idsFile, String(n), RESULTS_DIR], {
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, TZ: 'Europe/Berlin' },
      });
      const lines = stdout.trim().split('\n');
      for (const line of lines.slice(0, -1)) console.log(line);
      const result = JSON.parse(lines.at(-1)!) as RunResult;
      runs.push(result);
      console.log(
        `run ${n + 1}: max ${result.max.toFixed(1)} ms (${result.own.toFixed(1)} ms own work); after createCore ${result.afterCore.toFixed(1)} ms (${result.ownAfterCore.toFixed(1)} ms own); p99 ${result.p99.toFixed(1)} ms`,
      );
    }
    recordRows('startup-event-loop', rows(runs));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}-ids.json`, { force: true }); // the ids file sits next to the folder
  }
});

const BENCH = 'First 10 s after start (1,000 conversations, 10,000 reminders)';

/** Medians over the runs (each a cold start), and the worst run on its own. */
function rows(runs: RunResult[]): BenchRow[] {
  const row = (metric: string, pick: (r: RunResult) => number, aim?: string): BenchRow => {
    const value = median(runs.map(pick));
    return {
      bench: BENCH,
      metric,
      unit: 'ms',
      value,
      baseline: null,
      runs: runs.length,
      ...(aim && { aim, met: value <= 20 }),
    };
  };
  const worst = (metric: string, pick: (r: RunResult) => number): BenchRow => ({
    bench: BENCH,
    metric: `worst run: ${metric}`,
    unit: 'ms',
    value: Math.max(...runs.map(pick)),
    baseline: null,
    runs: runs.length,
  });
  return [
    row('longest event-loop block', (r) => r.max, '≤ 20 ms'),
    worst('longest event-loop block', (r) => r.max),
    row('longest block once createCore has resolved', (r) => r.afterCore),
    row("longest block's own main-thread time (the rest: waiting for a core)", (r) => r.own, '≤ 20 ms'),
    worst("longest block's own main-thread time", (r) => r.own),
    row("longest block's own main-thread time once createCore has resolved", (r) => r.ownAfterCore),
    row('event-loop delay p99', (r) => r.p99),
  ];
}
