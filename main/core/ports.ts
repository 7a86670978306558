// The small interfaces core services receive instead of Electron, keytar or the file system
// directly, so the same core runs in Electron, in browser mode and in tests.

/** Where the API key lives. Implementations: keytar (OS keychain), Electron safeStorage file. */
export interface SecretStore {
  readonly kind: 'keychain' | 'encrypted-file';
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** Thrown by a SecretStore when no keychain can be reached; `message` says how to fix it. */
export class SecretStoreUnavailableError extends Error {
  override name = 'SecretStoreUnavailableError';
}

/** The part of conf / electron-store that core uses. */
export interface KeyValueStore<T extends Record<string, unknown>> {
  readonly path: string;
  get<K extends keyof T>(key: K): T[K];
  set<K extends keyof T>(key: K, value: T[K]): void;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
