// One start of the core, in a Node process of its own, for startup-event-loop.bench-run.ts: that
// bench bundles this file as the app's main process is bundled (Aide's code in one file, packages
// from node_modules) and runs it once per run, so every run is a cold start with nothing compiled
// yet, as every real start is. Prints what it saw, then one JSON line with the numbers.
//   node startup-run.mjs <data folder> <ids.json> <run number>   (BENCH_PROFILE=1: name the blocks)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCore } from '../../main/core/create-core';
import { startProfiling, type Profiling } from './block-profile';
import { watchBlocks, type Span } from './block-watch';
import { noKeychain, quiet } from '../support/quiet-core';

const WINDOW_MS = 10_000;
/**
 * The histograms' timer interval (ms). Node records the time between two of its ticks, interval
 * included: an idle loop reads ~2.1 ms and a 15 ms block 17–18 ms (open-telemetry-js-contrib#2794;
 * Elastic's APM agent subtracts it too). The delay is what is left beyond the interval, as the 5 ms
 * watch below counts it.
 */
const RESOLUTION_MS = 2;
/** A histogram value (ns) as a delay beyond the timer's interval, in ms. */
const delayMs = (ns: number): number => Math.max(0, ns / 1e6 - RESOLUTION_MS);

export interface RunResult {
  /** Longest block from createCore's call to the end of the window, and once it has resolved. */
  max: number;
  afterCore: number;
  /** The longest of those blocks' own main-thread running time (the rest is waiting for a core), and once it has resolved. */
  own: number;
  ownAfterCore: number;
  p99: number;
}

/** When a block began (s after createCore's call) and, when profiled, what ran in it. */
function where(span: Span, started: number, profiling: Profiling | null): string {
  const at = `${((span.from - started) / 1000).toFixed(2)} s`;
  return profiling ? `${at}: ${profiling.describe(span.from, span.to)}` : at;
}

/** One start: the event-loop delays from createCore's call over the next 10 s, in ms. */
async function oneRun(dataDir: string, ids: string[], run: number, resultsDir: string): Promise<RunResult> {
  const profiling = process.env.BENCH_PROFILE === '1' ? await startProfiling() : null;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const started = performance.now();
  // The histogram records nothing before its first tick; a timer every 5 ms also sees a block
  // right at the start, and createCore's synchronous parts (closed off when it resolves).
  const watch = watchBlocks(5);
  const core = await createCore({
    dataDir,
    env: { OPENAI_API_KEY: 'sk-bench-not-used', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
    secretStore: noKeychain,
    logger: quiet,
    // No timeZone: the system's, as in the app (the bench sets TZ to the data's zone).
  });
  const inCore = watch.checkpoint();
  // The histogram above covers the whole window; this one only the time after createCore.
  const histogramAfter = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogramAfter.enable();
  console.log(`run ${run + 1}: createCore resolved after ${(performance.now() - started).toFixed(0)} ms`);
  let afterCore;
  let all;
  try {
    // A person renames a conversation every second (an index write each) and opens one.
    for (let second = 1; performance.now() - started < WINDOW_MS; second++) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + second * 1_000 - performance.now())));
      if (performance.now() - started >= WINDOW_MS) break;
      const id = ids[(run * 10 + second) % ids.length]!;
      await core.handlers.renameConversation({ id, title: `Renamed ${run}.${second}` });
      if (second === 5) await core.handlers.getConversation({ id, limit: 100 });
    }
  } finally {
    afterCore = watch.checkpoint();
    all = watch.stop();
    histogram.disable();
    histogramAfter.disable();
    await core.dispose();
    await profiling?.stop(join(resultsDir, `startup-run-${run + 1}.cpuprofile`));
  }
  console.log(`run ${run + 1}, blocks over 20 ms: ${all.list.join(', ') || 'none'}`);
  console.log(`run ${run + 1}, longest block ${all.wall.toFixed(1)} ms at ${where(all.wallSpan, started, profiling)}`);
  if (profiling)
    for (const span of all.heavy)
      console.log(
        `run ${run + 1}, ${span.own.toFixed(1)} ms own (${span.wall.toFixed(1)} wall) at ${where(span, started, profiling)}`,
      );
  console.log(`run ${run + 1}, most own time ${all.own.toFixed(1)} ms at ${where(all.ownSpan, started, profiling)}`);
  return {
    max: Math.max(inCore.wall, afterCore.wall, delayMs(histogram.max)),
    afterCore: Math.max(afterCore.wall, delayMs(histogramAfter.max)),
    own: Math.max(inCore.own, afterCore.own),
    ownAfterCore: afterCore.own,
    p99: delayMs(histogram.percentile(99)),
  };
}

const [dataDir, idsFile, runText, resultsDir] = process.argv.slice(2);
const ids = JSON.parse(readFileSync(idsFile!, 'utf8')) as string[];
const result = await oneRun(dataDir!, ids, Number(runText), resultsDir!);
console.log(JSON.stringify(result));
// The workers and timers are closed by dispose; exit anyway, so a leftover handle cannot hold the bench.
process.exit(0);
