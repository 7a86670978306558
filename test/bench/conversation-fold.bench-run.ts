// Folding the conversation list's journal with 20,560 conversations (the 200 MB export's count):
// the longest event-loop block (monitorEventLoopDelay) while 2,000 renames go through the real
// index on real files, one fold among them. Records rows in out/bench/conversation-fold.json.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { it } from 'vitest';
import { ConversationIndex } from '../../main/core/conversations/conversation-index';
import { openConfStore } from '../../main/core/storage/open-store';
import { recordRows } from './report';

const COUNT = Number(process.env.AIDE_BENCH_FOLD_CONVERSATIONS ?? 20_560);
const RUNS = 3;
const at = '2026-01-01T00:00:00.000Z';
const summary = (n: number) => ({ id: `conversation-${n % COUNT}`, title: `A conversation title ${n}`, createdAt: at, updatedAt: at });

async function longestBlock(index: ConversationIndex, from: number): Promise<number> {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  for (let n = from; n < from + 2_000; n++) await index.save(summary(n), { bytes: n, messages: n });
  await index.settled();
  loop.disable();
  return loop.max / 1e6;
}

it('conversation fold benchmark', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'aide-bench-fold-'));
  try {
    const seed = new ConversationIndex(openConfStore, dir, () => new Date(), COUNT + 1);
    for (let n = 0; n < COUNT; n++) void seed.save(summary(n), { bytes: n, messages: n });
    await seed.settled();
    const index = new ConversationIndex(openConfStore, dir);
    const blocks: number[] = [];
    for (let run = 0; run < RUNS; run++) blocks.push(await longestBlock(index, COUNT + run * 2_000));
    blocks.sort((a, b) => a - b);
    recordRows('conversation-fold', [
      {
        bench: `Conversation list fold (${COUNT.toLocaleString('en-US')} conversations)`,
        metric: 'longest event-loop block during 2,000 changes and one fold',
        unit: 'ms',
        value: blocks[1]!,
        baseline: null,
        aim: '< 10 ms',
        met: blocks[1]! < 10,
        runs: RUNS,
      },
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
