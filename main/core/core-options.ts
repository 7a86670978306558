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
  /**
   * Left out (by openCheckedStore) when the file is already at projectVersion: conf's migration
   * pass has nothing to do then but reads and deep-clones the whole file.
   */
  migrations?:
    Record<string, (store: { get(key: string): unknown; set(key: string, value: unknown): void }) => void> | undefined;
  /** How the file's text is written; conf's default is JSON indented with tabs. Must stay JSON. */
  serialize?: ((value: Record<string, unknown>) => string) | undefined;
  /** How the file's text is read; conf's default is JSON.parse. */
  deserialize?: ((text: string) => Record<string, unknown>) | undefined;
}

/** Opens a store; conf in plain Node, electron-store inside Electron (same engine and format). */
export type StoreFactory = <T extends Record<string, unknown>>(options: StoreOptions<T>) => KeyValueStore<T>;

/** The desktop shell around core (Electron); absent in browser mode. */
export interface DesktopShell {
  showMainWindow(): void;
  showQuickAsk(): void;
  hideQuickAsk(): void;
  /**
   * A caveat that holds even when the shortcut registered (Wayland: the desktop decides whether
   * it is delivered), or null.
   */
  readonly shortcutNote: string | null;
  /** Applies the shortcut and login item; returns why the shortcut could not be registered, or null. */
  apply(settings: { shortcut: string; runInBackground: boolean; startAtLogin: boolean }): string | null;
}

export interface CoreOptions {
  /** Folder for settings, conversations and logs (AIDE_DATA_DIR or the platform default). */
  dataDir: string;
  /** Only the variables core reads: OPENAI_API_KEY, OPENAI_BASE_URL, AIDE_CALDAV_URL/USER/PASSWORD. */
  env: {
    OPENAI_API_KEY?: string | undefined;
    OPENAI_BASE_URL?: string | undefined;
    AIDE_CALDAV_URL?: string | undefined;
    AIDE_CALDAV_USER?: string | undefined;
    AIDE_CALDAV_PASSWORD?: string | undefined;
  };
  /** The keychain, or an Error explaining why none can be reached. */
  secretStore: SecretStore | Error;
  logger: Logger;
  /** conf in plain Node, electron-store inside Electron; defaults to conf. */
  openStore?: StoreFactory;
  /** Native notifications; the in-app toast (the reminderFired event) is always sent. */
  notifier?: Notifier;
  /** The desktop shell (tray, shortcut, windows); absent in browser mode. */
  desktop?: DesktopShell;
  /**
   * How model requests reach the network: Electron's net.fetch in the desktop app (system proxy,
   * OS certificates), a proxy-aware fetch in browser mode; Node's global fetch when absent.
   */
  fetch?: typeof fetch;
  /**
   * Check every response against the contract (a drifting handler fails loudly). On by default
   * (development, tests); the packaged app turns it off.
   */
  checkResponses?: boolean;
  /** The user's IANA time zone; defaults to the system's. */
  timeZone?: () => string;
}
