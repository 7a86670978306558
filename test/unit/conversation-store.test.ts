import { appendFile, mkdir, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../common/contract';
import { ConversationStore } from '../../main/core/conversations/conversation-store';
import { systemClock } from '../../main/core/ports';
import { openConfStore } from '../../main/core/storage/open-store';

const message = (id: string, content: string, role: ChatMessage['role'] = 'user'): ChatMessage => ({
  id,
  role,
  content,
  createdAt: new Date().toISOString(),
  status: 'complete',
});

describe('ConversationStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aide-conv-'));
  });
  const open = () => new ConversationStore(openConfStore, dir, systemClock);

  it('keeps conversations, titles and messages across a restart', async () => {
    const store = open();
    const a = await store.create();
    await store.append(a.id, message('m1', 'hello'));
    await store.append(a.id, message('m2', 'hi there', 'assistant'));
    await store.rename(a.id, 'Greetings');
    const reopened = open();
    expect(reopened.list().map((c) => c.title)).toEqual(['Greetings']);
    const loaded = await reopened.get(a.id);
    expect(loaded?.messages.map((m) => m.content)).toEqual(['hello', 'hi there']);
  });

  it('appends one line per message instead of rewriting the file', async () => {
    const store = open();
    const { id } = await store.create();
    for (let i = 0; i < 50; i++) await store.append(id, message(`m${i}`, `message ${i}`));
    const lines = (await readFile(join(dir, 'conversations', `${id}.jsonl`), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(50);
    expect(JSON.parse(lines[49]!).message.content).toBe('message 49');
  });

  it('skips a torn last line from a crash and keeps writing whole lines after it', async () => {
    const store = open();
    const { id } = await store.create();
    await store.append(id, message('m1', 'before the crash'));
    await appendFile(join(dir, 'conversations', `${id}.jsonl`), '{"type":"message","message":{"id":"m2","ro');
    const restarted = open();
    expect((await restarted.get(id))?.messages.map((m) => m.content)).toEqual(['before the crash']);
    await restarted.append(id, message('m3', 'after the restart'));
    expect((await open().get(id))?.messages.map((m) => m.content)).toEqual(['before the crash', 'after the restart']);
  });

  it('deletes a conversation and its file', async () => {
    const store = open();
    const { id } = await store.create();
    await store.append(id, message('m1', 'bye'));
    await store.delete(id);
    expect(store.list()).toEqual([]);
    expect(await readdir(join(dir, 'conversations'))).toEqual([]);
    expect(await open().get(id)).toBeNull();
  });

  it('moves a corrupted index aside and says so, instead of wiping it', async () => {
    await writeFile(join(dir, 'conversations.json'), '{ this is not json');
    const store = open();
    expect(store.notice).toMatch(/could not be read.*moved to .*conversations\.corrupt-/);
    const files = await readdir(dir);
    const aside = files.find((f) => f.startsWith('conversations.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('{ this is not json');
    expect(store.list()).toEqual([]);
  });

  describe('long conversations and the index', () => {
    const file = (id: string) => join(dir, 'conversations', `${id}.jsonl`);
    const messageLine = (m: ChatMessage) => `${JSON.stringify({ type: 'message', message: m })}\n`;

    it('opens at the newest page and pages back to the first, a re-stored message in the place of its first line', async () => {
      const { id } = await open().create('Long');
      let text = '';
      for (let i = 0; i < 1_000; i++) {
        text += messageLine(message(`m${i}`, `message ${i}`));
        // The answer stored again (e.g. its cards changed) right after: the later line's content wins.
        if (i === 500) text += messageLine(message('m500', 'message 500, stored again'));
      }
      await appendFile(file(id), text);
      await open().get(id); // the first open after the lines were written records them

      const store = open();
      const newest = await store.page(id, { limit: 100 });
      expect(newest?.messages.map((m) => m.id)).toEqual(Array.from({ length: 100 }, (_, i) => `m${900 + i}`));
      expect(newest?.olderCount).toBe(900);
      const seen = [...newest!.messages];
      while (true) {
        const older = await store.page(id, { limit: 100, before: seen[0]!.id });
        seen.unshift(...older!.messages);
        expect(older!.olderCount ?? 0).toBe(1_000 - seen.length);
        if (!older!.olderCount) break;
      }
      expect(seen.map((m) => m.id)).toEqual(Array.from({ length: 1_000 }, (_, i) => `m${i}`));
      expect(seen[500]!.content).toBe('message 500, stored again');
      expect((await open().get(id))?.messages).toEqual(seen);
    });

    it('does not rewrite conversations.json when a message is appended, and the list survives a restart', async () => {
      const store = open();
      const older = await store.create('Older');
      const newer = await store.create('Newer');
      const index = join(dir, 'conversations.json');
      const before = await readFile(index, 'utf8');
      const changedAt = (await stat(index)).mtimeMs;
      for (let i = 0; i < 20; i++) await store.append(older.id, message(`m${i}`, `message ${i}`));
      expect(await readFile(index, 'utf8')).toBe(before);
      expect((await stat(index)).mtimeMs).toBe(changedAt);
      const reopened = open();
      expect(reopened.list().map((c) => c.title)).toEqual(['Older', 'Newer']);
      expect(reopened.summary(older.id)).toEqual(store.summary(older.id));
      expect(reopened.summary(newer.id)).toEqual(newer);
    });

    it('takes a title the index missed (a crash between the two writes) from the file, with the messages after it', async () => {
      const { id } = await open().create('Before');
      await open().append(id, message('m1', 'one'));
      await appendFile(
        file(id),
        `${JSON.stringify({ type: 'title', title: 'After' })}\n${messageLine(message('m2', 'two'))}`,
      );
      const reopened = open();
      const page = await reopened.page(id, { limit: 1 });
      expect(page).toMatchObject({ title: 'After', olderCount: 1, messages: [{ id: 'm2' }] });
      expect(
        open()
          .list()
          .map((c) => c.title),
      ).toEqual(['After']);
    });

    it('opens a conversation listed by an index from before the index counted messages', async () => {
      const id = 'c0ffee00-0000-4000-8000-000000000001';
      const summary = {
        id,
        title: 'Old',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      };
      await writeFile(
        join(dir, 'conversations.json'),
        JSON.stringify({ conversations: { [id]: summary }, __internal__: { migrations: { version: '1.0.0' } } }),
      );
      await mkdir(join(dir, 'conversations'));
      await writeFile(file(id), ['a', 'b', 'c'].map((n) => messageLine(message(n, n))).join(''));
      expect(await open().page(id, { limit: 2 })).toMatchObject({
        title: 'Old',
        olderCount: 1,
        messages: [{ id: 'b' }, { id: 'c' }],
      });
    });

    it('skips a torn last line of the journal (a crash mid-write) without a notice', async () => {
      const store = open();
      const { id } = await store.create('Kept');
      await appendFile(join(dir, 'conversations-journal.jsonl'), '{"id":"x","summ');
      const reopened = open();
      expect(reopened.notice).toBeNull();
      expect(reopened.list().map((c) => c.id)).toEqual([id]);
    });

    it('moves a damaged journal aside and says so, keeping the changes it could read', async () => {
      const store = open();
      const { id } = await store.create('First');
      await store.rename(id, 'Renamed');
      const journal = join(dir, 'conversations-journal.jsonl');
      const damaged = (await readFile(journal, 'utf8')).replace('{"id"', 'garbage{"id"');
      await writeFile(journal, damaged);
      const reopened = open();
      expect(reopened.notice).toMatch(
        /conversations-journal\.jsonl had 1 unreadable line.*moved to .*conversations-journal\.corrupt-/,
      );
      const aside = (await readdir(dir)).find((f) => f.startsWith('conversations-journal.corrupt-'));
      expect(await readFile(join(dir, aside!), 'utf8')).toBe(damaged);
      expect(reopened.list().map((c) => c.title)).toEqual(['Renamed']);
    });
  });

  describe('per-conversation settings', () => {
    const fileLines = async (id: string) =>
      (await readFile(join(dir, 'conversations', `${id}.jsonl`), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);

    it('stores a model and custom instructions in the summary, and they survive a restart', async () => {
      const store = open();
      const { id } = await store.create();
      await store.append(id, message('m1', 'hello'));
      const updated = await store.update(id, { model: 'gpt-4.1-mini', systemPrompt: 'Answer in French.' });
      expect(updated).toMatchObject({ id, model: 'gpt-4.1-mini', systemPrompt: 'Answer in French.' });
      expect(store.summary(id)).toEqual(updated);
      const reopened = open();
      expect(reopened.list()).toEqual([updated]);
      expect(await reopened.get(id)).toMatchObject({
        model: 'gpt-4.1-mini',
        systemPrompt: 'Answer in French.',
        messages: [{ id: 'm1' }],
      });
    });

    it('appends one settings line with both resulting values; earlier lines stay as they were', async () => {
      const store = open();
      const { id } = await store.create();
      await store.append(id, message('m1', 'hello'));
      await store.update(id, { model: 'gpt-4o' });
      await store.update(id, { systemPrompt: 'Be brief.' });
      expect(await fileLines(id)).toEqual([
        { type: 'message', message: expect.objectContaining({ id: 'm1' }) },
        { type: 'settings', model: 'gpt-4o', systemPrompt: null },
        { type: 'settings', model: 'gpt-4o', systemPrompt: 'Be brief.' },
      ]);
    });

    it('keeps the field a patch leaves out, clears with null, and treats a blank value as none', async () => {
      const store = open();
      const { id } = await store.create();
      await store.update(id, { model: 'gpt-4o', systemPrompt: 'Be brief.' });
      expect(await store.update(id, { model: null })).toMatchObject({ model: null, systemPrompt: 'Be brief.' });
      expect(await store.update(id, { systemPrompt: '   ' })).toMatchObject({ model: null, systemPrompt: null });
      expect(await store.update(id, { model: '  llama3.1:8b ' })).toMatchObject({ model: 'llama3.1:8b' });
    });

    it('does not move the conversation up the list', async () => {
      const store = open();
      const older = await store.create();
      await new Promise((resolve) => setTimeout(resolve, 5));
      const newer = await store.create();
      await store.update(older.id, { model: 'gpt-4o' });
      expect(store.list().map((c) => c.id)).toEqual([newer.id, older.id]);
    });

    it('takes the file as the truth when the index missed the last change (a crash between the two writes)', async () => {
      const store = open();
      const { id } = await store.create();
      await store.update(id, { model: 'gpt-4o' });
      await appendFile(
        join(dir, 'conversations', `${id}.jsonl`),
        `${JSON.stringify({ type: 'settings', model: 'o3', systemPrompt: 'Think.' })}\n`,
      );
      const reopened = open();
      expect(reopened.summary(id)?.model).toBe('gpt-4o');
      expect(await reopened.get(id)).toMatchObject({ model: 'o3', systemPrompt: 'Think.' });
      expect(reopened.summary(id)).toMatchObject({ model: 'o3', systemPrompt: 'Think.' });
      expect(open().summary(id)).toMatchObject({ model: 'o3', systemPrompt: 'Think.' });
    });

    it('refuses an unknown conversation', async () => {
      await expect(open().update('no-such-id', { model: 'gpt-4o' })).rejects.toThrow('no longer exists');
    });
  });
});
