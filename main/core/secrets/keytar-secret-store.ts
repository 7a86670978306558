// The OS keychain through keytar: macOS Keychain, Windows Credential Manager, and the
// Secret Service (gnome-keyring, KWallet) on Linux. Loaded lazily so a missing native
// module or keychain becomes an explanation instead of a crash.
import { createRequire } from 'node:module';
import { SecretStoreUnavailableError, type SecretStore } from '../ports';

type Keytar = {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
};

const HOW_TO_FIX_LINUX =
  'On Linux Aide needs a Secret Service: install and unlock gnome-keyring (or KWallet) in your desktop session, ' +
  'or set OPENAI_API_KEY in the environment.';

export function explainKeychainError(error: unknown, platform: NodeJS.Platform = process.platform): string {
  const detail = error instanceof Error ? error.message : String(error);
  const fix = platform === 'linux' ? HOW_TO_FIX_LINUX : 'Unlock your system keychain, or set OPENAI_API_KEY in the environment.';
  return `No keychain is reachable (${detail}). ${fix}`;
}

class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain' as const;

  constructor(
    private readonly keytar: Keytar,
    private readonly service: string,
  ) {}

  async get(account: string): Promise<string | null> {
    return this.call(() => this.keytar.getPassword(this.service, account));
  }

  async set(account: string, secret: string): Promise<void> {
    await this.call(() => this.keytar.setPassword(this.service, account, secret));
  }

  async delete(account: string): Promise<boolean> {
    return this.call(() => this.keytar.deletePassword(this.service, account));
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new SecretStoreUnavailableError(explainKeychainError(error));
    }
  }
}

/**
 * Returns a keychain-backed store after one probe read, or the Error explaining why the
 * keychain cannot be used here (no native module, no Secret Service, locked keyring).
 */
export async function createKeytarSecretStore(service: string): Promise<SecretStore | Error> {
  let keytar: Keytar;
  try {
    keytar = createRequire(import.meta.url)('keytar') as Keytar;
  } catch (error) {
    return new SecretStoreUnavailableError(explainKeychainError(error));
  }
  const store = new KeytarSecretStore(keytar, service);
  try {
    await store.get('probe');
    return store;
  } catch (error) {
    return error instanceof Error ? error : new SecretStoreUnavailableError(String(error));
  }
}
