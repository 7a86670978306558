// A keychain that answers late (a locked keyring's unlock prompt, a slow Secret Service) no longer
// holds back the app: core starts at once, Settings says what is pending, and once the real
// keychain answers the key is read and saved as usual.
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/create-core';
import type { Core } from '../../main/core/core-types';
import { createFileLogger } from '../../main/core/logger';
import type { SecretStore } from '../../main/core/ports';
import { createKeytarSecretStore } from '../../main/core/secrets/keytar-secret-store';
import { pendingSecretStore } from '../../main/core/secrets/pending-secret-store';
import { DEFAULT_API_KEY, startFakeOpenAIServer, type FakeOpenAIServer } from '../support/fake-openai-server';

let server: FakeOpenAIServer | null = null;
let core: Core | null = null;
afterEach(async () => {
  await core?.dispose();
  await server?.close();
  core = null;
  server = null;
});

async function startCore(secretStore: SecretStore): Promise<Core> {
  server = await startFakeOpenAIServer();
  const dataDir = await mkdtemp(join(tmpdir(), 'aide-pending-keychain-'));
  core = await createCore({ dataDir, env: { OPENAI_BASE_URL: server.url }, secretStore, logger: createFileLogger(dataDir) });
  await core.handlers.updateSettings({ keyRotationDays: null });
  return core;
}

describe('a keychain that answers late', () => {
  it('lets core start, says the keychain is pending, and uses the real keychain once it answers', async () => {
    let answer: (store: SecretStore | Error) => void = () => undefined;
    const probe = new Promise<SecretStore | Error>((resolve) => (answer = resolve));
    const started = Date.now();
    const core = await startCore(pendingSecretStore(probe, { waitMs: 200 }));
    expect(Date.now() - started).toBeLessThan(5_000);

    const waiting = (await core.handlers.getSettings()).key;
    expect(waiting).toMatchObject({ present: false, problem: expect.stringContaining('has not answered yet') });
    expect(await core.handlers.getNotices()).toEqual([expect.stringContaining('unlock it')]);

    const keychain = await createKeytarSecretStore(`AideTest-${randomUUID()}`);
    if (keychain instanceof Error) throw keychain;
    answer(keychain);
    const saved = await core.handlers.saveKey({ key: DEFAULT_API_KEY });
    expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
    expect(await keychain.get('openai-api-key')).toBe(DEFAULT_API_KEY);
    expect((await core.handlers.getSettings()).key).toMatchObject({ present: true, source: 'keychain', masked: 'sk-…0001', problem: null });
    expect(await core.handlers.getNotices()).toEqual([]);
    await keychain.delete('openai-api-key');
  });

  it('explains a keychain that turned out to be missing, as before', async () => {
    const core = await startCore(pendingSecretStore(Promise.resolve(new Error('No Secret Service on the bus')), { waitMs: 200 }));
    expect((await core.handlers.getSettings()).key).toMatchObject({ present: false, problem: 'No Secret Service on the bus' });
    expect(await core.handlers.saveKey({ key: DEFAULT_API_KEY })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('No Secret Service on the bus') },
    });
  });
});
