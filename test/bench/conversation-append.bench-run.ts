// Appending a message to a conversation of 100,000 messages against one of 100, with the real
// ConversationStore on real files (the ratio shows an append does not grow with the chat); and
// opening the newest page (100 messages, as the chat does) of conversations of 5,000 and 100,000
// messages against one of 100, each in a fresh store as after a restart. Records rows in
// out/bench/conversation-append.json; asserts none.
//
// The big conversations are written straight to their files in the store's own line format (one
// `{"type":"message","message":…}` line per message): 100,000 appends through the store would take
// minutes and measure nothing new. A store then opens each once, as it would lines a crash left
// behind, before anything is timed.
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import type { ChatMessage } from '../../common/contract';
import { ConversationStore } from '../../main/core/conversations/conversation-store';
import { systemClock } from '../../main/core/ports';
import { openConfStore } from '../../main/core/storage/open-store';
import { median, quantile, recordRows, type BenchRow } from './report';

const WARM_UP = 20;
const APPENDS = 200;
const OPENS = 15;
/** The chat opens a conversation at its newest 100 messages. */
const PAGE = 100;

const WORDS = (
  'the a to and of in is you that it for on with as at be this have from or by not but what ' +
  'reminder appointment tomorrow meeting dentist call mom groceries project deadline flight hotel ' +
  'Kubernetes PostgreSQL TypeScript Zürich naïve café 東京 🎉 `code` **bold** https://example.com/path?q=1'
).split(' ');

let seed = 11;
const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;

function message(n: number): ChatMessage {
  const words = Array.from(
    { length: 10 + Math.floor(random() * 60) },
    () => WORDS[Math.floor(random() * WORDS.length)]!,
  );
  return {
    id: `m-${n}-${Math.floor(random() * 1e9).toString(36)}`,
    role: n % 2 === 0 ? 'user' : 'assistant',
    content: words.join(' '),
    createdAt: new Date(Date.UTC(2026, 0, 1) + n * 1_000).toISOString(),
    status: 'complete',
  };
}

/** Writes `count` message lines to the conversation's file, as the store's append would, in chunks. */
async function fillFile(dataDir: string, id: string, count: number): Promise<void> {
  const file = join(dataDir, 'conversations', `${id}.jsonl`);
  const CHUNK = 5_000;
  for (let start = 0; start < count; start += CHUNK) {
    let text = '';
    for (let n = start; n < Math.min(count, start + CHUNK); n++)
      text += `${JSON.stringify({ type: 'message', message: message(n) })}\n`;
    await appendFile(file, text);
  }
}

it('conversation append and open benchmark', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'aide-bench-conv-'));
  try {
    const setup = new ConversationStore(openConfStore, dataDir, systemClock);
    const sizes = { small: 100, big: 100_000, openSmall: 100, openMid: 5_000 } as const;
    const ids = {} as Record<keyof typeof sizes, string>;
    const t0 = performance.now();
    for (const key of Object.keys(sizes) as (keyof typeof sizes)[]) {
      ids[key] = (await setup.create(`${sizes[key]} messages`)).id;
      await fillFile(dataDir, ids[key], sizes[key]);
    }
    const fillMs = performance.now() - t0;
    const settle = new ConversationStore(openConfStore, dataDir, systemClock);
    for (const id of Object.values(ids)) await settle.page(id, { limit: PAGE });

    // A fresh store, as after a restart: it has read only the index.
    const store = new ConversationStore(openConfStore, dataDir, systemClock);
    let n = 1_000_000;
    const timeAppend = async (id: string): Promise<number> => {
      const next = message(n++);
      const start = performance.now();
      await store.append(id, next);
      return performance.now() - start;
    };
    for (let i = 0; i < WARM_UP; i++) {
      await timeAppend(ids.small);
      await timeAppend(ids.big);
    }
    const small: number[] = [];
    const big: number[] = [];
    for (let i = 0; i < APPENDS; i++) {
      // Alternate which goes first, so neither always follows the other's write.
      if (i % 2 === 0) {
        small.push(await timeAppend(ids.small));
        big.push(await timeAppend(ids.big));
      } else {
        big.push(await timeAppend(ids.big));
        small.push(await timeAppend(ids.small));
      }
    }

    // A fresh store each time, as after a restart (a store keeps the last few conversations it
    // read in memory, which would time the cache instead).
    const timeOpen = async (id: string, total: number): Promise<number> => {
      const cold = new ConversationStore(openConfStore, dataDir, systemClock);
      const start = performance.now();
      const conversation = await cold.page(id, { limit: PAGE });
      const ms = performance.now() - start;
      const shown = conversation?.messages.length ?? 0;
      if (shown !== PAGE || shown + (conversation?.olderCount ?? 0) !== total)
        throw new Error(`opened ${shown} (+${conversation?.olderCount} older) of ${total} messages`);
      return ms;
    };
    const bigTotal = sizes.big + WARM_UP + APPENDS;
    const opens = { small: [] as number[], mid: [] as number[], big: [] as number[] };
    for (let i = -1; i < OPENS; i++) {
      const small = await timeOpen(ids.openSmall, sizes.openSmall);
      const mid = await timeOpen(ids.openMid, sizes.openMid);
      const big = await timeOpen(ids.big, bigTotal);
      if (i === -1) continue; // a warm-up round
      opens.small.push(small);
      opens.mid.push(mid);
      opens.big.push(big);
    }

    const appendBench = 'Appending a message';
    const appendLabel = 'the same, to a conversation of 100 messages';
    const rows: BenchRow[] = [
      {
        bench: appendBench,
        metric: 'append to 100,000 messages, median',
        unit: 'ms',
        value: median(big),
        baseline: median(small),
        baselineLabel: appendLabel,
        aim: 'ratio < 1.5',
        met: median(big) / median(small) < 1.5,
        runs: APPENDS,
      },
      {
        bench: appendBench,
        metric: 'append to 100,000 messages, p99',
        unit: 'ms',
        value: quantile(big, 0.99),
        baseline: quantile(small, 0.99),
        baselineLabel: appendLabel,
        runs: APPENDS,
      },
      ...(['mid', 'big'] as const).map((size) => ({
        bench: 'Opening a conversation',
        metric: `newest ${PAGE} of ${size === 'mid' ? '5,000' : '100,000'} messages from the file, cold, median`,
        unit: 'ms' as const,
        value: median(opens[size]),
        baseline: median(opens.small),
        baselineLabel: 'the same, 100 messages',
        aim: 'ratio ≤ 2',
        met: median(opens[size]) / median(opens.small) <= 2,
        runs: OPENS,
      })),
    ];
    console.log(
      `conversation files written in ${(fillMs / 1000).toFixed(1)} s; ${APPENDS} appends each after ${WARM_UP} warm-up, ${OPENS} opens each`,
    );
    recordRows('conversation-append', rows);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
