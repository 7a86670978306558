// The user's settings (base URL, model, limits, budget) and the key's metadata, in settings.json.
// The key itself lives in the SecretStore; only when it was saved is kept here.
import { z } from 'zod';
import { Budget, RateLimits } from '../../common/contract';
import type { StoreFactory } from './core-options';
import { openCheckedStore } from './storage/open-store';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_MODEL = 'gpt-4o-mini';
export const DEFAULT_SHORTCUT = 'CommandOrControl+Shift+Space';
/** Fits OpenAI's usage tier 1 for the mini models (500 RPM, 200,000 TPM), so the API's own limits are rarely hit. */
export const DEFAULT_LIMITS = { requestsPerMinute: 500, tokensPerMinute: 200_000 };
export const DEFAULT_BUDGET = { monthlyUsd: null, warnAt: 0.8, hardStop: false };
export const DEFAULT_KEY_ROTATION_DAYS = 90;

const SettingsFile = z.object({
  /** null: use OPENAI_BASE_URL or OpenAI's. */
  baseUrl: z.string().nullable(),
  model: z.string().min(1),
  keySavedAt: z.string().nullable(),
  lastConversationId: z.string().nullable(),
  shortcut: z.string().min(1),
  runInBackground: z.boolean(),
  startAtLogin: z.boolean(),
  remindersPausedUntil: z.string().nullable(),
  limits: RateLimits,
  budget: Budget,
  keyRotationDays: z.number().int().positive().nullable(),
});
type SettingsFile = z.output<typeof SettingsFile>;

const defaults: SettingsFile = {
  baseUrl: null,
  model: DEFAULT_MODEL,
  keySavedAt: null,
  lastConversationId: null,
  shortcut: DEFAULT_SHORTCUT,
  runInBackground: true,
  startAtLogin: false,
  remindersPausedUntil: null,
  limits: DEFAULT_LIMITS,
  budget: DEFAULT_BUDGET,
  keyRotationDays: DEFAULT_KEY_ROTATION_DAYS,
};

/** Each step brings an older settings.json up to its version. */
const migrations = {
  // 1.1.0 added the desktop settings (tray, shortcut, login item) and the reminders pause.
  '1.1.0': (store: { get(key: string): unknown; set(key: string, value: unknown): void }) => {
    for (const key of ['shortcut', 'runInBackground', 'startAtLogin', 'remindersPausedUntil'] as const) {
      if (store.get(key) === undefined) store.set(key, defaults[key]);
    }
  },
  // 1.2.0 added the client-side rate limits, the monthly budget and the key rotation interval.
  '1.2.0': (store: { get(key: string): unknown; set(key: string, value: unknown): void }) => {
    for (const key of ['limits', 'budget', 'keyRotationDays'] as const) {
      if (store.get(key) === undefined) store.set(key, defaults[key]);
    }
  },
};

export class SettingsService {
  /** Writes the whole file at once (conf would read it before every single-key set). */
  private readonly write: (data: SettingsFile) => void;
  private cache: SettingsFile;
  readonly notice: string | null;

  constructor(
    openStore: StoreFactory,
    dataDir: string,
    private readonly envBaseUrl: string | undefined,
  ) {
    const opened = openCheckedStore(
      openStore,
      { name: 'settings', cwd: dataDir, defaults, projectVersion: '1.2.0', migrations },
      SettingsFile,
    );
    this.write = opened.write;
    this.notice = opened.notice;
    // The file is read once, here; only this service writes it, so the cache stays true.
    this.cache = { ...defaults, ...opened.data };
  }

  get baseUrl(): string {
    return this.cache.baseUrl ?? (this.envBaseUrl?.trim() || OPENAI_BASE_URL);
  }

  get model(): string {
    return this.cache.model;
  }

  get keySavedAt(): string | null {
    return this.cache.keySavedAt;
  }

  get lastConversationId(): string | null {
    return this.cache.lastConversationId;
  }

  get desktop(): Pick<SettingsFile, 'shortcut' | 'runInBackground' | 'startAtLogin'> {
    const { shortcut, runInBackground, startAtLogin } = this.cache;
    return { shortcut, runInBackground, startAtLogin };
  }

  get remindersPausedUntil(): string | null {
    return this.cache.remindersPausedUntil;
  }

  get limits(): SettingsFile['limits'] {
    return this.cache.limits;
  }

  get budget(): SettingsFile['budget'] {
    return this.cache.budget;
  }

  /** Days after which to remind the user to rotate the key; null when turned off. */
  get keyRotationDays(): number | null {
    return this.cache.keyRotationDays;
  }

  update(patch: Partial<SettingsFile>): void {
    let changed = false;
    for (const [key, value] of Object.entries(patch) as [keyof SettingsFile, SettingsFile[keyof SettingsFile]][]) {
      if (value === undefined || this.cache[key] === value) continue;
      Object.assign(this.cache, { [key]: value });
      changed = true;
    }
    if (changed) this.write({ ...this.cache });
  }
}
