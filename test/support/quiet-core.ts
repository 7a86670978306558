// What a test (or bench) needs to start the real core with no key stored and nothing logged.
import type { Logger, SecretStore } from '../../main/core/ports';

export const quiet: Logger = { info() {}, warn() {}, error() {} };

export const noKeychain: SecretStore = {
  kind: 'keychain',
  get: async () => null,
  set: async () => {},
  delete: async () => false,
};
