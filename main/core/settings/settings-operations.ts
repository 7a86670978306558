// Keys and settings: what Settings shows, saving a key only after the server accepted it, the
// model list, pausing notifications, and the notices the app opens with.
import type { Settings, UserError } from '../../../common/contract';
import { createClient, isOpenAIHost } from '../chat/openai-client';
import { classifyError } from '../chat/user-errors';
import type { DesktopShell } from '../core-options';
import type { Handlers } from '../core-types';
import type { Emit } from '../event-bus';
import { errorFields } from '../logger';
import { SecretStoreUnavailableError, type Clock, type Logger } from '../ports';
import { rememberSecret } from '../redact';
import type { NotificationPause } from '../reminders/notification-pause';
import type { KeyService } from '../secrets/key-service';
import type { SettingsService } from '../settings-service';
import type { RateLimiter } from '../usage/rate-limiter';
import type { UsageService } from '../usage/usage-service';

export interface SettingsFeature {
  settings: SettingsService;
  keys: KeyService;
  pause: NotificationPause;
  limiter: RateLimiter;
  usage: UsageService;
  desktop: DesktopShell | undefined;
  /** Keeps the "Rotate your OpenAI API key" reminder in line with the key's age. */
  syncKeyRotation(): void;
  /** Notices found at start (a store moved aside). */
  notices: readonly string[];
  clock: Clock;
  logger: Logger;
  emit: Emit;
  fetch: typeof fetch | undefined;
}

const fromEnvironment: UserError = {
  code: 'keychain',
  message: 'The key comes from the OPENAI_API_KEY environment variable; unset it to use a saved key.',
  retryable: false,
};

export function settingsOperations(feature: SettingsFeature) {
  const { settings, keys, desktop, logger, emit } = feature;
  let shortcutProblem = desktop?.apply(settings.desktop) ?? null;

  const client = (apiKey: string | null) =>
    createClient({ baseUrl: settings.baseUrl, apiKey, maxRetries: 1, fetch: feature.fetch });
  const userError = (error: unknown): UserError => {
    const { code, message, retryable } = classifyError(error, { model: settings.model, baseUrl: settings.baseUrl });
    return { code, message, retryable };
  };

  const current = async (): Promise<Settings> => ({
    baseUrl: settings.baseUrl,
    model: settings.model,
    key: await keys.status(),
    desktop: {
      available: desktop !== undefined,
      ...settings.desktop,
      shortcutProblem,
      shortcutNote: desktop?.shortcutNote ?? null,
    },
    remindersPausedUntil: feature.pause.pausedUntil(),
    limits: settings.limits,
    budget: settings.budget,
    keyRotationDays: settings.keyRotationDays,
  });
  const changed = async (): Promise<Settings> => {
    const next = await current();
    emit('settingsChanged', next);
    return next;
  };

  return {
    getSettings: current,
    async updateSettings(patch) {
      const before = JSON.stringify(settings.desktop);
      settings.update(patch);
      if (patch.keyRotationDays !== undefined) feature.syncKeyRotation();
      if (patch.limits) feature.limiter.changed();
      if (patch.budget) feature.usage.changed();
      if (desktop && JSON.stringify(settings.desktop) !== before) shortcutProblem = desktop.apply(settings.desktop);
      return changed();
    },
    async saveKey({ key }) {
      // Before anything can log it, even a key the server is about to reject.
      rememberSecret(key);
      if (keys.fromEnvironment) return { ok: false, error: fromEnvironment };
      try {
        // A cheap authenticated call: a key the server rejects is never stored.
        await client(key).models.list();
      } catch (error) {
        return { ok: false, error: userError(error) };
      }
      try {
        await keys.save(key);
      } catch (error) {
        const message =
          error instanceof SecretStoreUnavailableError ? error.message : 'The key could not be stored in the keychain.';
        logger.error('saving the key failed', errorFields(error));
        return { ok: false, error: { code: 'keychain', message, retryable: true } };
      }
      settings.update({ keySavedAt: feature.clock.now().toISOString() });
      feature.syncKeyRotation();
      logger.info('key saved');
      return { ok: true, key: (await changed()).key };
    },
    async removeKey() {
      await keys.remove();
      settings.update({ keySavedAt: null });
      feature.syncKeyRotation();
      logger.info('key removed');
      return (await changed()).key;
    },
    async listModels() {
      const key = await keys.key();
      if (!key && isOpenAIHost(settings.baseUrl)) {
        return {
          ok: false,
          error: { code: 'no_key', message: 'Add an API key first to load the list of models.', retryable: false },
        };
      }
      try {
        const ids: string[] = [];
        for await (const model of client(key).models.list()) ids.push(model.id);
        return { ok: true, models: ids.sort() };
      } catch (error) {
        return { ok: false, error: userError(error) };
      }
    },
    /** Holds notifications for `minutes` (0 resumes); what fires meanwhile arrives as one group after. */
    async pauseReminders({ minutes }) {
      const until = minutes === 0 ? null : new Date(feature.clock.now().getTime() + minutes * 60_000).toISOString();
      settings.update({ remindersPausedUntil: until });
      feature.pause.until(until);
      return changed();
    },
    // The key's problem, not the store's: the desktop hands in a keychain that may still be
    // starting (pendingSecretStore), whose failure shows only once it answers.
    async getNotices() {
      const { problem } = await keys.status();
      return problem === null ? [...feature.notices] : [...feature.notices, problem];
    },
  } satisfies Partial<Handlers>;
}
