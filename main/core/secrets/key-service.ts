// The API key's life: where it comes from (environment beats keychain), what the renderer may
// see of it (masked), and saving only after the server accepted it.
import type { KeyStatus } from '../../../common/contract';
import { SecretStoreUnavailableError, type SecretStore } from '../ports';
import { maskKey } from '../redact';

export const KEY_ACCOUNT = 'openai-api-key';

export class KeyService {
  private cached: string | null | undefined;

  constructor(
    private readonly secrets: SecretStore | Error,
    private readonly envKey: string | undefined,
    private readonly savedAt: () => string | null,
  ) {}

  /** The key to call the API with, or null. Never leaves main. */
  async key(): Promise<string | null> {
    if (this.envKey?.trim()) return this.envKey.trim();
    if (this.secrets instanceof Error) return null;
    if (this.cached === undefined) this.cached = await this.secrets.get(KEY_ACCOUNT);
    return this.cached;
  }

  async status(): Promise<KeyStatus> {
    if (this.envKey?.trim()) {
      return { present: true, source: 'environment', masked: maskKey(this.envKey), savedAt: null, problem: null };
    }
    if (this.secrets instanceof Error) {
      return { present: false, source: 'none', masked: null, savedAt: null, problem: this.secrets.message };
    }
    let key: string | null;
    try {
      key = await this.key();
    } catch (error) {
      const problem = error instanceof SecretStoreUnavailableError ? error.message : String(error);
      return { present: false, source: 'none', masked: null, savedAt: null, problem };
    }
    if (!key) return { present: false, source: 'none', masked: null, savedAt: null, problem: null };
    return { present: true, source: this.secrets.kind, masked: maskKey(key), savedAt: this.savedAt(), problem: null };
  }

  /** Stores an already validated key; throws SecretStoreUnavailableError with the fix when it cannot. */
  async save(key: string): Promise<void> {
    if (this.secrets instanceof Error) throw this.secrets;
    await this.secrets.set(KEY_ACCOUNT, key);
    this.cached = key;
  }

  async remove(): Promise<void> {
    if (this.secrets instanceof Error) return;
    await this.secrets.delete(KEY_ACCOUNT);
    this.cached = null;
  }

  get fromEnvironment(): boolean {
    return Boolean(this.envKey?.trim());
  }
}
