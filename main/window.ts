// The main window: locked-down webPreferences, shown once its first paint is ready, loading the
// built renderer or, unpackaged, the dev server.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from './core/ports';
import type { AppLocation } from './app-location';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Aide',
    width: 1040,
    height: 760,
    minWidth: 480,
    minHeight: 400,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
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
    },
  };
}

export function createMainWindow(options: {
  location: AppLocation;
  preloadPath: string;
  logger: Logger;
}): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options.preloadPath));
  window.once('ready-to-show', () => window.show());
  const loaded =
    options.location.kind === 'dev'
      ? window.loadURL(options.location.url)
      : window.loadFile(options.location.indexPath);
  loaded.catch((error: unknown) => {
    options.logger.error('Could not load the app page', { error: String(error) });
  });
  return window;
}
