// The quick-ask popup: a small frameless window created hidden at start so showing it is instant,
// centred on the display with the cursor, hidden again on blur, on Esc and when closed.
// On macOS it is a panel, so it floats over full-screen apps without changing Aide's Dock icon.
import { BrowserWindow, screen, type BrowserWindowConstructorOptions, type Rectangle } from 'electron';
import { channelOf, type EventPayload } from '../common/contract';
import type { Logger } from './core/ports';
import type { AppLocation } from './app-location';
import { hardenedWebPreferences, loadApp } from './window';

const quickAskSize = { width: 640, height: 420 } as const;

function quickAskWindowOptions(preloadPath: string, platform: NodeJS.Platform): BrowserWindowConstructorOptions {
  return {
    title: 'Aide — Quick ask',
    // A panel can join full-screen Spaces without Electron turning Aide into a UI-element process.
    ...(platform === 'darwin' && { type: 'panel' }),
    ...quickAskSize,
    show: false,
    frame: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    webPreferences: hardenedWebPreferences(preloadPath),
  };
}

export interface QuickAskWindow {
  /** `requestedAt` (from `now`) is when the person asked for it, e.g. pressed the shortcut. */
  show(requestedAt?: number): void;
  hide(): void;
}

export interface QuickAskWindowOptions {
  location: AppLocation;
  preloadPath: string;
  logger: Logger;
  platform: NodeJS.Platform;
  /**
   * Wayland tells apps neither the cursor's position nor lets them place or raise windows: the
   * compositor places the popup (usually centred) and that is the expected behaviour there.
   */
  wayland?: boolean;
  /** While quitting the popup may close; otherwise closing it (Alt+F4) only hides it. */
  isQuitting: () => boolean;
  /** Monotonic milliseconds, for the shortcut-to-visible time. */
  now: () => number;
}

function centredNearCursor(): Rectangle {
  const { workArea } = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
  return {
    x: Math.round(workArea.x + (workArea.width - quickAskSize.width) / 2),
    y: Math.round(workArea.y + (workArea.height - quickAskSize.height) / 2),
    ...quickAskSize,
  };
}

export function createQuickAskWindow(options: QuickAskWindowOptions): QuickAskWindow {
  const { logger, now } = options;
  const window = new BrowserWindow(quickAskWindowOptions(options.preloadPath, options.platform));
  // Over full-screen apps and on whichever Space is active, like Spotlight. Without
  // skipTransformProcessType Electron hides the Dock icon and the menu bar for good.
  if (options.platform === 'darwin') {
    window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
  }
  loadApp(window, options.location, logger, 'quick-ask');

  let requestedAt: number | null = null;
  window.on('show', () => {
    if (requestedAt === null) return;
    logger.info('Quick ask shown', { ms: Math.round(now() - requestedAt) });
    requestedAt = null;
  });
  window.on('blur', () => {
    // Inspecting the popup moves focus to the dev tools; it must stay up meanwhile.
    if (!window.webContents.isDevToolsOpened()) window.hide();
  });
  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });

  const announce = (): void => {
    const payload: EventPayload<'quickAskShown'> = { shownAt: Date.now() };
    window.webContents.send(channelOf('quickAskShown'), payload);
  };

  return {
    show(at) {
      if (window.isDestroyed()) return;
      requestedAt = at !== undefined && !window.isVisible() ? at : null;
      window.setBounds(options.wayland ? { ...quickAskSize } : centredNearCursor());
      window.show();
      window.focus();
      // Shown before its page finished loading (a launch with --quick-ask): tell it once it listens.
      if (window.webContents.isLoading()) window.webContents.once('did-finish-load', announce);
      else announce();
    },
    hide() {
      if (!window.isDestroyed()) window.hide();
    },
  };
}
