// Attachments through export and import: Export all carries each attachment's bytes and another
// Aide restores them under the same ids with their messages (shown after a restart, deleted with
// their conversation); a ChatGPT zip's picture becomes the message's image attachment; a crafted
// zip's attachment entries with path tricks or bad ids write nothing and are not attached.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import sharp from 'sharp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Attachment } from '../../common/attachment-contract';
import type { Conversation } from '../../common/contract';
import { startHarness, type Harness } from '../support/core-harness';
import { asJson, asZip, chatGptConversations } from '../support/export-fixtures';
import { DEFAULT_API_KEY } from '../support/fake-openai-server';
import { makeJpegWithExif, makePdf, makePng } from '../support/sample-files';
import { exportBytes, importBytes } from '../support/transfer-client';

let h: Harness;
const others: Harness[] = [];
beforeEach(async () => {
  h = await startHarness({ env: { OPENAI_API_KEY: DEFAULT_API_KEY } });
});
afterEach(async () => {
  for (const other of others.splice(0)) await other.close();
  await h.close();
});

async function another(): Promise<Harness> {
  const other = await startHarness();
  others.push(other);
  return other;
}

async function attach(name: string, bytes: Buffer, type: string): Promise<Attachment> {
  const begun = await h.core.handlers.beginUpload({ name, size: bytes.length, type, purpose: 'attachment' });
  if (!begun.ok) throw new Error(begun.error);
  await h.core.handlers.uploadChunk({ uploadId: begun.uploadId, offset: 0, data: bytes.toString('base64') });
  const finished = await h.core.handlers.finishUpload({ uploadId: begun.uploadId });
  if (!finished.ok) throw new Error(finished.error);
  const added = await h.core.handlers.addAttachment({ fileId: finished.file.fileId });
  if (!added.ok) throw new Error(added.error);
  return added.attachment;
}

async function sendWith(text: string, attachments: Attachment[]): Promise<string> {
  const { id } = await h.core.handlers.createConversation();
  await h.core.handlers.sendMessage({ conversationId: id, text, attachments: attachments.map((a) => a.id) });
  await h.waitFor('chatDone', (done) => done.conversationId === id);
  return id;
}

const everything = async (harness: Harness): Promise<Conversation[]> => {
  const list = await harness.core.handlers.listConversations();
  const all = await Promise.all(list.map(async ({ id }) => (await harness.core.handlers.getConversation({ id }))!));
  // A conversation never given its own model or instructions says so with null once imported.
  return all.map((c) => ({ ...c, model: c.model ?? null, systemPrompt: c.systemPrompt ?? null }));
};
const storedFile = (harness: Harness, id: string) => readFile(join(harness.dataDir, 'attachments', id));
const storedNames = async (harness: Harness) =>
  (await readdir(join(harness.dataDir, 'attachments')).catch(() => [] as string[])).filter((f) => f !== 'index.json');

it('Export all carries the attachments, and another Aide has the same files with the same messages', async () => {
  const photo = await attach('holiday.jpg', await makeJpegWithExif(1600, 1200), 'image/jpeg');
  const chart = await attach('chart.png', await makePng(300, 200), 'image/png');
  const notes = await attach('notes.md', Buffer.from('# Notes\n\nBring a towel. 🧣'), 'text/markdown');
  const report = await attach('report.pdf', makePdf([['Quarterly report']]), 'application/pdf');
  const first = await sendWith('What do you see?', [photo, chart]);
  const second = await sendWith('Summarise these', [notes, report, photo]);

  const exported = await exportBytes(h, { scope: 'all' });
  const entries = unzipSync(exported.bytes);
  expect(Object.keys(entries).sort()).toEqual(
    ['conversations.json', ...[photo, chart, notes, report].map((a) => `attachments/${a.id}`)].sort(),
  );
  for (const a of [photo, chart, notes, report]) {
    expect(Buffer.from(entries[`attachments/${a.id}`]!).equals(await storedFile(h, a.id))).toBe(true);
  }

  const other = await another();
  expect((await importBytes(other, exported.bytes)).text).toBe('2 imported.');
  expect(await everything(other)).toEqual(await everything(h));
  for (const a of [photo, chart, notes, report]) {
    expect((await storedFile(other, a.id)).equals(await storedFile(h, a.id))).toBe(true);
  }
  const imported = await other.core.handlers.getConversation({ id: first });
  expect(imported!.messages[0]!.attachments).toEqual([photo, chart]);

  await other.restart();
  const thumbnail = await other.core.handlers.getAttachment({ id: photo.id });
  expect(thumbnail?.type).toBe('image/webp');
  expect((await sharp(Buffer.from(thumbnail!.data, 'base64')).metadata()).width).toBe(320);

  // Shared by both conversations, the photo stays until the second one goes too.
  await other.core.handlers.deleteConversation({ id: first });
  expect((await storedNames(other)).sort()).toEqual(
    [photo.id, `${photo.id}.thumb.webp`, notes.id, report.id, `${report.id}.txt`].sort(),
  );
  await other.core.handlers.deleteConversation({ id: second });
  expect(await storedNames(other)).toEqual([]);
});

/** ChatGPT's export with the picture the fixture's message points at (file-service://file-abc123). */
async function chatGptZipWithPicture(folder: string): Promise<Buffer> {
  return asZip(chatGptConversations(), { [`${folder}file-abc123-red square.png`]: await makePng(64, 64) });
}

it('a ChatGPT zip that holds the picture gives the message an image attachment', async () => {
  const png = await makePng(64, 64);
  const summary = await importBytes(h, await chatGptZipWithPicture('user-xyz/'));
  expect(summary.text).toBe('2 imported, 2 skipped: its message tree is broken (1), not a conversation (1).');

  const python = (await everything(h)).find((c) => c.title === 'Reversing a list 🐍')!;
  const asked = python.messages.find((m) => m.content.includes('What is in this picture?'))!;
  expect(asked.content).toBe('What is in this picture? 日本語で');
  expect(asked.attachments).toEqual([
    {
      id: createHash('sha256').update(png).digest('hex'),
      name: 'red square.png',
      type: 'image/png',
      size: png.length,
      kind: 'image',
    },
  ]);
  expect(python.messages.filter((m) => m.attachments)).toHaveLength(1);

  await h.restart();
  expect(await h.core.handlers.getAttachment({ id: asked.attachments![0]!.id })).toMatchObject({ type: 'image/webp' });
  await h.core.handlers.deleteConversation({ id: python.id });
  expect(await storedNames(h)).toEqual([]);
});

it('a ChatGPT picture with sediment:// pointer, at the top level, is attached; a plain conversations.json keeps the placeholder', async () => {
  const conversations = chatGptConversations() as { mapping?: Record<string, { message: unknown }> }[];
  const asked = conversations[0]!.mapping!.n4!.message as { content: { parts: unknown[] } };
  asked.content.parts[0] = { content_type: 'image_asset_pointer', asset_pointer: 'sediment://file_00aa11' };
  const jpeg = await makeJpegWithExif(800, 600);

  await importBytes(h, asZip(conversations, { 'file_00aa11.jpg': jpeg }));
  const [attachment] = (await everything(h)).flatMap((c) => c.messages.flatMap((m) => m.attachments ?? []));
  expect(attachment).toMatchObject({ name: 'file_00aa11.jpg', kind: 'image', type: 'image/jpeg' });
  expect((await sharp(await storedFile(h, attachment!.id)).metadata()).exif).toBeUndefined();

  const other = await another();
  await importBytes(other, asJson(conversations));
  const python = (await everything(other)).find((c) => c.title === 'Reversing a list 🐍')!;
  expect(python.messages.map((m) => m.content)).toContain(
    '*[Image from the ChatGPT export]*\n\nWhat is in this picture? 日本語で',
  );
  expect(python.messages.some((m) => m.attachments)).toBe(false);
});

it('a crafted zip: attachment entries with path tricks or ids that are not SHA-256 are ignored', async () => {
  const png = await makePng(40, 40);
  const id = createHash('sha256').update('the original file').digest('hex');
  const claimed: Attachment = { id, name: 'x.png', type: 'image/png', size: png.length, kind: 'image' };
  const aide = {
    format: 'aide-conversation',
    version: 1,
    id: '7f0c6a3e-0d5e-4a40-9c3e-1d2f3a4b5c6d',
    title: 'Crafted',
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    model: null,
    systemPrompt: null,
    messages: [
      {
        id: 'm1',
        role: 'user',
        content: 'Look',
        createdAt: '2026-03-01T10:00:00.000Z',
        status: 'complete',
        attachments: [claimed],
      },
    ],
  };
  // A name no other program on a shared machine would leave in the temporary folder.
  const escape = `aide-escape-${randomUUID()}`;
  const zip = Buffer.from(
    zipSync({
      'conversations.json': strToU8(JSON.stringify([aide])),
      [`attachments/../../${escape}`]: png,
      [`attachments/../${id}`]: png,
      'attachments/NOT-HEX': png,
      [`attachments/${id.toUpperCase()}`]: png,
      '../file-evil-x.png': png,
    }),
  );

  expect((await importBytes(h, zip)).text).toBe('1 imported.');
  const [conversation] = await everything(h);
  expect(conversation!.messages[0]!.attachments).toEqual([claimed]);
  expect(await h.core.handlers.getAttachment({ id })).toBeNull();
  expect(await storedNames(h)).toEqual([]);
  const parent = dirname(h.dataDir);
  expect((await readdir(parent)).filter((name) => name === escape || name.includes('evil'))).toEqual([]);
  expect((await readdir(h.dataDir)).filter((name) => name === escape || name.includes('evil'))).toEqual([]);
});
