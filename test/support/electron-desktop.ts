// The real desktop shell (main/desktop-shell.ts) over stand-ins for Electron's own objects (app,
// globalShortcut, the two windows, the login item), recording what a person would see of them.
import { createDesktopShell, type AppShell } from '../../main/desktop-shell';
import { FakeEmitter, FakeGlobalShortcut, recordingLogger } from '../unit/electron-fakes';

export interface ElectronDesktop {
  shell: AppShell;
  globalShortcut: FakeGlobalShortcut;
  /** What happened to the windows and the login item, in order: 'popup hidden', 'main shown', … */
  seen: string[];
  /** Whether Aide is set to start at login. */
  startsAtLogin(): boolean;
}

export function electronDesktop(options: { wayland?: boolean; taken?: string[] } = {}): ElectronDesktop {
  const seen: string[] = [];
  let loginItem = false;
  const globalShortcut = new FakeGlobalShortcut();
  for (const accelerator of options.taken ?? []) globalShortcut.taken.add(accelerator);
  const app = Object.assign(new FakeEmitter(), { quit: () => seen.push('quit') });
  const shell = createDesktopShell({
    app,
    platform: 'linux',
    wayland: options.wayland ?? false,
    globalShortcut,
    logger: recordingLogger(),
    now: () => performance.now(),
    openMainWindow: () =>
      Object.assign(new FakeEmitter(), {
        isMinimized: () => false,
        restore: () => undefined,
        show: () => seen.push('main shown'),
        focus: () => undefined,
        hide: () => seen.push('main hidden'),
      }),
    openQuickAsk: () => ({ show: () => seen.push('popup shown'), hide: () => seen.push('popup hidden') }),
    setStartAtLogin: (enabled) => {
      loginItem = enabled;
    },
  });
  shell.start({ hidden: false, request: 'main' });
  return { shell, globalShortcut, seen, startsAtLogin: () => loginItem };
}
