// Importing a ChatGPT .zip reads it twice (its pictures first, then conversations.json): the
// progress bar moves during the first pass too, before any conversation is stored, and runs over
// both passes to the end.
import { randomBytes } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/core-harness';
import { chatGptConversations } from '../support/export-fixtures';
import { startImport, uploadFile } from '../support/transfer-client';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

it('reports progress during the first pass over a zip, before the first conversation is stored', async () => {
  // 40 MB that does not compress ahead of conversations.json, as a big export's files come first.
  const zip = zipSync(
    {
      'chat.html': strToU8('<html></html>'),
      'dalle-generations/archive.bin': [randomBytes(40 * 1024 * 1024), { level: 0 }],
      'conversations.json': strToU8(JSON.stringify(chatGptConversations())),
    },
    { level: 1 },
  );
  const fileId = await uploadFile(h.core.dispatch, zip, 'export.zip');
  const importId = await startImport(h, fileId);
  const { summary } = await h.waitFor('conversationImportFinished', (e) => e.importId === importId, 120_000);
  expect(summary.imported).toBeGreaterThan(0);

  const progress = h.events.flatMap((e) =>
    e.name === 'conversationImportProgress' && e.payload.importId === importId ? [e.payload] : [],
  );
  expect(progress.every((p) => p.totalBytes === 2 * zip.length)).toBe(true);
  const read = progress.map((p) => p.bytesRead);
  expect(read).toEqual([...read].sort((a, b) => a - b));
  expect(read.at(-1)).toBe(2 * zip.length);
  // Before anything was stored the bar had already moved, within the first pass and past it.
  const beforeStored = progress.filter((p) => p.imported === 0).map((p) => p.bytesRead);
  expect(beforeStored[0]).toBeGreaterThan(0);
  expect(beforeStored[0]).toBeLessThanOrEqual(zip.length);
  expect(new Set(beforeStored).size).toBeGreaterThan(1);
  expect(Math.max(...beforeStored)).toBeGreaterThan(beforeStored[0]!);
}, 180_000);
