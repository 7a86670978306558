// The conversation list as the real start opens it (issue 16: its files are read without holding
// the event loop, then opened in a turn of their own): what the last run left is all there after a
// restart, and a damaged file is moved aside with a sentence for the user, never wiped.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCore } from '../../main/core/create-core';
import type { Core } from '../../main/core/core-types';
import type { Clock } from '../../main/core/ports';
import { noKeychain, quiet } from '../support/quiet-core';


let dataDir: string;
const running: Core[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'aide-list-start-'));
});
afterEach(async () => {
  for (const core of running.splice(0)) await core.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

async function start(clock?: Clock): Promise<Core> {
  const core = await createCore({
    dataDir,
    clock,
    env: { OPENAI_API_KEY: 'sk-list-start-not-used', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
    secretStore: noKeychain,
    logger: quiet,
    timeZone: () => 'UTC',
  });
  running.push(core);
  return core;
}

async function stop(core: Core): Promise<void> {
  running.splice(running.indexOf(core), 1);
  await core.dispose();
}

const titles = async (core: Core) => (await core.handlers.listConversations()).map((c) => c.title).sort();
const userNotices = async (core: Core) =>
  (await core.handlers.getNotices()).filter((notice) => !notice.includes('keychain'));

it('shows after a restart every conversation made, renamed and deleted in the last run', async () => {
  const first = await start();
  const trip = await first.handlers.createConversation();
  const taxes = await first.handlers.createConversation();
  const gone = await first.handlers.createConversation();
  await first.handlers.renameConversation({ id: trip.id, title: 'Trip to Lisbon' });
  await first.handlers.renameConversation({ id: taxes.id, title: 'Taxes 2026' });
  await first.handlers.deleteConversation({ id: gone.id });
  await stop(first);

  const second = await start();
  expect(await titles(second)).toEqual(['Taxes 2026', 'Trip to Lisbon']);
  expect(await userNotices(second)).toEqual([]);
});

it('lists the conversations newest first, also after a restart (a rename does not move one)', async () => {
  // A clock a second further on at each reading, so no two conversations share a time.
  let at = Date.parse('2026-05-01T08:00:00Z');
  const clock: Clock = { now: () => new Date((at += 1_000)) };
  const first = await start(clock);
  const a = await first.handlers.createConversation();
  const b = await first.handlers.createConversation();
  const c = await first.handlers.createConversation();
  await first.handlers.renameConversation({ id: b.id, title: 'Bees' });
  await first.handlers.renameConversation({ id: a.id, title: 'Apples' });
  expect((await first.handlers.listConversations()).map((s) => s.id)).toEqual([c.id, b.id, a.id]);
  await stop(first);
  const second = await start(clock);
  expect((await second.handlers.listConversations()).map((s) => s.title)).toEqual(['New chat', 'Bees', 'Apples']);
});

it('moves a damaged conversation list aside, says so, and starts', async () => {
  await writeFile(join(dataDir, 'conversations.json'), '{ "conversations": { half a file');
  const core = await start();
  const notices = await userNotices(core);
  expect(notices).toEqual([expect.stringMatching(/conversations\.json could not be read.*moved to/)]);
  const aside = (await readdir(dataDir)).find((f) => f.startsWith('conversations.corrupt-'));
  expect(await readFile(join(dataDir, aside!), 'utf8')).toBe('{ "conversations": { half a file');
  expect(await core.handlers.listConversations()).toEqual([]);
  const made = await core.handlers.createConversation();
  expect((await core.handlers.listConversations()).map((c) => c.id)).toEqual([made.id]);
});

it('moves aside a conversation list that reads as JSON but holds no conversation list, and starts', async () => {
  const wrong = '{"__internal__":{"migrations":{"version":"1.0.0"}},"conversations":{"c1":{"title":42}},"files":{}}';
  await writeFile(join(dataDir, 'conversations.json'), wrong);
  const core = await start();
  expect(await userNotices(core)).toEqual([expect.stringMatching(/conversations\.json could not be read.*moved to/)]);
  const aside = (await readdir(dataDir)).find((f) => f.startsWith('conversations.corrupt-'));
  expect(await readFile(join(dataDir, aside!), 'utf8')).toBe(wrong);
  expect(await core.handlers.listConversations()).toEqual([]);
});

it('keeps the readable changes of a damaged journal, moves it aside and says so', async () => {
  const first = await start();
  const { id } = await first.handlers.createConversation();
  await first.handlers.renameConversation({ id, title: 'Garden plans' });
  await stop(first);
  const journal = join(dataDir, 'conversations-journal.jsonl');
  const lines = (await readFile(journal, 'utf8')).trim().split('\n');
  // The first line (the creation) damaged; the rename after it still carries the whole summary.
  const damaged = `garbage${lines.join('\n')}\n`;
  await writeFile(journal, damaged);

  const second = await start();
  expect(await userNotices(second)).toEqual([
    expect.stringMatching(/conversations-journal\.jsonl had 1 unreadable line.*moved to/),
  ]);
  expect(await titles(second)).toEqual(['Garden plans']);
  const aside = (await readdir(dataDir)).find((f) => f.startsWith('conversations-journal.corrupt-'));
  expect(await readFile(join(dataDir, aside!), 'utf8')).toBe(damaged);
});
