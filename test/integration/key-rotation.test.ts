// Replacing and removing the API key, proved against the real keychain (scripts/with-keyring.sh)
// and the local OpenAI-compatible server: a new key is checked before the old one is touched,
// and a removed key is really gone from the keychain.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEY_ACCOUNT } from '../../main/core/secrets/key-service';
import { createKeytarSecretStore } from '../../main/core/secrets/keytar-secret-store';
import { startHarness, type Harness } from '../support/core-harness';
import { DEFAULT_API_KEY } from '../support/fake-openai-server';

const NEW_KEY = 'sk-proj-replacement-key-abcdefgh5678';
const BAD_KEY = 'sk-proj-mistyped-key-zzzzzzzz9999';

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
  const saved = await h.core.handlers.saveKey({ key: DEFAULT_API_KEY });
  expect(saved.ok).toBe(true);
});
afterEach(async () => {
  await h.close();
});

/** What the keychain itself holds, read with keytar directly under the harness's service name. */
async function keychainKey(): Promise<string | null> {
  const store = await createKeytarSecretStore(h.service);
  if (store instanceof Error) throw new Error(`no keychain in this test session: ${store.message}`);
  return store.get(KEY_ACCOUNT);
}

/** Sends one message and returns the Bearer token the server saw for it. */
async function chatOnce(text: string): Promise<string | undefined> {
  const { id } = await h.core.handlers.createConversation();
  const { assistantMessageId } = await h.core.handlers.sendMessage({ conversationId: id, text });
  const done = await h.waitFor('chatDone', (p) => p.message.id === assistantMessageId);
  expect(done.message.status).toBe('complete');
  const request = h.server.requests.filter((r) => r.path === '/v1/chat/completions').at(-1);
  return request?.headers['authorization'];
}

const bearerOf = (path: string) => h.server.requests.filter((r) => r.path === path).map((r) => r.headers['authorization']);

describe('replacing the key in one step', () => {
  it('checks the new key with the server first; a rejected key leaves the old one stored and working', async () => {
    const before = (await h.core.handlers.getSettings()).key;
    const result = await h.core.handlers.saveKey({ key: BAD_KEY });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('auth');
    expect(bearerOf('/v1/models').at(-1)).toBe(`Bearer ${BAD_KEY}`);

    expect(await keychainKey()).toBe(DEFAULT_API_KEY);
    expect((await h.core.handlers.getSettings()).key).toEqual(before);
    expect(await chatOnce('Still there?')).toBe(`Bearer ${DEFAULT_API_KEY}`);
    await h.restart();
    expect(await chatOnce('And after a restart?')).toBe(`Bearer ${DEFAULT_API_KEY}`);
  });

  it('replaces the old key once the server accepted the new one; the old one can then be revoked', async () => {
    const savedBefore = (await h.core.handlers.getSettings()).key.savedAt;
    h.server.validKeys.add(NEW_KEY);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const result = await h.core.handlers.saveKey({ key: NEW_KEY });
    expect(result).toMatchObject({ ok: true, key: { present: true, source: 'keychain', masked: 'sk-…5678' } });
    if (result.ok) expect(result.key.savedAt).not.toBe(savedBefore);
    expect(bearerOf('/v1/models').at(-1)).toBe(`Bearer ${NEW_KEY}`);
    expect(await keychainKey()).toBe(NEW_KEY);

    // The user revokes the old key on the dashboard: Aide no longer needs it.
    h.server.validKeys.delete(DEFAULT_API_KEY);
    expect(await chatOnce('Hello with the new key')).toBe(`Bearer ${NEW_KEY}`);
    await h.restart();
    expect(await chatOnce('And after a restart')).toBe(`Bearer ${NEW_KEY}`);
    expect((await h.core.handlers.getSettings()).key.masked).toBe('sk-…5678');
  });
});

describe('removing the key', () => {
  it('deletes the keychain entry itself, not just the app’s copy', async () => {
    expect(await keychainKey()).toBe(DEFAULT_API_KEY);
    const status = await h.core.handlers.removeKey();
    expect(status).toMatchObject({ present: false, source: 'none', masked: null, savedAt: null });
    expect(await keychainKey()).toBeNull();

    await h.restart();
    expect((await h.core.handlers.getSettings()).key).toMatchObject({ present: false, savedAt: null });
    expect(await keychainKey()).toBeNull();
    // The harness's server is local, where Aide may call without a key: it goes out keyless and is refused.
    const { id } = await h.core.handlers.createConversation();
    await h.core.handlers.sendMessage({ conversationId: id, text: 'What is the capital of France?' });
    const error = await h.waitFor('chatError', (p) => p.conversationId === id);
    expect(error.error.code).toBe('auth');
    expect(bearerOf('/v1/chat/completions').at(-1) ?? '').not.toContain(DEFAULT_API_KEY);
  });
});

describe('the log after replacing and removing keys', () => {
  it('holds neither key nor any Authorization header', async () => {
    await h.core.handlers.saveKey({ key: BAD_KEY });
    h.server.validKeys.add(NEW_KEY);
    await h.core.handlers.saveKey({ key: NEW_KEY });
    await chatOnce('Hello');
    await h.core.handlers.removeKey();
    const logs = join(h.dataDir, 'logs');
    const text = (await Promise.all((await readdir(logs)).map((name) => readFile(join(logs, name), 'utf8')))).join('\n');
    expect(text).toContain('key saved');
    for (const key of [DEFAULT_API_KEY, NEW_KEY, BAD_KEY]) expect(text).not.toContain(key.slice(8));
    expect(text).not.toMatch(/bearer\s+(?!\[redacted\])/i);
  });
});

describe('the rotation reminder through the whole core', () => {
  it('is scheduled when a key is saved, moves with a new key, and goes when the key is removed', async () => {
    const withRotation = await startHarness({ keyRotation: true });
    try {
      const rotation = async () =>
        (await withRotation.core.handlers.listReminders()).filter((r) => r.title === 'Rotate your OpenAI API key');
      expect(await rotation()).toEqual([]);
      expect((await withRotation.core.handlers.saveKey({ key: DEFAULT_API_KEY })).ok).toBe(true);
      const [first] = await rotation();
      const days = (Date.parse(first!.due) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(89);
      expect(days).toBeLessThan(91);

      await withRotation.core.handlers.updateSettings({ keyRotationDays: 30 });
      const [moved] = await rotation();
      expect((Date.parse(moved!.due) - Date.now()) / 86_400_000).toBeLessThan(31);

      await withRotation.core.handlers.removeKey();
      expect(await rotation()).toEqual([]);
    } finally {
      await withRotation.close();
    }
  });
});
