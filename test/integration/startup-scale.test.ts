// Start-up at scale (issue 7): the core starts on a data folder with 10,000 reminders and 1,000
// conversations without reading the conversation files. The folder is filled through the real
// stores, a core starts and stops on it, and then every conversation file is replaced by a
// directory of the same name, so that any read of one fails (EISDIR), for root too (chmod 000
// would not stop root). A core that read every file at start would throw, log an error or lose
// titles; this one must start, list all 1,000 conversations with their titles from the index and
// all 10,000 reminders, and fail only when a conversation is opened. Nothing here is timed.
//
// A start that read the files and swallowed the errors silently would pass all that, so the core's
// `node:fs` and `node:fs/promises` are also watched: no call may name a conversation file between
// the start and the listing, and opening one conversation must show up as a call on its file (so
// the watch is known to see the core's reads).
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../main/core/create-core';
import type { Core } from '../../main/core/core-types';
import {
  CONVERSATIONS,
  REMINDERS,
  conversationTitle,
  fillLargeDataFolder,
  reminderTitle,
} from '../support/large-data-folder';
import { noKeychain } from '../support/quiet-core';

const watch = vi.hoisted(() => {
  /** Every fs call (by the code under test) whose first argument is a conversation file. */
  const touched: string[] = [];
  const record = (path: unknown) => {
    const text =
      typeof path === 'string'
        ? path
        : path instanceof URL
          ? path.pathname
          : Buffer.isBuffer(path)
            ? path.toString()
            : null;
    if (text !== null && /[\\/]conversations[\\/][^\\/]+\.jsonl$/.test(text)) touched.push(text);
  };
  /** The module with each of its functions (not classes) recording its first argument. */
  const watched = (module: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(module).map(([name, value]) => [
        name,
        typeof value === 'function' && !/^[A-Z]/.test(name)
          ? (...args: unknown[]) => {
              record(args[0]);
              return (value as (...a: unknown[]) => unknown).apply(module, args);
            }
          : value,
      ]),
    );
  return { touched, watched };
});
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<Record<string, unknown>>();
  const promises = watch.watched(fs.promises as Record<string, unknown>);
  return { ...watch.watched(fs), promises, default: { ...watch.watched(fs), promises } };
});
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<Record<string, unknown>>();
  return { ...watch.watched(fs), default: watch.watched(fs) };
});

const timeZone = () => 'Europe/Berlin';

/** What the core logged above info level: a start that read the files and caught the errors would log them. */
interface Logged {
  level: 'warn' | 'error';
  message: string;
  fields?: unknown;
}

async function startCore(dataDir: string, logged: Logged[]): Promise<Core> {
  return createCore({
    dataDir,
    env: { OPENAI_API_KEY: 'sk-startup-scale-not-used', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
    secretStore: noKeychain,
    logger: {
      info: () => {},
      warn: (message, fields) => logged.push({ level: 'warn', message, fields }),
      error: (message, fields) => logged.push({ level: 'error', message, fields }),
    },
    timeZone,
  });
}

/** 1,000 conversations of one message each and 10,000 reminders, through the real stores. */

describe('start-up with 10,000 reminders and 1,000 conversations', () => {
  let dataDir: string;
  let ids: string[];
  let core: Core | null = null;
  const logged: Logged[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'aide-startup-scale-'));
    ids = await fillLargeDataFolder(dataDir, timeZone);

    // A first start on the filled folder, with the files intact: everything is there.
    const first = await startCore(dataDir, []);
    expect(await first.handlers.listConversations()).toHaveLength(CONVERSATIONS);
    expect((await first.handlers.getConversation({ id: ids[0]! }))?.messages).toHaveLength(1);
    await first.dispose();

    // Every conversation file becomes unreadable: a directory where the file was.
    const folder = join(dataDir, 'conversations');
    const files = (await readdir(folder)).filter((name) => name.endsWith('.jsonl'));
    expect(files).toHaveLength(CONVERSATIONS);
    for (const name of files) {
      await rm(join(folder, name));
      await mkdir(join(folder, name));
    }

    watch.touched.length = 0;
    core = await startCore(dataDir, logged);
  }, 60_000);

  afterAll(async () => {
    await core?.dispose();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('starts without errors or notices', async () => {
    expect(core).not.toBeNull();
    expect(watch.touched, 'conversation files the start touched').toEqual([]);
    expect(logged).toEqual([]);
    expect(await core!.handlers.getNotices()).toEqual([]);
  });

  it('lists all 1,000 conversations with their titles, from the index', async () => {
    const list = await core!.handlers.listConversations();
    expect(list).toHaveLength(CONVERSATIONS);
    expect(new Set(list.map((c) => c.id))).toEqual(new Set(ids));
    expect(new Set(list.map((c) => c.title))).toEqual(new Set(ids.map((_, i) => conversationTitle(i))));
  });

  it('lists all 10,000 reminders', async () => {
    const reminders = await core!.handlers.listReminders();
    expect(reminders).toHaveLength(REMINDERS);
    expect(new Set(reminders.map((r) => r.title))).toEqual(
      new Set(Array.from({ length: REMINDERS }, (_, i) => reminderTitle(i))),
    );
  });

  it('reads a conversation file only when that conversation is opened', async () => {
    // Neither start nor the listings above touched a conversation file.
    expect(watch.touched, 'conversation files touched before one was opened').toEqual([]);
    // The file really is unreadable: opening it fails, and says why.
    await expect(core!.handlers.getConversation({ id: ids[500]! })).rejects.toThrow(/EISDIR|directory/);
    // The watch sees the core's reads: that one file, and no other.
    expect(watch.touched.length).toBeGreaterThan(0);
    expect(new Set(watch.touched)).toEqual(new Set([join(dataDir, 'conversations', `${ids[500]!}.jsonl`)]));
    // The failure stays with that conversation: the list is still whole.
    expect(await core!.handlers.listConversations()).toHaveLength(CONVERSATIONS);
  });
});
