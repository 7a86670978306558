// Attachments end to end through the real core and the fake OpenAI server: real JPEG, PNG, PDF and
// text files are uploaded in chunks, stored once by their hash, scaled and stripped of EXIF, sent
// as the parts the Chat Completions API takes, shown again after a restart and deleted with their
// conversation; files Aide cannot read, or too large, are refused in words.
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/core-harness';
import { DEFAULT_API_KEY } from '../support/fake-openai-server';
import { makeJpegWithExif, makePdf, makePng } from '../support/sample-files';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { OPENAI_API_KEY: DEFAULT_API_KEY } });
});
afterEach(async () => {
  await h.close();
});

type Added = Awaited<ReturnType<Harness['core']['handlers']['addAttachment']>>;

/** What the Attach button does: the upload in 512 KiB chunks, then addAttachment. */
async function attach(name: string, bytes: Buffer, type: string): Promise<Added> {
  const begun = await h.core.handlers.beginUpload({ name, size: bytes.length, type, purpose: 'attachment' });
  if (!begun.ok) return begun;
  for (let offset = 0; offset < bytes.length; offset += 512 * 1024) {
    const data = bytes.subarray(offset, offset + 512 * 1024).toString('base64');
    await h.core.handlers.uploadChunk({ uploadId: begun.uploadId, offset, data });
  }
  const finished = await h.core.handlers.finishUpload({ uploadId: begun.uploadId });
  if (!finished.ok) return finished;
  return h.core.handlers.addAttachment({ fileId: finished.file.fileId });
}

async function attached(name: string, bytes: Buffer, type: string) {
  const added = await attach(name, bytes, type);
  if (!added.ok) throw new Error(added.error);
  return added.attachment;
}

const storedFiles = async () => (await readdir(join(h.dataDir, 'attachments'))).filter((f) => f !== 'index.json');

/** The user message of the last request the server received, as its parts. */
function lastUserParts(): { type: string; text?: string; image_url?: { url: string } }[] {
  const body = h.server.requests.at(-1)!.body as { messages: { role: string; content: unknown }[] };
  const content = body.messages.filter((m) => m.role === 'user').at(-1)!.content;
  return content as { type: string; text?: string; image_url?: { url: string } }[];
}

async function send(text: string, ids: string[], model?: string) {
  const { id } = await h.core.handlers.createConversation();
  if (model) await h.core.handlers.updateConversation({ id, model });
  const sent = await h.core.handlers.sendMessage({ conversationId: id, text, attachments: ids });
  return { conversationId: id, sent };
}

describe('pictures', () => {
  it('stores a photo once however often it is attached, scaled to 1024×768 and without its EXIF', async () => {
    const photo = await makeJpegWithExif(4000, 3000);
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const first = await attached('IMG_0001.jpg', photo, 'image/jpeg');
    const second = await attached('copy of IMG_0001.jpg', photo, 'image/jpeg');
    expect(second.id).toBe(first.id);
    expect(first).toMatchObject({ kind: 'image', type: 'image/jpeg', size: photo.length });
    expect(await storedFiles()).toEqual([first.id, `${first.id}.thumb.webp`].sort());

    const stored = await readFile(join(h.dataDir, 'attachments', first.id));
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([1024, 768, 'jpeg']);
    expect(meta.exif).toBeUndefined();
    expect(stored.includes('Jane Owner')).toBe(false);
  });

  it('knows a PNG by its bytes whatever it is called, and sends it to the model as an image part', async () => {
    const png = await makePng(600, 400);
    const picture = await attached('scan.dat', png, 'application/octet-stream');
    expect(picture).toMatchObject({ kind: 'image', type: 'image/png' });

    const { conversationId } = await send('What is in this picture?', [picture.id]);
    await h.waitFor('chatDone', (p) => p.conversationId === conversationId);
    const [text, image] = lastUserParts();
    expect(text).toEqual({ type: 'text', text: 'What is in this picture?' });
    expect(image!.type).toBe('image_url');
    const url = image!.image_url!.url;
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const received = await sharp(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')).metadata();
    expect([received.width, received.height]).toEqual([600, 400]);
  });

  it('shows the picture with the message after a restart, as a small thumbnail', async () => {
    const picture = await attached('garden.jpg', await makeJpegWithExif(1600, 1200), 'image/jpeg');
    const { conversationId } = await send('Which plant is this?', [picture.id]);
    await h.waitFor('chatDone', (p) => p.conversationId === conversationId);
    await h.restart();

    const conversation = await h.core.handlers.getConversation({ id: conversationId });
    expect(conversation!.messages[0]!.attachments).toEqual([
      { id: picture.id, name: 'garden.jpg', type: 'image/jpeg', size: picture.size, kind: 'image' },
    ]);
    const thumbnail = await h.core.dispatch('getAttachment', { id: picture.id });
    const { type, data } = thumbnail as { type: string; data: string };
    expect(type).toBe('image/webp');
    const meta = await sharp(Buffer.from(data, 'base64')).metadata();
    expect([meta.width, meta.height]).toEqual([320, 240]);
  });
});

describe('documents', () => {
  it('reads a PDF’s text locally and sends it as text named after the file', async () => {
    const pdf = makePdf([['Invoice 2026-114', 'Total due: 1,250.00 EUR'], ['Payable within 30 days']]);
    const doc = await attached('invoice.pdf', pdf, 'application/pdf');
    expect(doc).toMatchObject({ kind: 'pdf', type: 'application/pdf', size: pdf.length });

    const { conversationId } = await send('When is this due?', [doc.id]);
    await h.waitFor('chatDone', (p) => p.conversationId === conversationId);
    const [, part] = lastUserParts();
    expect(part!.type).toBe('text');
    expect(part!.text).toContain('“invoice.pdf”');
    expect(part!.text).toContain('Total due: 1,250.00 EUR');
    expect(part!.text).toContain('Payable within 30 days');
  });

  it('refuses a damaged PDF in words, storing nothing', async () => {
    const damaged = Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), randomBytes(3000)]);
    expect(await attach('contract.pdf', damaged, 'application/pdf')).toEqual({
      ok: false,
      error: '“contract.pdf” could not be read as a PDF; it may be damaged or password-protected.',
    });
    expect(await readdir(join(h.dataDir, 'attachments')).catch(() => [])).toEqual(['index.json']);
  });

  it('sends a UTF-8 text file as text, and refuses one that is not text inside', async () => {
    const notes = await attached('notes.md', Buffer.from('# Trip\n- Passport\n- Zürich tickets 🎫\n'), 'text/markdown');
    const { conversationId } = await send('Summarise my notes', [notes.id]);
    await h.waitFor('chatDone', (p) => p.conversationId === conversationId);
    expect(lastUserParts()[1]!.text).toContain('- Zürich tickets 🎫');

    const binary = await attach('data.txt', Buffer.from([0x68, 0x69, 0x00, 0x01, 0x02]), 'text/plain');
    expect(binary).toEqual({
      ok: false,
      error: '“data.txt” is not plain text (UTF-8). Save it as UTF-8 text, or attach it as a PDF.',
    });
  });

  it('refuses a file it cannot read (a zip named .docx) with what it can read', async () => {
    const docx = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(2000)]);
    expect(
      await attach('report.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
    ).toEqual({
      ok: false,
      error: 'Aide can read pictures (PNG, JPEG, WebP, GIF), PDFs and text files; “report.docx” is none of these.',
    });
  });
});

describe('size limits', () => {
  it('refuses a 25 MB picture before any byte is sent', async () => {
    const begun = await h.core.handlers.beginUpload({
      name: 'panorama.png',
      size: 25 * 1024 * 1024,
      type: 'image/png',
      purpose: 'attachment',
    });
    expect(begun).toEqual({ ok: false, error: '“panorama.png” is 25 MB. Pictures can be up to 20 MB.' });
  });

  it('refuses a picture over 20 MB by its first bytes, without decoding it, even when its name hides it', async () => {
    const big = Buffer.concat([await makePng(8, 8), randomBytes(21 * 1024 * 1024)]);
    expect(await attach('backup.bin', big, 'application/octet-stream')).toEqual({
      ok: false,
      error: '“backup.bin” is 21 MB. Pictures can be up to 20 MB.',
    });
    expect(await readdir(join(h.dataDir, 'attachments')).catch(() => [])).not.toContain(
      expect.stringMatching(/^[0-9a-f]{64}$/),
    );
  });

  it('refuses a text file over 2 MB before any byte is sent', async () => {
    const begun = await h.core.handlers.beginUpload({
      name: 'log.txt',
      size: 3 * 1024 * 1024,
      type: 'text/plain',
      purpose: 'attachment',
    });
    expect(begun).toEqual({ ok: false, error: '“log.txt” is 3 MB. Text files can be up to 2 MB.' });
  });
});

describe('deleting', () => {
  it('deletes an attachment with its conversation, unless another conversation still carries it', async () => {
    const shared = await attached('shared.png', await makePng(100, 100), 'image/png');
    const own = await attached('own.pdf', makePdf([['Only here']]), 'application/pdf');
    const a = await send('first', [shared.id, own.id]);
    const b = await send('second', [shared.id]);
    await h.waitFor('chatDone', (p) => p.conversationId === b.conversationId);
    await h.waitFor('chatDone', (p) => p.conversationId === a.conversationId);

    await h.core.handlers.deleteConversation({ id: a.conversationId });
    expect(await storedFiles()).toEqual([shared.id, `${shared.id}.thumb.webp`].sort());
    await h.core.handlers.deleteConversation({ id: b.conversationId });
    expect(await storedFiles()).toEqual([]);
  });
});

describe('models that cannot see pictures', () => {
  it('refuses a picture for a model known to be blind before anything is stored or sent', async () => {
    const picture = await attached('cat.png', await makePng(50, 50), 'image/png');
    const { id } = await h.core.handlers.createConversation();
    await h.core.handlers.updateConversation({ id, model: 'gpt-3.5-turbo' });
    const before = h.server.requests.length;
    await expect(
      h.core.handlers.sendMessage({ conversationId: id, text: 'Cute?', attachments: [picture.id] }),
    ).rejects.toThrow('The model “gpt-3.5-turbo” cannot see pictures, so “cat.png” was not sent.');
    expect(h.server.requests.length).toBe(before);
    expect((await h.core.handlers.getConversation({ id }))!.messages).toEqual([]);
  });

  it('turns a server’s 400 “does not support images” into a clear message and remembers the model', async () => {
    const picture = await attached('chart.png', await makePng(50, 50), 'image/png');
    h.server.enqueue({
      kind: 'error',
      status: 400,
      body: {
        error: {
          message: 'Model does not support images. Please use a model that does.',
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      },
    });
    const { conversationId } = await send('Read the chart', [picture.id], 'my-local-model');
    const failed = await h.waitFor('chatError', (p) => p.conversationId === conversationId);
    expect(failed.error.message).toBe(
      `The model "my-local-model" at ${new URL(h.server.url).host} cannot see pictures. Aide has noted this under Model capabilities in Settings. Remove the picture, or choose a model that can see pictures, and send again.`,
    );
    expect((await h.core.handlers.getVisionTable())['my-local-model']).toBe(false);

    const again = h.core.handlers.sendMessage({ conversationId, text: 'And now?', attachments: [picture.id] });
    await expect(again).rejects.toThrow('The model “my-local-model” cannot see pictures');
  });
});
