import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { SecretStoreUnavailableError } from '../../main/core/ports';
import {
  createSafeStorageSecretStore,
  safeStorageFallback,
  type SafeStorageLike,
} from '../../main/safe-storage-secret-store';

/** Reversible stand-in for OS encryption: enough to tell ciphertext from the secret on disk. */
class FakeSafeStorage implements SafeStorageLike {
  available = true;
  backend = 'gnome_libsecret';
  rotateKeys = false;
  encryptions = 0;
  /** Deprecated in Electron 45 (as is encryptString): Aide must use the async API only. */
  isEncryptionAvailable(): boolean {
    throw new Error('the deprecated synchronous safeStorage API was called');
  }
  encryptString(): Buffer {
    throw new Error('the deprecated synchronous safeStorage API was called');
  }
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.encryptions += 1;
    return Buffer.from(`enc:${[...plainText].reverse().join('')}`);
  }
  async decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    const text = encrypted.toString();
    if (!text.startsWith('enc:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return { result: [...text.slice(4)].reverse().join(''), shouldReEncrypt: this.rotateKeys };
  }
}

const secret = 'sk-test-1234567890abcdef';

describe('safeStorage secret store', () => {
  let dir: string;
  let file: string;
  let safeStorage: FakeSafeStorage;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aide-safe-storage-'));
    file = join(dir, 'api-key.encrypted.json');
    safeStorage = new FakeSafeStorage();
  });

  it('stores the key encrypted in a file only its owner can read', async () => {
    const store = createSafeStorageSecretStore(safeStorage, file);
    expect(store.kind).toBe('encrypted-file');
    await store.set('openai', secret);
    expect(await readFile(file, 'utf8')).not.toContain(secret);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await createSafeStorageSecretStore(safeStorage, file).get('openai')).toBe(secret);
  });

  it('answers null for a missing file or account and deletes only what exists', async () => {
    const store = createSafeStorageSecretStore(safeStorage, file);
    expect(await store.get('openai')).toBeNull();
    expect(await store.delete('openai')).toBe(false);
    await store.set('openai', secret);
    await store.set('other', 'sk-other-secret');
    expect(await store.delete('openai')).toBe(true);
    expect(await store.get('openai')).toBeNull();
    expect(await store.get('other')).toBe('sk-other-secret');
    expect(await store.delete('toString')).toBe(false);
  });

  it('keeps both of two saves made at once', async () => {
    const store = createSafeStorageSecretStore(safeStorage, file);
    await Promise.all([store.set('a', 'sk-aaaaaaaa'), store.set('b', 'sk-bbbbbbbb')]);
    expect(await store.get('a')).toBe('sk-aaaaaaaa');
    expect(await store.get('b')).toBe('sk-bbbbbbbb');
  });

  it('re-encrypts a key when the OS rotated its encryption key', async () => {
    const store = createSafeStorageSecretStore(safeStorage, file);
    await store.set('openai', secret);
    safeStorage.rotateKeys = true;
    expect(await store.get('openai')).toBe(secret);
    expect(safeStorage.encryptions).toBe(2);
  });

  it('explains a damaged file or a key it can no longer decrypt', async () => {
    const store = createSafeStorageSecretStore(safeStorage, file);
    await writeFile(file, '{"version":1,');
    await expect(store.get('openai')).rejects.toBeInstanceOf(SecretStoreUnavailableError);
    await writeFile(
      file,
      JSON.stringify({ version: 1, entries: { openai: Buffer.from('garbage').toString('base64') } }),
    );
    await expect(store.get('openai')).rejects.toThrow('Save the key again');
  });
});

describe('safeStorageFallback', () => {
  const keychainError = new Error('No keychain: install gnome-keyring');
  const fallback = (safeStorage: SafeStorageLike, platform: NodeJS.Platform) =>
    safeStorageFallback({ keychainError, safeStorage, platform, filePath: join(tmpdir(), 'unused.json') });

  it('uses the encrypted file when the OS encrypts for real', async () => {
    const store = await fallback(new FakeSafeStorage(), 'linux');
    expect(store).not.toBeInstanceOf(Error);
  });

  it('passes the keychain error through when encryption is unavailable', async () => {
    const safeStorage = Object.assign(new FakeSafeStorage(), { available: false });
    expect(await fallback(safeStorage, 'win32')).toBe(keychainError);
  });

  it.each(['basic_text', 'unknown'])('refuses Linux backend %s, which does not protect the key', async (backend) => {
    const safeStorage = Object.assign(new FakeSafeStorage(), { backend });
    expect(await fallback(safeStorage, 'linux')).toBe(keychainError);
  });

  it('ignores the Linux backend name elsewhere', async () => {
    const safeStorage = Object.assign(new FakeSafeStorage(), { backend: 'unknown' });
    expect(await fallback(safeStorage, 'darwin')).not.toBeInstanceOf(Error);
  });
});
