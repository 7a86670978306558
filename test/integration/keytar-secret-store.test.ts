// Runs against the real Secret Service that scripts/with-keyring.sh starts (gnome-keyring in a
// private D-Bus session), under a service name of its own so no real key is ever touched.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyService } from '../../main/core/secrets/key-service';
import { createKeytarSecretStore } from '../../main/core/secrets/keytar-secret-store';

const service = `AideTest-${randomUUID()}`;

describe('keytar secret store (real keychain)', () => {
  it('saves, reads back and removes a key', async () => {
    const store = await createKeytarSecretStore(service);
    if (store instanceof Error) throw new Error(`no keychain in this test session: ${store.message}`);
    await store.set('openai-api-key', 'sk-test-abcdefgh1234');
    expect(await store.get('openai-api-key')).toBe('sk-test-abcdefgh1234');

    const fresh = await createKeytarSecretStore(service);
    expect(fresh instanceof Error ? null : await fresh.get('openai-api-key')).toBe('sk-test-abcdefgh1234');

    expect(await store.delete('openai-api-key')).toBe(true);
    expect(await store.get('openai-api-key')).toBeNull();
  });

  it('shows the renderer only a masked key with its source and age', async () => {
    const store = await createKeytarSecretStore(service);
    if (store instanceof Error) throw store;
    const keys = new KeyService(store, undefined, () => '2026-11-26T10:00:00.000Z');
    await keys.save('sk-proj-secretvalue9876');
    const status = await keys.status();
    expect(status).toEqual({ present: true, source: 'keychain', masked: 'sk-…9876', savedAt: '2026-11-26T10:00:00.000Z', problem: null });
    expect(JSON.stringify(status)).not.toContain('secretvalue');
    await keys.remove();
    expect((await keys.status()).present).toBe(false);
  });

  it('lets OPENAI_API_KEY win over the keychain and says so', async () => {
    const store = await createKeytarSecretStore(service);
    if (store instanceof Error) throw store;
    const keys = new KeyService(store, 'sk-from-env-00005555', () => null);
    expect(await keys.key()).toBe('sk-from-env-00005555');
    expect(await keys.status()).toMatchObject({ source: 'environment', masked: 'sk-…5555' });
  });
});
