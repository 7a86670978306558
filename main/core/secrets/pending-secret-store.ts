// A secret store that is usable before the keychain has answered its first call: a locked
// keyring's unlock prompt or a slow Secret Service must not hold back every window at start.
// Each call waits a short while for the probe, then says what is pending instead of hanging.
import { SecretStoreUnavailableError, type SecretStore } from '../ports';

export const keychainPendingMessage =
  'The system keychain has not answered yet — it may be waiting for you to unlock it. ' +
  'Aide uses it as soon as it answers; until then your API key cannot be read or saved.';

export function pendingSecretStore(probe: Promise<SecretStore | Error>, options: { waitMs: number }): SecretStore {
  let settled: SecretStore | Error | null = null;
  const ready = probe.then(
    (store) => (settled = store),
    (error: unknown) => (settled = error instanceof Error ? error : new SecretStoreUnavailableError(String(error))),
  );

  const store = async (): Promise<SecretStore> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), options.waitMs);
    });
    const result = settled ?? (await Promise.race([ready, waited]));
    clearTimeout(timer);
    if (result === null) throw new SecretStoreUnavailableError(keychainPendingMessage);
    if (result instanceof SecretStoreUnavailableError) throw result;
    if (result instanceof Error) throw new SecretStoreUnavailableError(result.message);
    return result;
  };

  return {
    get kind() {
      return settled !== null && !(settled instanceof Error) ? settled.kind : 'keychain';
    },
    get: async (account) => (await store()).get(account),
    set: async (account, secret) => (await store()).set(account, secret),
    delete: async (account) => (await store()).delete(account),
  };
}
