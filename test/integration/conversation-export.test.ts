// Exporting: one conversation as Markdown or JSON, all of them as a .zip; and the round trip —
// the zip imported into another Aide gives the same conversations (titles, times, roles, text,
// models, usage, each conversation's model and instructions), and into the same Aide, nothing new.
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Conversation } from '../../common/contract';
import { startHarness, type Harness } from '../support/core-harness';
import { DEFAULT_API_KEY } from '../support/fake-openai-server';
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

/** A conversation with a streamed answer, a title, its own model and instructions. */
async function chatWithAnswer(question: string, title: string): Promise<Conversation> {
  const { id } = await h.core.handlers.createConversation();
  await h.core.handlers.sendMessage({ conversationId: id, text: question });
  await h.waitFor('chatDone', (done) => done.conversationId === id);
  await h.core.handlers.renameConversation({ id, title });
  await h.core.handlers.updateConversation({ id, model: 'gpt-4o-mini', systemPrompt: 'Answer in haiku. 🌸' });
  return (await h.core.handlers.getConversation({ id }))!;
}

const everything = async (harness: Harness) => {
  const list = await harness.core.handlers.listConversations();
  return Promise.all(list.map(async ({ id }) => (await harness.core.handlers.getConversation({ id }))!));
};

it('Export all gives a zip that another Aide imports as the same conversations', async () => {
  const first = await chatWithAnswer('What is the capital of France?', 'Geography — 地理');
  const second = await chatWithAnswer('Write `code` please\n```js\nlet x = 1;\n```', 'Code');
  expect(first.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  expect(first.messages[1]!.usage).toBeTruthy();

  const exported = await exportBytes(h, { scope: 'all' });
  expect(exported.filename).toMatch(/^aide-conversations-\d{4}-\d{2}-\d{2}\.zip$/);
  expect(exported.mimeType).toBe('application/zip');
  expect(Object.keys(unzipSync(exported.bytes))).toEqual(['conversations.json']);

  const other = await startHarness();
  others.push(other);
  const summary = await importBytes(other, exported.bytes);

  expect(summary.text).toBe('2 imported.');
  const imported = await everything(other);
  expect(imported).toEqual(await everything(h));
  const byTitle = new Map(imported.map((c) => [c.title, c]));
  expect(byTitle.get('Geography — 地理')).toMatchObject({
    id: first.id,
    createdAt: first.createdAt,
    model: 'gpt-4o-mini',
    systemPrompt: 'Answer in haiku. 🌸',
    messages: first.messages,
  });
  expect(byTitle.get('Code')!.messages[0]!.content).toBe('Write `code` please\n```js\nlet x = 1;\n```');
  expect(second.messages).toEqual(byTitle.get('Code')!.messages);
});

it('the exported zip imported into the same Aide adds nothing', async () => {
  await chatWithAnswer('Hello?', 'Greeting');
  const exported = await exportBytes(h, { scope: 'all' });

  const summary = await importBytes(h, exported.bytes);

  expect(summary.text).toBe('0 imported. 1 was already here.');
  expect(await h.core.handlers.listConversations()).toHaveLength(1);
});

it('Export conversation as Markdown shows the title, who said what and when', async () => {
  const chat = await chatWithAnswer('What is 2 + 2?', 'Sums: 2 + 2?');

  const { filename, mimeType, bytes } = await exportBytes(h, {
    scope: 'conversation',
    conversationId: chat.id,
    format: 'markdown',
  });

  expect([filename, mimeType]).toEqual(['Sums 2 2.md', 'text/markdown']);
  const text = bytes.toString('utf8');
  expect(text.startsWith('# Sums: 2 + 2?\n')).toBe(true);
  expect(text).toContain(`### You · ${chat.messages[0]!.createdAt}\n\nWhat is 2 + 2?`);
  expect(text).toContain(
    `### Assistant (${chat.messages[1]!.model}) · ${chat.messages[1]!.createdAt}\n\n${chat.messages[1]!.content}`,
  );
  expect(text).toContain('**Custom instructions:**\n\nAnswer in haiku. 🌸');
});

it('Export conversation as JSON imports again elsewhere as the same conversation', async () => {
  const chat = await chatWithAnswer('Name a colour', 'Colours');

  const { filename, bytes } = await exportBytes(h, { scope: 'conversation', conversationId: chat.id, format: 'json' });
  expect(filename).toBe('Colours.json');
  expect((JSON.parse(bytes.toString('utf8')) as unknown[]).length).toBe(1);

  const other = await startHarness();
  others.push(other);
  expect((await importBytes(other, bytes)).text).toBe('1 imported.');
  expect(await everything(other)).toEqual([chat]);
});

it('an export is read once: its file is gone from the temp area afterwards', async () => {
  const chat = await chatWithAnswer('Hi', 'Once');
  const started = await h.core.handlers.exportConversations({
    scope: 'conversation',
    conversationId: chat.id,
    format: 'json',
  });
  const chunk = await h.core.handlers.readConversationExport({ exportId: started.exportId, offset: 0 });
  expect(chunk.done).toBe(true);
  expect(strFromU8(Buffer.from(chunk.data, 'base64'))).toContain('"Once"');

  await expect(h.core.handlers.readConversationExport({ exportId: started.exportId, offset: 0 })).rejects.toThrow(
    'That export is no longer available; export again.',
  );
});
