// A 20 MB export streamed through import: progress reported as bytes read of the total, the heap
// kept well under the file's size (it is never read whole), and Cancel stopping it part-way with
// what was imported kept. (The 200 MB run is the benchmark's: test/bench/conversation-import.)
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, afterEach, expect, it } from 'vitest';
import { writeBigExport } from '../support/big-export';
import { startHarness, type Harness } from '../support/core-harness';
import { sampleLiveHeap } from '../support/live-heap';
import { startImport, uploadFromDisk } from '../support/transfer-client';

const MB = 1024 * 1024;
let file: string;
let size: number;
let count: number;
let h: Harness;
let scratch: Harness;

beforeAll(async () => {
  scratch = await startHarness();
  file = join(scratch.dataDir, 'big-conversations.json');
  count = await writeBigExport(file, 20 * MB);
  size = (await stat(file)).size;
}, 60_000);
afterAll(async () => {
  await scratch.close();
});
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

it('imports 20 MB with progress, its live heap under a quarter of the file size', async () => {
  const fileId = await uploadFromDisk(h.core.dispatch, file);
  const heap = sampleLiveHeap();
  const importId = await startImport(h, fileId);
  const { summary } = await h.waitFor('conversationImportFinished', (e) => e.importId === importId, 120_000);
  const peak = heap.stop();

  expect(summary.text).toBe(`${count.toLocaleString('en-US')} imported.`);
  expect(await h.core.handlers.listConversations()).toHaveLength(count);
  const progress = h.events.flatMap((e) => (e.name === 'conversationImportProgress' ? [e.payload] : []));
  expect(progress.length).toBeGreaterThan(3);
  expect(progress.every((p) => p.totalBytes === size)).toBe(true);
  const read = progress.map((p) => p.bytesRead);
  expect(read).toEqual([...read].sort((a, b) => a - b));
  expect(read.at(-1)).toBe(size);
  expect(peak).toBeLessThan(size / 4);
}, 180_000);

it('Cancel stops the import part-way; what was imported stays and the summary says so', async () => {
  const fileId = await uploadFromDisk(h.core.dispatch, file);
  const importId = await startImport(h, fileId);
  await h.waitFor('conversationImportProgress', (p) => p.importId === importId && p.imported >= 20, 60_000);
  await h.core.dispatch('cancelConversationImport', { importId });
  const { summary } = await h.waitFor('conversationImportFinished', (e) => e.importId === importId, 60_000);

  expect(summary.cancelled).toBe(true);
  expect(summary.imported).toBeGreaterThanOrEqual(20);
  expect(summary.imported).toBeLessThan(count);
  expect(summary.text).toBe(`${summary.imported} imported. Import cancelled; what was imported stays.`);
  expect(await h.core.handlers.listConversations()).toHaveLength(summary.imported);
}, 120_000);
