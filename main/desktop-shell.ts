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
  /** Opens the windows once core and IPC are up; `hidden` starts in the tray. */
  start(options: { hidden: boolean; request: LaunchRequest }): void;
  showQuickAsk(requestedAt?: number): void;
  handle(request: LaunchRequest): void;
  /** Quits for real, even when running in the background. */
  quit(): void;
}

export function createDesktopShell(options: DesktopShellOptions): AppShell {
  const { app, platform, logger } = options;
  let runInBackground = false;
  let startAtLogin: boolean | null = null;
  let quitting = false;
  let mainWindow: MainWindowLike | null = null;
  let popup: QuickAskWindow | null = null;
  // A shortcut pressed while core is still starting is honoured once the popup exists.
  let quickAskWaiting: { at: number | undefined } | null = null;

  const shortcut = createQuickAskShortcut({
    globalShortcut: options.globalShortcut,
    platform,
    onPress: () => shell.showQuickAsk(options.now()),
  });

  const openMainWindow = (show: boolean): void => {
    const window = options.openMainWindow(show);
    window.on('close', (event) => {
      if (!runInBackground || quitting) return;
      event.preventDefault();
      window.hide();
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
      // The hidden popup is still open, so 'window-all-closed' never comes: quit here instead.
      if (!runInBackground && !quitting && platform !== 'darwin') app.quit();
    });
    mainWindow = window;
  };

  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', () => shortcut.unregisterAll());
  app.on('window-all-closed', () => {
    if (!runInBackground && platform !== 'darwin') app.quit();
  });
  app.on('activate', () => shell.showMainWindow());

  const shell: AppShell = {
    start({ hidden, request }) {
      // Loaded even when hidden, so "Open in Aide" is instant and the window hears core's events.
      if (mainWindow === null) openMainWindow(!hidden && request === 'main');
      popup = options.openQuickAsk(() => quitting);
      if (request === 'quick-ask') shell.showQuickAsk();
      if (quickAskWaiting !== null) shell.showQuickAsk(quickAskWaiting.at);
      quickAskWaiting = null;
    },
    showMainWindow() {
      if (mainWindow === null) return openMainWindow(true);
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
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
      else shell.showMainWindow();
    },
    apply(settings) {
      runInBackground = settings.runInBackground;
      if (settings.startAtLogin !== startAtLogin) {
        try {
          options.setStartAtLogin(settings.startAtLogin);
          startAtLogin = settings.startAtLogin;
        } catch (error) {
          logger.warn('Could not change starting at login', { enabled: settings.startAtLogin, error: String(error) });
        }
      }
      return shortcut.apply(settings.shortcut);
    },
    quit() {
      quitting = true;
      app.quit();
    },
  };
  return shell;
}
