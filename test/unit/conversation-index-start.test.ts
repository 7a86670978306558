// At start the conversation list replays the journal the last run left; a long one is folded into
// the snapshot in the background (writing the snapshot at once held the event loop ~60 ms at 1,000
// conversations), a short one is kept until this run's changes make it long. Every change is kept.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ConversationIndex } from '../../main/core/conversations/conversation-index';
import { openConfStore } from '../../main/core/storage/open-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aide-index-start-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const at = '2026-01-01T00:00:00.000Z';
const summary = (id: string, title: string) => ({ id, title, createdAt: at, updatedAt: at });
const journal = () => readFile(join(dir, 'conversations-journal.jsonl'), 'utf8').catch(() => '');
const snapshotTitles = async () => {
  const data = JSON.parse(await readFile(join(dir, 'conversations.json'), 'utf8')) as {
    conversations: Record<string, { title: string }>;
  };
  return Object.values(data.conversations).map((c) => c.title);
};

it("folds the last run's long journal after start, in the background, keeping every change", async () => {
  const first = new ConversationIndex(openConfStore, dir);
  await first.save(summary('a', 'Trip'), { bytes: 10, messages: 1 });
  await first.save(summary('b', 'Taxes'), { bytes: 20, messages: 2 });
  await first.remove('a');
  await first.settled();
  expect((await journal()).trim().split('\n')).toHaveLength(3);

  // Three changes are a long journal for an index that folds every three.
  const second = new ConversationIndex(openConfStore, dir, () => new Date(), 3);
  expect(second.all().map((s) => s.title)).toEqual(['Taxes']);
  // Nothing written while starting: the journal is still whole, the snapshot not yet rewritten.
  expect((await journal()).trim().split('\n')).toHaveLength(3);
  await second.save(summary('c', 'Garden'), { bytes: 5, messages: 1 });
  await second.settled();
  expect(await snapshotTitles()).toEqual(['Taxes']);
  expect((await journal()).trim().split('\n')).toHaveLength(1);

  const third = new ConversationIndex(openConfStore, dir);
  expect(third.notice).toBeNull();
  expect(third.all().map((s) => s.title).sort()).toEqual(['Garden', 'Taxes']);
  await third.settled();
});

it("keeps the last run's short journal at start, rewriting nothing, and folds it once it is long", async () => {
  const first = new ConversationIndex(openConfStore, dir, () => new Date(), 4);
  await first.save(summary('a', 'Trip'), { bytes: 10, messages: 1 });
  await first.save(summary('b', 'Taxes'), { bytes: 20, messages: 2 });
  await first.settled();
  const snapshotBefore = await readFile(join(dir, 'conversations.json'), 'utf8');

  const second = new ConversationIndex(openConfStore, dir, () => new Date(), 4);
  await second.settled();
  expect(second.all().map((s) => s.title).sort()).toEqual(['Taxes', 'Trip']);
  expect(await readFile(join(dir, 'conversations.json'), 'utf8')).toBe(snapshotBefore);
  expect((await journal()).trim().split('\n')).toHaveLength(2);

  // Two more changes make four with the last run's: the journal is folded.
  await second.save(summary('c', 'Garden'), { bytes: 5, messages: 1 });
  await second.remove('a');
  await second.settled();
  expect((await snapshotTitles()).sort()).toEqual(['Garden', 'Taxes']);
  expect(await journal()).toBe('');

  const third = new ConversationIndex(openConfStore, dir);
  expect(third.all().map((s) => s.title).sort()).toEqual(['Garden', 'Taxes']);
  await third.settled();
});
