// The desktop shell core talks to (DesktopShell) and the app lifecycle around it: the main window
// and the popup, closing to the tray when running in the background, the shortcut, the login item.
import type { DesktopShell } from './core/core-options';
import type { Logger } from './core/ports';
import type { LaunchRequest } from './deep-link';
import { createQuickAskShortcut, type GlobalShortcutLike } from './global-shortcut';
import type { QuickAskWindow } from './quick-ask-window';
import type { PreventableEventLike } from './security';

export interface ShellAppLike {
  on(event: 'before-quit' | 'will-quit' | 'window-all-closed' | 'activate', listener: () => void): unknown;
  quit(): void;
}

export interface MainWindowLike {
  on(event: 'close', listener: (event: PreventableEventLike) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  hide(): void;
}

export interface DesktopShellOptions {
  app: ShellAppLike;
  platform: NodeJS.Platform;
  /** A Wayland session: the GlobalShortcuts portal may take the shortcut without ever delivering it. */
  wayland?: boolean;
  globalShortcut: GlobalShortcutLike;
  /** Creates the main window; `show` false loads it hidden (a background start). */
  openMainWindow(show: boolean): MainWindowLike;
  openQuickAsk(isQuitting: () => boolean): QuickAskWindow;
  setStartAtLogin(enabled: boolean): void;
  logger: Logger;
  /** Monotonic milliseconds, for the shortcut-to-visible time. */
  now: () => number;
}

export interface AppShell extends DesktopShell {
  /**
   * Opens the windows once core and IPC are up; `hidden` starts in the tray. Until then
   * showMainWindow is ignored (a start-up Dock click) and launch requests wait.
   */
  start(options: { hidden: boolean; request: LaunchRequest }): void;
  showQuickAsk(requestedAt?: number): void;
  handle(request: LaunchRequest): void;
  /** Quits for real, even when running in the background. */
  quit(): void;
}

export const waylandShortcutNote =
  'On Wayland your desktop decides whether Aide receives this shortcut (it may ask you once). ' +
  'If pressing it does nothing, bind a system shortcut to "aide --quick-ask" in your desktop\'s keyboard settings.';

export function createDesktopShell(options: DesktopShellOptions): AppShell {
  const { app, platform, logger } = options;
  let runInBackground = false;
  const loginItem = loginItemSwitch(options.setStartAtLogin, logger);
  let quitting = false;
  let popup: QuickAskWindow | null = null;
  let started = false;
  // Asked for while core is still starting (no IPC yet): honoured once the windows exist.
  let quickAskWaiting: { at: number | undefined } | null = null;
  let mainWaiting = false;

  const shortcut = createQuickAskShortcut({
    globalShortcut: options.globalShortcut,
    platform,
    onPress: () => shell.showQuickAsk(options.now()),
  });

  const main = mainWindowHolder(options, {
    runInBackground: () => runInBackground,
    quitting: () => quitting,
  });

  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', () => shortcut.unregisterAll());
  app.on('window-all-closed', () => {
    if (!runInBackground && platform !== 'darwin') app.quit();
  });
  app.on('activate', () => shell.showMainWindow());

  const shell: AppShell = {
    shortcutNote: options.wayland ? waylandShortcutNote : null,
    start({ hidden, request }) {
      if (request === 'quick-ask' && quickAskWaiting === null) quickAskWaiting = { at: undefined };
      // The popup hides when it loses focus, so a main window shown after it would close it:
      // when quick ask was asked for, the main window loads hidden.
      const showMain = quickAskWaiting === null && (mainWaiting || (!hidden && request === 'main'));
      // Loaded even when hidden, so "Open in Aide" is instant and the window hears core's events.
      if (!main.exists()) main.open(showMain);
      popup = options.openQuickAsk(() => quitting);
      started = true;
      if (quickAskWaiting !== null) popup.show(quickAskWaiting.at);
      quickAskWaiting = null;
      mainWaiting = false;
    },
    showMainWindow() {
      // A Dock click during start-up: the window opens with the others, once IPC answers.
      if (started) main.show();
    },
    showQuickAsk(requestedAt) {
      if (popup === null) quickAskWaiting = { at: requestedAt };
      else popup.show(requestedAt);
    },
    hideQuickAsk() {
      popup?.hide();
    },
    handle(request) {
      if (request === 'quick-ask') shell.showQuickAsk();
      else if (started) shell.showMainWindow();
      else mainWaiting = true;
    },
    apply(settings) {
      runInBackground = settings.runInBackground;
      loginItem(settings.startAtLogin);
      return shortcut.apply(settings.shortcut);
    },
    quit() {
      quitting = true;
      app.quit();
    },
  };
  return shell;
}

/** Sets the login item only when the wish changes; a refusal is logged and tried again next time. */
function loginItemSwitch(set: (enabled: boolean) => void, logger: Logger): (enabled: boolean) => void {
  let applied: boolean | null = null;
  return (enabled) => {
    if (enabled === applied) return;
    try {
      set(enabled);
      applied = enabled;
    } catch (error) {
      logger.warn('Could not change starting at login', { enabled, error: String(error) });
    }
  };
}

/**
 * The one main window: closing it hides it while running in the background; otherwise it quits
 * (the hidden popup stays open, so 'window-all-closed' would never come), except on macOS.
 */
function mainWindowHolder(
  options: Pick<DesktopShellOptions, 'openMainWindow' | 'app' | 'platform'>,
  state: { runInBackground(): boolean; quitting(): boolean },
) {
  let current: MainWindowLike | null = null;
  const open = (show: boolean): void => {
    const window = options.openMainWindow(show);
    window.on('close', (event) => {
      if (!state.runInBackground() || state.quitting()) return;
      event.preventDefault();
      window.hide();
    });
    window.on('closed', () => {
      if (current === window) current = null;
      if (!state.runInBackground() && !state.quitting() && options.platform !== 'darwin') options.app.quit();
    });
    current = window;
  };
  return {
    exists: () => current !== null,
    open,
    show(): void {
      if (current === null) return open(true);
      if (current.isMinimized()) current.restore();
      current.show();
      current.focus();
    },
  };
}
