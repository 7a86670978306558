// The API key encrypted with Electron's safeStorage in a 0600 file in the data folder: the
// fallback when keytar finds no keychain but the OS still offers real encryption.
import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile, unlink } from 'node:fs/promises';
import { z } from 'zod';
import { SecretStoreUnavailableError, type SecretStore } from './core/ports';

/** Only the async API: Electron 45 deprecates the synchronous encryptString and isEncryptionAvailable. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  getSelectedStorageBackend(): string;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

const SecretFile = z.object({ version: z.literal(1), entries: z.record(z.string(), z.string()) });
type SecretFile = z.infer<typeof SecretFile>;

/**
 * The keychain's Error when safeStorage cannot protect the key either: Linux's `basic_text`
 * backend (and `unknown`, when it cannot tell) encrypts with a hard-coded password.
 */
export async function safeStorageFallback(options: {
  keychainError: Error;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  filePath: string;
}): Promise<SecretStore | Error> {
  const { safeStorage, platform } = options;
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return options.keychainError;
  if (platform === 'linux' && ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend())) {
    return options.keychainError;
  }
  return createSafeStorageSecretStore(safeStorage, options.filePath);
}

export function createSafeStorageSecretStore(safeStorage: SafeStorageLike, filePath: string): SecretStore {
  // Writes go one after another so two quick saves cannot interleave their read-modify-write.
  let writes: Promise<unknown> = Promise.resolve();
  const serialized = <T>(change: () => Promise<T>): Promise<T> => {
    const next = writes.then(change, change);
    writes = next.catch(() => undefined);
    return next;
  };

  const load = async (): Promise<SecretFile> => {
    let text: string;
    try {
      text = await readFile(filePath, 'utf8');
    } catch (error) {
      if (isNotFound(error)) return { version: 1, entries: {} };
      throw error;
    }
    const parsed = SecretFile.safeParse(parseJson(text));
    if (!parsed.success) {
      throw new SecretStoreUnavailableError(
        `The encrypted key file ${filePath} is damaged. Delete it and save the key again.`,
      );
    }
    return parsed.data;
  };

  const save = async (file: SecretFile): Promise<void> => {
    const temporary = `${filePath}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify(file), { mode: 0o600 });
    await rename(temporary, filePath).catch(async (error: unknown) => {
      await unlink(temporary).catch(() => undefined);
      throw error;
    });
  };

  const encrypt = async (secret: string): Promise<string> =>
    (await safeStorage.encryptStringAsync(secret)).toString('base64');

  const store: SecretStore = {
    kind: 'encrypted-file',
    async get(account) {
      const encrypted = (await load()).entries[account];
      if (encrypted === undefined) return null;
      let decrypted: { result: string; shouldReEncrypt: boolean };
      try {
        decrypted = await safeStorage.decryptStringAsync(Buffer.from(encrypted, 'base64'));
      } catch {
        throw new SecretStoreUnavailableError(
          'The saved key can no longer be decrypted (the system key store changed). Save the key again.',
        );
      }
      if (decrypted.shouldReEncrypt) await store.set(account, decrypted.result);
      return decrypted.result;
    },
    set(account, secret) {
      return serialized(async () => {
        const file = await load();
        file.entries[account] = await encrypt(secret);
        await save(file);
      });
    },
    delete(account) {
      return serialized(async () => {
        const file = await load();
        if (!Object.hasOwn(file.entries, account)) return false;
        delete file.entries[account];
        await save(file);
        return true;
      });
    },
  };
  return store;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
