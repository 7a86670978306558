import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from '../../main/app-menu';

type Item = { role?: string; label?: string; submenu?: Item[] };
const roles = (items: Item[]): string[] => items.flatMap((item) => [item.role ?? '', ...roles(item.submenu ?? [])]).filter(Boolean);

describe('application menu', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('has no Reload or developer tools in the packaged app on %s', (platform) => {
    const all = roles(applicationMenuTemplate(platform, { isPackaged: true }) as Item[]);
    expect(all).not.toContain('reload');
    expect(all).not.toContain('forceReload');
    expect(all).not.toContain('toggleDevTools');
    expect(all).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });

  it('keeps Reload and the developer tools while developing', () => {
    expect(roles(applicationMenuTemplate('linux', { isPackaged: false }) as Item[])).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools']),
    );
  });

  it("starts with the app menu (About, Hide, Quit Aide) on macOS, and quits from File elsewhere", () => {
    expect(applicationMenuTemplate('darwin', { isPackaged: true })[0]).toEqual({ role: 'appMenu' });
    const file = applicationMenuTemplate('win32', { isPackaged: true }).find((menu) => menu.label === 'File') as Item;
    expect(roles([file])).toEqual(['quit']);
  });
});
