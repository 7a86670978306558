// Aide's Electron entry: one instance per data folder, the locked-down windows, the key store,
// core, the desktop shell (tray, shortcut, popup) and the IPC bridge. This file only wires them up.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import Store from 'electron-store';
import { DEFAULT_SNOOZE_MINUTES } from '../common/reminder-defaults';
import type { StoreFactory } from './core/core-options';
import { createCore } from './core/create-core';
import type { Core } from './core/core-types';
import { createFileLogger } from './core/logger';
import { dataDirFromEnv, keychainService } from './core/paths';
import type { Logger, SecretStore } from './core/ports';
import { createKeytarSecretStore } from './core/secrets/keytar-secret-store';
import { pendingSecretStore } from './core/secrets/pending-secret-store';
import { resolveAppLocation, type AppLocation } from './app-location';
import { applyAppIdentity, isWaylandSession } from './app-identity';
import { applicationMenuTemplate } from './app-menu';
import { appSchemePrivileges, createAppProtocolHandler } from './app-protocol';
import { launchRequestOf, listenForLaunchRequests, registerProtocol } from './deep-link';
import { createDesktopShell, type AppShell } from './desktop-shell';
import { disposeOnQuit } from './dispose-on-quit';
import { registerIpc } from './ipc';
import { hiddenFlag, setStartAtLogin } from './login-item';
import { createNativeNotifier } from './native-notifier';
import { createQuickAskWindow } from './quick-ask-window';
import { safeStorageFallback } from './safe-storage-secret-store';
import { contentSecurityPolicy, hardenSession, hardenWebContents } from './security';
import { createAppTray } from './tray';
import { createMainWindow } from './window';

const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

const openStore: StoreFactory = (options) => new Store(options);

app.enableSandbox();
applyAppIdentity(app, process.platform, process.env);
// Before 'ready', as Electron requires: the renderer is served as app://aide/, never from file://.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

// userData must be final before the single-instance lock, which is keyed on it: each data
// folder (and so each test run) gets its own instance.
const dataDirOverride = dataDirFromEnv();
if (dataDirOverride !== null) app.setPath('userData', dataDirOverride);
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
  // Before 'ready': macOS hands over the link that launched Aide that early.
  const launches = listenForLaunchRequests(app);

  await app.whenReady();
  const logger = createFileLogger(dataDir);
  const location = secureTheApp(logger);
  const desktop = openDesktopShell(location, logger);
  // Launches while core starts wait in the shell, which opens the windows once IPC answers.
  launches.attach((request) => desktop.handle(request));
  let core: Core | null = null;
  const notifier = createNativeNotifier({
    platform: process.platform,
    handleActivation: (callback) => Notification.handleActivation(callback),
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
    onAction: (action, ids) => {
      for (const id of ids) {
        const done =
          action === 'snooze'
            ? core?.handlers.snoozeReminder({ id, minutes: DEFAULT_SNOOZE_MINUTES })
            : core?.handlers.completeReminder({ id });
        done?.catch((error: unknown) => logger.error('notification action failed', { action, error: String(error) }));
      }
    },
    onDismiss: (items) => {
      core?.handlers
        .dismissFired({ items })
        .catch((error: unknown) => logger.error('notification dismiss failed', { error: String(error) }));
    },
    onOpen: () => desktop.showMainWindow(),
  });
  core = await createCore({
    dataDir,
    env: {
      OPENAI_API_KEY: process.env.OPENAI_API_KEY,
      OPENAI_BASE_URL: process.env.OPENAI_BASE_URL,
      AIDE_CALDAV_URL: process.env.AIDE_CALDAV_URL,
      AIDE_CALDAV_USER: process.env.AIDE_CALDAV_USER,
      AIDE_CALDAV_PASSWORD: process.env.AIDE_CALDAV_PASSWORD,
    },
    // The windows must not wait for a keychain that is still asking to be unlocked.
    secretStore: pendingSecretStore(openSecretStore(logger), { waitMs: 3_000 }),
    // Chromium's network stack: the system proxy (PAC too) and the OS certificate store, which
    // Node's fetch ignores (and the fuses turn off NODE_EXTRA_CA_CERTS).
    fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
    logger,
    openStore,
    notifier,
    desktop,
    // Development builds check every response against the contract; the packaged app does not pay for it.
    checkResponses: !app.isPackaged,
  });
  const running = core;
  // Timers pause while the computer sleeps; on wake, fire what came due meanwhile (once, as missed).
  powerMonitor.on('resume', () => running.resume());
  notifier.listenForActivations();
  disposeOnQuit(app, () => running.dispose(), logger);
  registerIpc({
    ipcMain,
    core: running,
    windows: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
    location,
    logger,
  });

  const startedAtLogin = process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
  desktop.start({
    hidden: process.argv.includes(hiddenFlag) || startedAtLogin,
    request: launchRequestOf(process.argv),
  });
  const tray = createAppTray({
    createTray: () => new Tray(trayIconPath()),
    buildMenu: (items) => Menu.buildFromTemplate(items),
    core: running,
    platform: process.platform,
    showQuickAsk: () => desktop.showQuickAsk(),
    showMainWindow: () => desktop.showMainWindow(),
    quit: () => desktop.quit(),
    logger,
  });
  app.on('quit', () => tray.dispose());
}

/** Where the renderer comes from, served as app://aide/ with its CSP; every page and session locked down. */
function secureTheApp(logger: Logger): AppLocation {
  const location = resolveAppLocation({
    devUrl: process.env.ELECTRON_RENDERER_URL,
    isPackaged: app.isPackaged,
    rootDir: rendererDir,
  });
  if (location.kind === 'app') {
    const policy = contentSecurityPolicy(location);
    protocol.handle(
      appSchemePrivileges.scheme,
      createAppProtocolHandler({ rootDir: location.rootDir, contentSecurityPolicy: policy, logger }),
    );
  }
  const security = { location, openExternal: (url: string) => shell.openExternal(url), logger };
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, security));
  hardenSession(session.defaultSession, security);
  if (!registerProtocol(app, process)) logger.warn('Could not register the aide:// link handler');
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(applicationMenuTemplate(process.platform, { isPackaged: app.isPackaged })),
  );
  return location;
}

/** The windows, the global shortcut and the login item, before core exists (its requests wait). */
function openDesktopShell(location: AppLocation, logger: Logger): AppShell {
  const platform = process.platform;
  const wayland = isWaylandSession(platform, process.env);
  const now = () => performance.now();
  return createDesktopShell({
    app,
    platform,
    wayland,
    globalShortcut,
    logger,
    now,
    openMainWindow: (show) => createMainWindow({ location, preloadPath, logger, showWhenReady: show }),
    openQuickAsk: (isQuitting) =>
      createQuickAskWindow({ location, preloadPath, logger, platform, wayland, isQuitting, now }),
    setStartAtLogin: (enabled) =>
      setStartAtLogin(enabled, {
        app,
        platform,
        execPath: process.env.APPIMAGE ?? process.execPath,
        env: process.env,
        home: homedir(),
      }),
  });
}

/** macOS tints a "Template" image for the menu bar; elsewhere a coloured tile. @2x is picked up on its own. */
function trayIconPath(): string {
  const name = process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png';
  return app.isPackaged
    ? join(process.resourcesPath, 'tray', name)
    : fileURLToPath(new URL(`../../build/tray/${name}`, import.meta.url));
}

/** The OS keychain; without one, a safeStorage-encrypted file; otherwise the reason, for core to explain. */
async function openSecretStore(logger: Logger): Promise<SecretStore | Error> {
  const keychain = await createKeytarSecretStore(keychainService());
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
