// Where Aide keeps its data and which keychain entry it uses, read from the environment the same
// way by both entries (Electron and browser mode). Without AIDE_DATA_DIR, the folder Electron's
// app.getPath('userData') gives for the product name, so browser mode shares it.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const PRODUCT_NAME = 'Aide';

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME);
}

/** AIDE_DATA_DIR as an absolute path, or null when it is not set (or blank). */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env.AIDE_DATA_DIR?.trim();
  return value ? resolve(value) : null;
}

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return dataDirFromEnv(env) ?? defaultDataDir();
}

/** The keychain service name: AIDE_KEYCHAIN_SERVICE (tests use their own), or "Aide". */
export function keychainService(env: NodeJS.ProcessEnv = process.env): string {
  return env.AIDE_KEYCHAIN_SERVICE?.trim() || PRODUCT_NAME;
}
