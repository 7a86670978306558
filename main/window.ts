// The main window: locked-down webPreferences, shown once its first paint is ready, loading the
// built renderer (app://aide/) or, unpackaged, the dev server. The quick-ask popup reuses the
// same hardening.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from './core/ports';
import { appPageUrl, type AppLocation } from './app-location';

/** The renderer's lockdown, shared by every window we open. */
export function hardenedWebPreferences(preloadPath: string): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
  };
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Aide',
    width: 1040,
    height: 760,
    minWidth: 480,
    minHeight: 400,
    show: false,
    autoHideMenuBar: true,
    webPreferences: hardenedWebPreferences(preloadPath),
  };
}

export interface LoadableWindow {
  loadURL(url: string): Promise<void>;
}

/**
 * Loads the renderer from app://aide/ (never file://) or the dev server; `view` selects another
 * view of the same page (`?view=quick-ask`).
 */
export function loadApp(window: LoadableWindow, location: AppLocation, logger: Logger, view?: string): void {
  window.loadURL(appPageUrl(location, view)).catch((error: unknown) => {
    logger.error('Could not load the app page', { error: String(error), view: view ?? 'main' });
  });
}

export function createMainWindow(options: {
  location: AppLocation;
  preloadPath: string;
  logger: Logger;
  /** False when Aide starts in the background (at login): the window loads but stays hidden. */
  showWhenReady?: boolean;
}): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options.preloadPath));
  if (options.showWhenReady !== false) window.once('ready-to-show', () => window.show());
  loadApp(window, options.location, options.logger);
  return window;
}
