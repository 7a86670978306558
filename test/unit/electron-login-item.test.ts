import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autostartEntry, autostartFile, setStartAtLogin, type LoginItemAppLike } from '../../main/login-item';

class FakeLoginApp implements LoginItemAppLike {
  readonly settings: Array<{ openAtLogin: boolean; args: string[] }> = [];
  setLoginItemSettings(settings: { openAtLogin: boolean; args: string[] }): void {
    this.settings.push(settings);
  }
}

const tempDir = () => mkdtemp(join(tmpdir(), 'aide-login-'));

describe('start at login', () => {
  it.each(['darwin', 'win32'] as const)('uses the OS login item on %s, started hidden', (platform) => {
    const app = new FakeLoginApp();
    const options = {
      app,
      platform,
      execPath: '/Applications/Aide.app/Contents/MacOS/Aide',
      env: {},
      home: '/nowhere',
    };
    setStartAtLogin(true, options);
    setStartAtLogin(false, options);
    expect(app.settings).toEqual([
      { openAtLogin: true, args: ['--hidden'] },
      { openAtLogin: false, args: ['--hidden'] },
    ]);
  });

  it('writes and removes an XDG autostart entry on Linux, under XDG_CONFIG_HOME', async () => {
    const app = new FakeLoginApp();
    const config = await tempDir();
    const options = {
      app,
      platform: 'linux' as const,
      execPath: '/opt/Aide/aide',
      env: { XDG_CONFIG_HOME: config },
      home: '/nowhere',
    };
    const file = join(config, 'autostart', 'aide.desktop');
    expect(autostartFile(options)).toBe(file);

    setStartAtLogin(true, options);
    const entry = readFileSync(file, 'utf8');
    expect(entry).toMatch(/^\[Desktop Entry\]\n/);
    expect(entry).toContain('Exec=/opt/Aide/aide --hidden\n');
    expect(entry).toContain('Type=Application\n');

    setStartAtLogin(false, options);
    expect(existsSync(file)).toBe(false);
    setStartAtLogin(false, options);
    expect(app.settings).toEqual([]);
  });

  it('falls back to ~/.config without XDG_CONFIG_HOME', async () => {
    const home = await tempDir();
    const options = { app: new FakeLoginApp(), platform: 'linux' as const, execPath: '/opt/Aide/aide', env: {}, home };
    setStartAtLogin(true, options);
    expect(existsSync(join(home, '.config', 'autostart', 'aide.desktop'))).toBe(true);
  });

  it('quotes a program path the way the Desktop Entry spec wants', () => {
    expect(autostartEntry('/home/me/Apps/My Aide$1.AppImage')).toContain(
      'Exec="/home/me/Apps/My Aide\\\\$1.AppImage" --hidden\n',
    );
    expect(autostartEntry('/opt/100%/aide')).toContain('Exec=/opt/100%%/aide --hidden\n');
  });
});
