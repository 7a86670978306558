// With no Secret Service to talk to, the app explains what is wrong instead of crashing.
// Vitest runs each file in its own process, so pointing D-Bus nowhere here affects no other test.
import { describe, expect, it } from 'vitest';

describe('keychain missing', () => {
  it('explains how to fix a missing Secret Service', async () => {
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/aide-test-bus';
    delete process.env.DISPLAY;
    const { createKeytarSecretStore } = await import('../../main/core/secrets/keytar-secret-store');
    const store = await createKeytarSecretStore('AideNoKeychain');
    expect(store).toBeInstanceOf(Error);
    expect((store as Error).message).toMatch(/No keychain is reachable/);
    expect((store as Error).message).toMatch(/gnome-keyring/);
    expect((store as Error).message).toMatch(/OPENAI_API_KEY/);
  });
});
