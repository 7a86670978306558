// Aide's Electron entry: one instance per data folder, the locked-down window, the key store,
// core, and the IPC bridge between them. Behaviour lives in core; this file only wires it up.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Notification, powerMonitor, safeStorage, session, shell } from 'electron';
import Store from 'electron-store';
import type { StoreFactory } from './core/core-options';
import { createCore } from './core/create-core';
import { createFileLogger } from './core/logger';
import type { Logger, SecretStore } from './core/ports';
import { createKeytarSecretStore } from './core/secrets/keytar-secret-store';
import { resolveAppLocation } from './app-location';
import { disposeOnQuit } from './dispose-on-quit';
import { registerIpc } from './ipc';
import { createNativeNotifier } from './native-notifier';
import { safeStorageFallback } from './safe-storage-secret-store';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';

const rendererIndex = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

const openStore: StoreFactory = (options) => new Store(options);

app.enableSandbox();

// userData must be final before the single-instance lock, which is keyed on it: each data
// folder (and so each test run) gets its own instance.
const dataDirFromEnv = process.env.AIDE_DATA_DIR;
if (dataDirFromEnv) app.setPath('userData', resolve(dataDirFromEnv));
const dataDir = app.getPath('userData');

if (app.requestSingleInstanceLock()) {
  start().catch((error: unknown) => {
    dialog.showErrorBox('Aide could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
} else {
  app.quit();
}

async function start(): Promise<void> {
  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  await app.whenReady();
  const logger = createFileLogger(dataDir);
  const location = resolveAppLocation({
    devUrl: process.env.ELECTRON_RENDERER_URL,
    isPackaged: app.isPackaged,
    indexPath: rendererIndex,
  });
  const security = { location, openExternal: (url: string) => shell.openExternal(url), logger };
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, security));
  hardenSession(session.defaultSession, security);

  const showApp = (): void => {
    if (mainWindow === null) return openWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  const notifier = createNativeNotifier({
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
    onAction: (action, ids) => {
      for (const id of ids) {
        const done = action === 'snooze' ? core.handlers.snoozeReminder({ id, minutes: 10 }) : core.handlers.completeReminder({ id });
        done.catch((error: unknown) => logger.error('notification action failed', { action, error: String(error) }));
      }
    },
    onOpen: showApp,
  });
  const core = await createCore({
    dataDir,
    env: { OPENAI_API_KEY: process.env.OPENAI_API_KEY, OPENAI_BASE_URL: process.env.OPENAI_BASE_URL },
    secretStore: await openSecretStore(logger),
    logger,
    openStore,
    notifier,
  });
  // Timers pause while the computer sleeps; on wake, fire what came due meanwhile (once, as missed).
  powerMonitor.on('resume', () => core.resume());
  disposeOnQuit(app, () => core.dispose(), logger);
  registerIpc({
    ipcMain,
    core,
    windows: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
    location,
    logger,
  });

  const openWindow = (): void => {
    const window = createMainWindow({ location, preloadPath, logger });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  };
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

/** The OS keychain; without one, a safeStorage-encrypted file; otherwise the reason, for core to explain. */
async function openSecretStore(logger: Logger): Promise<SecretStore | Error> {
  const keychain = await createKeytarSecretStore(process.env.AIDE_KEYCHAIN_SERVICE ?? 'Aide');
  if (!(keychain instanceof Error)) return keychain;
  const fallback = await safeStorageFallback({
    keychainError: keychain,
    safeStorage,
    platform: process.platform,
    filePath: join(dataDir, 'api-key.encrypted.json'),
  });
  logger.warn('No keychain', {
    reason: keychain.message,
    fallback: fallback instanceof Error ? 'none' : 'safeStorage file',
  });
  return fallback;
}
