// Starting Aide at login, in the background (`--hidden`): the OS login item on macOS and Windows,
// an XDG autostart entry on Linux, where Electron has no login-item API.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const hiddenFlag = '--hidden';

export interface LoginItemAppLike {
  setLoginItemSettings(settings: { openAtLogin: boolean; args: string[] }): void;
}

export interface LoginItemOptions {
  app: LoginItemAppLike;
  platform: NodeJS.Platform;
  /** The program to start; for an AppImage the image itself, not its temporary mount. */
  execPath: string;
  env: { XDG_CONFIG_HOME?: string | undefined };
  home: string;
}

export function autostartFile(options: Pick<LoginItemOptions, 'env' | 'home'>): string {
  const configHome = options.env.XDG_CONFIG_HOME || join(options.home, '.config');
  return join(configHome, 'autostart', 'aide.desktop');
}

export function setStartAtLogin(enabled: boolean, options: LoginItemOptions): void {
  if (options.platform !== 'linux') {
    // macOS ignores args; there main asks getLoginItemSettings().wasOpenedAtLogin instead.
    options.app.setLoginItemSettings({ openAtLogin: enabled, args: [hiddenFlag] });
    return;
  }
  const file = autostartFile(options);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, autostartEntry(options.execPath));
}

export function autostartEntry(execPath: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Aide',
    'Comment=Personal assistant with chat and reminders',
    `Exec=${quoteExecArgument(execPath)} ${hiddenFlag}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Desktop Entry Exec quoting: in double quotes with ", `, $ and \ escaped; then the value's own
 * string escaping doubles every backslash again, and a literal % is written %%.
 */
function quoteExecArgument(argument: string): string {
  const quoted = /[\s"'`$\\<>~|&;*?#()]/.test(argument)
    ? `"${argument.replace(/["`$\\]/g, (char) => `\\${char}`)}"`
    : argument;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}
