// The conversation list's fold (snapshot rewritten while new changes keep going to the journal) is
// crash-safe: a child renaming conversations through the real index (test/fixtures/
// fold-crash-writer.ts) is killed with SIGKILL at random points, many of them mid-fold, and every
// rename it had finished is there when the list is opened again, with no notice of damage.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationIndex } from '../../main/core/conversations/conversation-index';
import { openConfStore } from '../../main/core/storage/open-store';
import { bundleFixture } from '../support/bundle-fixture';
import { runAndKill } from '../support/kill-writer';

const ITERATIONS = 30;
const CONVERSATIONS = 3_000;
let writer: string;
let disposeWriter: () => Promise<void>;

beforeAll(async () => {
  ({ file: writer, dispose: disposeWriter } = await bundleFixture('fold-crash-writer'));
}, 60_000);
afterAll(async () => disposeWriter());

/** Runs the writer from `first`, kills it `afterMs` after its first ack; resolves to the acked numbers. */
const runWriter = async (dataDir: string, first: number, afterMs: number): Promise<number[]> =>
  (await runAndKill(writer, [dataDir, String(first), String(CONVERSATIONS)], afterMs)).map(([n]) => Number(n));

describe('conversation list fold', () => {
  it(`${ITERATIONS} SIGKILLs, many mid-fold, lose no finished rename`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'aide-fold-crash-'));
    /** The last acknowledged title number of each conversation. */
    const latest = new Map<string, number>();
    let next = 0;
    let midFold = 0;
    try {
      for (let iteration = 0; iteration < ITERATIONS; iteration++) {
        const acks = await runWriter(dataDir, next, Math.floor(Math.random() * 150));
        for (const n of acks) latest.set(`c${n % CONVERSATIONS}`, n);
        if (existsSync(join(dataDir, 'conversations-journal.folding.jsonl'))) midFold += 1;
        const attempted = Math.max(next - 1, ...acks) + 1;

        const index = new ConversationIndex(openConfStore, dataDir);
        expect(index.notice).toBeNull();
        const inFlight = `c${attempted % CONVERSATIONS}`;
        for (const [id, n] of latest) {
          const title = Number(index.get(id)?.title.split(' ')[1]);
          // The last acknowledged rename, or the one in flight when the child was killed.
          if (id === inFlight && title === attempted) latest.set(id, attempted);
          else expect(title).toBe(n);
        }
        const flown = index.get(inFlight);
        if (flown && !latest.has(inFlight)) latest.set(inFlight, Number(flown.title.split(' ')[1]));
        expect(index.all().length).toBe(latest.size);
        await index.settled();
        next = attempted + 1;
      }
      expect(latest.size).toBeGreaterThan(100);
      // The point of the test: some kills did land while a fold was under way.
      expect(midFold).toBeGreaterThan(0);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it('ignores a half-written snapshot left by a killed fold', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'aide-fold-torn-'));
    try {
      const index = new ConversationIndex(openConfStore, dataDir, () => new Date(), 5);
      const at = '2026-01-01T00:00:00.000Z';
      for (let n = 0; n < 12; n++) {
        await index.save({ id: `c${n}`, title: `title ${n}`, createdAt: at, updatedAt: at }, { bytes: 0, messages: 0 });
      }
      await index.settled();
      await writeFile(join(dataDir, 'conversations.json.writing'), '{"conversations":{"c0":{"id":"c0","tit');
      const reopened = new ConversationIndex(openConfStore, dataDir);
      expect(reopened.notice).toBeNull();
      expect(
        reopened
          .all()
          .map((s) => s.title)
          .sort(),
      ).toEqual(Array.from({ length: 12 }, (_, n) => `title ${n}`).sort());
      expect(existsSync(join(dataDir, 'conversations.json.writing'))).toBe(false);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
