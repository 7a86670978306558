// An attachment carried by Aide's own export into another data folder: restored under the id its
// messages use, checked like any file (a mislabelled or path-like one is refused).
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttachmentStore } from '../../main/core/attachments/attachment-store';
import { createFileLogger } from '../../main/core/logger';
import { systemClock } from '../../main/core/ports';
import { openConfStore } from '../../main/core/storage/open-store';
import { makeJpegWithExif, makePdf } from '../support/sample-files';

async function storeIn(): Promise<{ store: AttachmentStore; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'aide-attachments-'));
  return { store: new AttachmentStore(openConfStore, dir, systemClock, createFileLogger(dir)), dir };
}

async function fileWith(bytes: Buffer, name: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'aide-file-')), name);
  await writeFile(path, bytes);
  return path;
}

describe('restoring an exported attachment', () => {
  it('keeps the id, name and size the messages know it by, in a new data folder', async () => {
    const { store: source } = await storeIn();
    const added = await source.add(
      await fileWith(await makeJpegWithExif(2000, 1500), 'dog.jpg'),
      'dog.jpg',
      'image/jpeg',
    );
    if (!added.ok) throw new Error(added.error);
    const exported = await fileWith((await source.bytes(added.attachment.id))!, 'exported');

    const { store: target, dir } = await storeIn();
    expect(await target.restore(added.attachment, exported)).toEqual({ ok: true, attachment: added.attachment });
    expect(await target.thumbnail(added.attachment.id)).toMatchObject({ type: 'image/webp' });
    expect((await readdir(join(dir, 'attachments'))).sort()).toEqual(
      ['index.json', added.attachment.id, `${added.attachment.id}.thumb.webp`].sort(),
    );
  });

  it('refuses a file whose bytes are not the kind the export says, and an id that is a path', async () => {
    const { store } = await storeIn();
    const pdf = await fileWith(makePdf([['not a picture']]), 'x');
    const claimed = { id: 'a'.repeat(64), name: 'cat.png', type: 'image/png', size: 100, kind: 'image' as const };
    expect(await store.restore(claimed, pdf)).toEqual({
      ok: false,
      error: '“cat.png” could not be read as a picture; it may be damaged.',
    });
    expect(await store.restore({ ...claimed, id: '../../settings' }, pdf)).toMatchObject({ ok: false });
    expect(store.get('a'.repeat(64))).toBeNull();
  });
});
