// Where Aide keeps its data when AIDE_DATA_DIR is not set: the folder Electron's
// app.getPath('userData') gives for the product name, so browser mode shares it.
import { homedir } from 'node:os';
import { join } from 'node:path';

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

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.AIDE_DATA_DIR && env.AIDE_DATA_DIR.trim() !== '' ? env.AIDE_DATA_DIR : defaultDataDir();
}
