// Crash safety of the reminders' journal and its fold: a child creating reminders with a fold every
// few changes (test/fixtures/reminder-fold-writer.ts) is killed with SIGKILL at random points, many
// times, on one data folder. After every kill the agenda opens without a notice and holds every
// acknowledged reminder (a batch whole or not at all), and at most the one write in flight besides.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/core/ports';
import { AgendaService } from '../../main/core/reminders/agenda-service';
import { openConfStore } from '../../main/core/storage/open-store';
import { bundleFixture } from '../support/bundle-fixture';
import { runAndKill } from '../support/kill-writer';

const ITERATIONS = 30;
let writer: string;
let disposeWriter: () => Promise<void>;

beforeAll(async () => {
  ({ file: writer, dispose: disposeWriter } = await bundleFixture('reminder-fold-writer'));
}, 60_000);
afterAll(async () => disposeWriter());

/** Runs the writer from `first` and kills it `afterMs` after its first acknowledged write. */
const runWriter = async (dataDir: string, first: number, afterMs: number): Promise<number[]> =>
  (await runAndKill(writer, [dataDir, String(first)], afterMs)).map(([n]) => Number(n));

describe('reminders journal crash safety', () => {
  it(`${ITERATIONS} SIGKILLs, many in the middle of a fold, lose nothing acknowledged`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'aide-fold-crash-'));
    const acked = new Set<number>();
    let next = 0;
    let midFold = 0;
    try {
      for (let iteration = 0; iteration < ITERATIONS; iteration++) {
        const acks = await runWriter(dataDir, next, Math.floor(Math.random() * 80));
        acks.forEach((n) => acked.add(n));
        if ((await readdir(dataDir)).includes('reminders-journal.folding.jsonl')) midFold += 1;
        const agenda = await AgendaService.open({
          openStore: openConfStore,
          dataDir,
          clock: systemClock,
          logger: { info() {}, warn() {}, error() {} },
          timeZone: () => 'UTC',
        });
        expect(agenda.notice).toBeNull();
        const titles = new Set(agenda.listReminders().map((r) => r.title));
        for (const n of acked) {
          expect(titles).toContain(`reminder ${n}`);
          if (n % 3 === 0) expect(titles).toContain(`twin ${n}`);
        }
        const unacked = [...titles].filter((t) => t.startsWith('reminder ') && !acked.has(Number(t.split(' ')[1])));
        expect(unacked.length).toBeLessThanOrEqual(1);
        for (const title of unacked) {
          const n = Number(title.split(' ')[1]);
          // A batch is there whole or not at all.
          if (n % 3 === 0) expect(titles).toContain(`twin ${n}`);
          acked.add(n);
        }
        // The fold of the killed run's journal finishes before the next writer starts.
        await agenda.settled();
        next = Math.max(next, ...acked) + 1;
      }
      console.info(
        `reminder fold crash: ${ITERATIONS} SIGKILLs, ${midFold} during a fold, ${acked.size} writes acknowledged`,
      );
      expect(acked.size).toBeGreaterThan(ITERATIONS);
      expect((await readdir(dataDir)).filter((name) => name.includes('corrupt'))).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
