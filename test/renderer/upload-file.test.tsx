// The window's uploadFile helper over the real core: a file goes in 512 KiB chunks with progress,
// and a cancelled upload leaves nothing in the data folder.
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UploadError, uploadFile } from '../../renderer/src/uploads/upload-file';
import { startAide } from '../support/renderer-core';

const temp = async (dataDir: string) => readdir(join(dataDir, 'uploads')).catch(() => [] as string[]);

describe('uploadFile', () => {
  it('sends a 1.2 MB file in three chunks, reporting progress, and it arrives byte for byte', async () => {
    const app = await startAide();
    const bytes = randomBytes(1_200_000);
    const progress: number[] = [];
    const file = await uploadFile(app.aide, new File([new Uint8Array(bytes)], 'export.json'), {
      purpose: 'import',
      onProgress: (sent) => progress.push(sent),
    });
    expect(progress).toEqual([524_288, 1_048_576, 1_200_000, 1_200_000]);
    expect(file).toMatchObject({ name: 'export.json', size: 1_200_000 });
    const stored = await readFile(join(app.harness.dataDir, 'uploads', `${file.fileId}.part`));
    expect(Buffer.compare(stored, bytes)).toBe(0);
  });

  it('cancels the upload in main when the signal is aborted, leaving no temp file', async () => {
    const app = await startAide();
    const controller = new AbortController();
    const upload = uploadFile(app.aide, new File([new Uint8Array(randomBytes(2_000_000))], 'big.json'), {
      purpose: 'import',
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(upload).rejects.toMatchObject({ name: 'AbortError' });
    expect(await temp(app.harness.dataDir)).toEqual([]);
  });

  it('rejects with main’s sentence when the file is refused', async () => {
    const app = await startAide();
    const big = { name: 'huge.png', size: 40 * 1024 * 1024, type: 'image/png' } as unknown as File;
    const refused = uploadFile(app.aide, big);
    await expect(refused).rejects.toBeInstanceOf(UploadError);
    await expect(refused).rejects.toThrow('“huge.png” is 40 MB; Aide takes files up to 30 MB.');
  });
});
