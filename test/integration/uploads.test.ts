// Chunked uploads through the real core's operations: a file arrives whole in a temp file under
// the data folder, oversize files are refused before any byte, and nothing is left behind when an
// upload is cancelled, goes wrong, or a run ends mid-upload.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/core-harness';

const MiB = 1024 * 1024;
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const uploadsDir = () => join(h.dataDir, 'uploads');
const tempFiles = async () => (await readdir(uploadsDir()).catch(() => [] as string[])).sort();

async function begin(name: string, size: number, type = 'application/octet-stream') {
  // 'import' has the biggest limit; its screen (conversation exports only) wants a .zip or .json name.
  const begun = await h.core.dispatch('beginUpload', { name, size, type, purpose: 'import' });
  return begun as { ok: true; uploadId: string } | { ok: false; error: string };
}

async function send(uploadId: string, bytes: Buffer, chunk = 512 * 1024) {
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    const data = bytes.subarray(offset, offset + chunk).toString('base64');
    const sent = (await h.core.dispatch('uploadChunk', { uploadId, offset, data })) as { ok: boolean };
    expect(sent).toMatchObject({ ok: true });
  }
}

describe('chunked uploads', () => {
  it('puts a 1.3 MB file together from 512 KiB chunks, byte for byte, under the data folder', async () => {
    const bytes = randomBytes(Math.round(1.3 * MiB));
    const begun = await begin('notes.zip', bytes.length);
    if (!begun.ok) throw new Error(begun.error);
    await send(begun.uploadId, bytes);
    const finished = await h.core.handlers.finishUpload({ uploadId: begun.uploadId });
    expect(finished).toEqual({
      ok: true,
      file: { fileId: begun.uploadId, name: 'notes.zip', type: 'application/octet-stream', size: bytes.length },
    });
    const [temp] = await tempFiles();
    expect(Buffer.compare(await readFile(join(uploadsDir(), temp!)), bytes)).toBe(0);
  });

  it('refuses an attachment over 30 MB before any byte is sent, in words', async () => {
    const begun = await h.core.handlers.beginUpload({
      name: 'holiday.mov',
      size: 200 * MiB,
      type: 'video/quicktime',
      purpose: 'attachment',
    });
    expect(begun).toEqual({ ok: false, error: '“holiday.mov” is 200 MB; Aide takes files up to 30 MB.' });
    expect(await tempFiles()).toEqual([]);
  });

  it('removes the temp file when the upload is cancelled', async () => {
    const begun = await begin('big.zip', 2 * MiB);
    if (!begun.ok) throw new Error(begun.error);
    await send(begun.uploadId, randomBytes(MiB));
    expect(await tempFiles()).toHaveLength(1);
    await h.core.handlers.cancelUpload({ uploadId: begun.uploadId });
    expect(await tempFiles()).toEqual([]);
    const late = await h.core.handlers.uploadChunk({ uploadId: begun.uploadId, offset: MiB, data: 'aGVsbG8=' });
    expect(late).toMatchObject({ ok: false, error: expect.stringContaining('Attach the file again') });
  });

  it('drops an upload that sends more than it declared, or stops short of it', async () => {
    const over = await begin('short.zip', 10);
    if (!over.ok) throw new Error(over.error);
    const sent = await h.core.handlers.uploadChunk({
      uploadId: over.uploadId,
      offset: 0,
      data: randomBytes(20).toString('base64'),
    });
    expect(sent).toEqual({ ok: false, error: '“short.zip” is larger than it said. Attach it again.' });

    const under = await begin('cut.zip', 100);
    if (!under.ok) throw new Error(under.error);
    await send(under.uploadId, randomBytes(40));
    const finished = await h.core.handlers.finishUpload({ uploadId: under.uploadId });
    expect(finished).toEqual({ ok: false, error: '“cut.zip” did not arrive whole. Attach it again.' });
    expect(await tempFiles()).toEqual([]);
  });

  it('refuses a chunk that skips ahead, keeping what arrived in order', async () => {
    const begun = await begin('gap.zip', 30);
    if (!begun.ok) throw new Error(begun.error);
    await send(begun.uploadId, randomBytes(10));
    const skipped = await h.core.handlers.uploadChunk({ uploadId: begun.uploadId, offset: 20, data: 'aGVsbG8=' });
    expect(skipped).toEqual({ ok: false, error: 'Part of “gap.zip” was lost on the way. Attach it again.' });
  });

  it('clears what a previous run left mid-upload when Aide starts', async () => {
    await mkdir(uploadsDir(), { recursive: true });
    await writeFile(join(uploadsDir(), 'left-over.part'), randomBytes(1000));
    await h.restart();
    expect(await tempFiles()).toEqual([]);
  });
});
