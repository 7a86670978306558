// Importing ChatGPT's and Claude's exports written as real files by the tests, uploaded through
// the contract in chunks: the branch the person last saw, code, tool output, unicode and times
// kept; a broken entry counted and skipped; the same export twice not duplicated.
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/core-harness';
import { asJson, asZip, chatGptConversations, claudeConversations } from '../support/export-fixtures';
import { importBytes } from '../support/transfer-client';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const titled = async (title: string) => {
  const summary = (await h.core.handlers.listConversations()).find((c) => c.title === title);
  if (!summary) throw new Error(`no conversation titled ${title}`);
  return (await h.core.handlers.getConversation({ id: summary.id }))!;
};
const said = (messages: { role: string; content: string; createdAt: string; model?: string | null }[]) =>
  messages.map(({ role, content, createdAt, model }) => ({ role, content, createdAt, model: model ?? null }));

describe('a ChatGPT export', () => {
  it('imports the branch last seen, with code, tool output, the image noted, unicode and times', async () => {
    const summary = await importBytes(h, asZip(chatGptConversations()));

    expect(summary.text).toBe('2 imported, 2 skipped: its message tree is broken (1), not a conversation (1).');
    const list = await h.core.handlers.listConversations();
    expect(list.map((c) => c.title)).toEqual(['Second chat', 'Reversing a list 🐍']);
    const python = await titled('Reversing a list 🐍');
    expect([python.createdAt, python.updatedAt]).toEqual(['2026-03-01T10:00:00.000Z', '2026-03-01T10:10:00.000Z']);
    expect(said(python.messages)).toEqual([
      {
        role: 'user',
        content: 'How do I reverse a list in Python?',
        createdAt: '2026-03-01T10:01:00.000Z',
        model: null,
      },
      {
        role: 'assistant',
        content: 'Use slicing:\n\n```python\nxs[::-1]\n```',
        createdAt: '2026-03-01T10:02:00.000Z',
        model: 'gpt-4o',
      },
      {
        role: 'user',
        content: '*[Image from the ChatGPT export]*\n\nWhat is in this picture? 日本語で',
        createdAt: '2026-03-01T10:03:00.000Z',
        model: null,
      },
      {
        role: 'assistant',
        content: "```python\nprint('héllo')\n```",
        createdAt: '2026-03-01T10:04:00.000Z',
        model: 'gpt-4o',
      },
      {
        role: 'assistant',
        content: '**Tool output (python):**\n\n> ```\n> héllo\n> ```',
        createdAt: '2026-03-01T10:04:01.000Z',
        model: null,
      },
      {
        role: 'assistant',
        content: 'A red square — Ünïcödé ✓',
        createdAt: '2026-03-01T10:05:01.000Z',
        model: 'gpt-4o',
      },
    ]);
    expect(JSON.stringify(python)).not.toContain('regenerated');
    expect(JSON.stringify(python)).not.toContain('You are ChatGPT');
  });

  it('imported twice, is stored once', async () => {
    await importBytes(h, asZip(chatGptConversations()));
    const again = await importBytes(h, asJson(chatGptConversations()));

    expect(again.text).toBe(
      '0 imported, 2 skipped: its message tree is broken (1), not a conversation (1). 2 were already here.',
    );
    expect(await h.core.handlers.listConversations()).toHaveLength(2);
  });

  it('is still there after a restart, and the list says so as soon as it is imported', async () => {
    await importBytes(h, asJson(chatGptConversations()));
    const changed = await h.waitFor('conversationsChanged', (list) => list.length === 2);
    expect(changed.map((c) => c.title)).toEqual(['Second chat', 'Reversing a list 🐍']);

    await h.restart();
    expect((await titled('Second chat')).messages.map((m) => m.content)).toEqual(['Hi', 'Hello!']);
  });
});

describe('a Claude export', () => {
  it('imports conversations with tool use and attached text, and skips an empty one', async () => {
    const summary = await importBytes(h, asJson(claudeConversations()));

    expect(summary.text).toBe('1 imported, 1 skipped: no messages (1).');
    const trip = await titled('Trip to Kyōto');
    expect([trip.createdAt, trip.updatedAt]).toEqual(['2026-04-02T08:00:00.000Z', '2026-04-02T08:05:00.000Z']);
    expect(said(trip.messages)).toEqual([
      {
        role: 'user',
        content: 'Plan a day in Kyōto. Notes attached.\n\n**Attached: notes.txt**\n\n> Temples first',
        createdAt: '2026-04-02T08:00:00.000Z',
        model: null,
      },
      {
        role: 'assistant',
        content: [
          '**Tool call (web_search)**\n\n```json\n{\n  "query": "Kyoto temples"\n}\n```',
          '**Tool output:**\n\n> Kinkaku-ji, Ginkaku-ji',
          'Start at **Kinkaku-ji**:\n\n```js\nconsole.log("早上")\n```',
        ].join('\n\n'),
        createdAt: '2026-04-02T08:05:00.000Z',
        model: null,
      },
    ]);
  });
});

describe('a file that is not a usable export', () => {
  const cases: [string, Uint8Array, string][] = [
    ['not JSON', strToU8('this is not json'), '0 imported. The file is not valid JSON'],
    [
      'a JSON object, not a list',
      strToU8('{"conversations": []}'),
      '0 imported. The file is not a list of conversations.',
    ],
    ['cut off', strToU8(JSON.stringify(claudeConversations()).slice(0, 300)), '0 imported. The file ends before'],
    [
      'a zip without conversations.json',
      zipSync({ 'chat.html': strToU8('<html></html>') }),
      '0 imported. The zip file holds no conversations.json.',
    ],
    [
      "a zip whose conversations.json is named '../conversations.json'",
      zipSync({ '../conversations.json': strToU8(JSON.stringify(claudeConversations())) }),
      '0 imported. The zip file holds no conversations.json.',
    ],
    ['a damaged zip', asZip(claudeConversations()).subarray(0, 200), '0 imported. The zip file'],
  ];

  it.each(cases)('%s: says so in the summary and imports nothing', async (_what, bytes, text) => {
    const summary = await importBytes(h, bytes);
    expect(summary.text.startsWith(text)).toBe(true);
    expect(summary.imported).toBe(0);
    expect(await h.core.handlers.listConversations()).toEqual([]);
  });

  it('a zip bomb is refused before it fills memory or the disk', async () => {
    const bomb = zipSync({ 'conversations.json': new Uint8Array(40 * 1024 * 1024).fill(0x20) });
    expect(bomb.length).toBeLessThan(256 * 1024);

    const summary = await importBytes(h, bomb);

    expect(summary.error).toBe('The zip file expands far beyond its size (a zip bomb?) and was not imported.');
    // Nothing written but Aide's own files; the upload removed from the temp area.
    expect(await readdir(join(h.dataDir, 'uploads'))).toEqual([]);
    expect(await readdir(dirname(h.dataDir))).not.toContain('conversations.json');
  });
});
