// Everything core needs from the outside world, handed in by the edge that starts it.
import type { KeyValueStore, Logger, SecretStore } from './ports';

export type StoreFactory = <T extends Record<string, unknown>>(options: {
  name: string;
  cwd: string;
  defaults: T;
}) => KeyValueStore<T>;

export interface CoreOptions {
  /** Folder for settings, conversations and logs (AIDE_DATA_DIR or the platform default). */
  dataDir: string;
  /** Only the variables core reads: OPENAI_API_KEY, OPENAI_BASE_URL. */
  env: { OPENAI_API_KEY?: string | undefined; OPENAI_BASE_URL?: string | undefined };
  /** The keychain, or an Error explaining why none can be reached. */
  secretStore: SecretStore | Error;
  logger: Logger;
  /** conf in plain Node, electron-store inside Electron; defaults to conf. */
  openStore?: StoreFactory;
}
