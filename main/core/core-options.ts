// Everything core needs from the outside world, handed in by the edge that starts it.
import type { FiredItem } from '../../common/contract';
import type { KeyValueStore, Logger, SecretStore } from './ports';

/** Shows fired reminders outside the window (native notifications in Electron). */
export interface Notifier {
  show(items: FiredItem[]): void;
}

export interface StoreOptions<T extends Record<string, unknown>> {
  /** File name without `.json`. */
  name: string;
  cwd: string;
  defaults: T;
  /** Version of the app's data layout; conf runs `migrations` up to it. */
  projectVersion: string;
  migrations: Record<string, (store: { get(key: string): unknown; set(key: string, value: unknown): void }) => void>;
}

/** Opens a store; conf in plain Node, electron-store inside Electron (same engine and format). */
export type StoreFactory = <T extends Record<string, unknown>>(options: StoreOptions<T>) => KeyValueStore<T>;

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
  /** Native notifications; the in-app toast (the reminderFired event) is always sent. */
  notifier?: Notifier;
  /** The user's IANA time zone; defaults to the system's. */
  timeZone?: () => string;
}
