// The API key: saved only after the server accepted it, removed, and used to list the models.
import type { UserError } from '../../../common/contract';
import { createClient, isOpenAIHost } from '../chat/openai-client';
import { classifyError } from '../chat/user-errors';
import type { Handlers } from '../core-types';
import { errorFields } from '../logger';
import { SecretStoreUnavailableError, type Clock, type Logger } from '../ports';
import { rememberSecret } from '../redact';
import type { KeyService } from '../secrets/key-service';
import type { SettingsService } from '../settings-service';
import type { SettingsView } from './settings-view';

export interface KeysFeature {
  settings: SettingsService;
  keys: KeyService;
  view: SettingsView;
  /** Keeps the "Rotate your OpenAI API key" reminder in line with the key's age. */
  syncKeyRotation(): void;
  clock: Clock;
  logger: Logger;
  fetch: typeof fetch | undefined;
}

const fromEnvironment: UserError = {
  code: 'keychain',
  message: 'The key comes from the OPENAI_API_KEY environment variable; unset it to use a saved key.',
  retryable: false,
};

export function keyOperations(feature: KeysFeature) {
  const { settings, keys, view, logger } = feature;
  const client = (apiKey: string | null) =>
    createClient({ baseUrl: settings.baseUrl, apiKey, maxRetries: 1, fetch: feature.fetch });
  const userError = (error: unknown): UserError => {
    const { code, message, retryable } = classifyError(error, { model: settings.model, baseUrl: settings.baseUrl });
    return { code, message, retryable };
  };

  return {
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
      return { ok: true, key: (await view.changed()).key };
    },
    async removeKey() {
      await keys.remove();
      settings.update({ keySavedAt: null });
      feature.syncKeyRotation();
      logger.info('key removed');
      return (await view.changed()).key;
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
  } satisfies Partial<Handlers>;
}
