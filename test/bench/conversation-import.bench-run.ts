// Importing a generated 200 MB ChatGPT-format export with the real import (stream parser, the
// conversation store on real files): time, peak heap (heapUsed sampled, and the live heap after a
// full collection), and the longest event-loop block (block-watch.ts, wall and own time). The baseline reads
// the same file whole and JSON.parses it, storing nothing. Records rows in
// out/bench/conversation-import.json; asserts none.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { it } from 'vitest';
import { ConversationStore } from '../../main/core/conversations/conversation-store';
import { importFile } from '../../main/core/conversations/transfer/conversation-import';
import { ImportLedger } from '../../main/core/conversations/transfer/import-ledger';
import { systemClock } from '../../main/core/ports';
import { openConfStore } from '../../main/core/storage/open-store';
import { writeBigExport } from '../support/big-export';
import { watchBlocks } from './block-watch';
import { recordRows, type BenchRow } from './report';

const MB = 1024 * 1024;
/** AIDE_BENCH_IMPORT_MB picks a smaller export for quick runs; the README row is at 200 MB. */
const SIZE_MB = Number(process.env.AIDE_BENCH_IMPORT_MB ?? 200);
const BENCH = `Importing a ${SIZE_MB} MB ChatGPT export`;
// A full collection before each measurement, so one run's garbage is not collected in the next.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Measured {
  ms: number;
  peakHeapMb: number;
  peakLiveHeapMb: number;
  longestBlockMs: number;
  /** The longest block's own running on the main thread (Linux schedstat; the rest: waiting for a core). */
  ownMs: number;
}

/** Runs `task` while sampling the heap and the event loop's delay. */
async function measure(task: () => Promise<unknown>): Promise<Measured> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let live = base;
  const heap = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 10);
  const watch = watchBlocks(2);
  // The bench's own full collections (for the live heap) are not the import's blocks.
  const liveTimer = setInterval(
    () =>
      watch.exclude(() => {
        gc();
        live = Math.max(live, process.memoryUsage().heapUsed);
      }),
    2_000,
  );
  const start = performance.now();
  await task();
  const ms = performance.now() - start;
  const blocks = watch.stop();
  clearInterval(heap);
  clearInterval(liveTimer);
  console.log(`blocks over 20 ms: ${blocks.list.join(', ') || 'none'}`);
  return {
    ms,
    peakHeapMb: (peak - base) / MB,
    peakLiveHeapMb: (live - base) / MB,
    longestBlockMs: blocks.wall,
    ownMs: blocks.own,
  };
}

it('conversation import benchmark', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'aide-bench-import-'));
  try {
    const file = join(dir, 'conversations.json');
    const count = await writeBigExport(file, SIZE_MB * MB);
    const { size } = await stat(file);

    const dataDir = join(dir, 'data');
    const store = new ConversationStore(openConfStore, dataDir, systemClock);
    let imported = 0;
    const aide = await measure(async () => {
      const summary = await importFile(file, {
        store,
        ledger: new ImportLedger(dataDir),
        now: () => new Date(),
        signal: new AbortController().signal,
        onProgress: () => undefined,
      });
      imported = summary.imported;
    });
    // The baseline second: its 200 MB of parsed objects would otherwise be collected during the import.
    const baseline = await measure(async () => JSON.parse(await readFile(file, 'utf8')) as unknown);

    const label = `read whole + JSON.parse, nothing stored`;
    const row = (
      metric: string,
      unit: BenchRow['unit'],
      value: number,
      base: number | null,
      aim?: string,
      met?: boolean,
    ): BenchRow => ({
      bench: BENCH,
      metric,
      unit,
      value,
      baseline: base,
      baselineLabel: label,
      ...(aim && { aim, met }),
      runs: 1,
    });
    recordRows('conversation-import', [
      row(
        `time (${count.toLocaleString('en-US')} conversations, ${Math.round(size / MB)} MB, ${imported.toLocaleString('en-US')} imported)`,
        'ms',
        aide.ms,
        baseline.ms,
      ),
      row(
        'peak heap (heapUsed sampled)',
        'MB',
        aide.peakHeapMb,
        baseline.peakHeapMb,
        'well under the file size',
        aide.peakHeapMb < size / MB / 4,
      ),
      row('peak live heap (after full GC)', 'MB', aide.peakLiveHeapMb, baseline.peakLiveHeapMb),
      row('longest event-loop block', 'ms', aide.longestBlockMs, baseline.longestBlockMs),
      row("longest block's own main-thread time", 'ms', aide.ownMs, baseline.ownMs),
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
