import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelOf, operationNames } from '../../common/contract';
import type { CoreOptions } from '../../main/core/core-options';
import type { SecretStore } from '../../main/core/ports';
import { FakePreventableEvent, recordingLogger } from './electron-fakes';

type Listener = (...args: unknown[]) => void;

const fakes = vi.hoisted(() => {
  const calls: string[] = [];
  const emitter = () => {
    const listeners = new Map<string, Listener[]>();
    return {
      listeners,
      on(name: string, listener: Listener) {
        listeners.set(name, [...(listeners.get(name) ?? []), listener]);
        return this;
      },
      emit(name: string, ...args: unknown[]) {
        for (const listener of listeners.get(name) ?? []) listener(...args);
      },
    };
  };

  const state = {
    calls,
    gotLock: true,
    userData: '/home/me/.config/Aide',
    isPackaged: false,
    app: emitter(),
    windows: [] as FakeBrowserWindow[],
    handlers: new Map<string, Listener>(),
    safeStorage: { available: false, backend: 'gnome_libsecret' },
    opened: [] as string[],
    power: emitter(),
    trays: [] as FakeTray[],
    shortcuts: new Map<string, () => void>(),
    protocolClients: [] as unknown[][],
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    loginItems: [] as unknown[],
    switches: [] as string[][],
    appUserModelIds: [] as string[],
    applicationMenu: null as unknown,
    netFetches: [] as string[],
  };

  class FakeWebContents {
    readonly events = emitter();
    readonly sent: string[] = [];
    constructor(readonly id: number) {}
    send(channel: string) {
      this.sent.push(channel);
    }
    isLoading() {
      return false;
    }
    isDevToolsOpened() {
      return false;
    }
    once(name: string, listener: Listener) {
      this.events.on(name, listener);
    }
  }

  class FakeBrowserWindow {
    static getAllWindows = () => state.windows;
    readonly events = emitter();
    readonly webContents = new FakeWebContents(state.windows.length + 1);
    minimized = true;
    focused = false;
    visible = false;
    loaded: { file?: string; url?: string; query?: unknown } = {};
    constructor(readonly options: { frame?: boolean; webPreferences: { preload: string } }) {
      state.windows.push(this);
      state.app.emit('browser-window-created', {}, this);
    }
    on(name: string, listener: Listener) {
      this.events.on(name, listener);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
    show() {
      this.visible = true;
    }
    hide() {
      this.visible = false;
    }
    isVisible() {
      return this.visible;
    }
    isDestroyed() {
      return false;
    }
    setBounds() {}
    setVisibleOnAllWorkspaces() {}
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
    }
    focus() {
      this.focused = true;
    }
    async loadFile(file: string, options?: { query?: unknown }) {
      this.loaded = { file, ...(options && { query: options.query }) };
    }
    async loadURL(url: string) {
      this.loaded = { url };
    }
  }

  class FakeTray {
    readonly events = emitter();
    menu: Array<{ label?: string; click?: () => void }> = [];
    constructor(readonly icon: string) {
      state.trays.push(this);
    }
    setToolTip() {}
    setContextMenu(menu: FakeTray['menu']) {
      this.menu = menu;
    }
    on(name: string, listener: Listener) {
      this.events.on(name, listener);
    }
    destroy() {}
  }

  const app = Object.assign(state.app, {
    get isPackaged() {
      return state.isPackaged;
    },
    enableSandbox: () => calls.push('enableSandbox'),
    setAppUserModelId: (id: string) => state.appUserModelIds.push(id),
    commandLine: { appendSwitch: (...args: string[]) => state.switches.push(args) },
    setPath: (name: string, path: string) => {
      calls.push(`setPath ${name} ${path}`);
      state.userData = path;
    },
    getPath: () => state.userData,
    requestSingleInstanceLock: () => {
      calls.push('requestSingleInstanceLock');
      return state.gotLock;
    },
    whenReady: async () => void calls.push('whenReady'),
    quit: () => {
      calls.push('quit');
      state.app.emit('before-quit');
    },
    setAsDefaultProtocolClient: (...args: unknown[]) => state.protocolClients.push(args) > 0,
    getLoginItemSettings: () => ({ wasOpenedAtLogin: false }),
    setLoginItemSettings: (settings: unknown) => state.loginItems.push(settings),
    exit: (code: number) => calls.push(`exit ${code}`),
  });

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, listener: Listener) => state.handlers.set(channel, listener),
      removeHandler: (channel: string) => state.handlers.delete(channel),
    },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => state.safeStorage.available,
      getSelectedStorageBackend: () => state.safeStorage.backend,
      encryptStringAsync: async (text: string) => Buffer.from(text),
      decryptStringAsync: async (data: Buffer) => ({ result: data.toString(), shouldReEncrypt: false }),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => calls.push('setPermissionRequestHandler'),
        setPermissionCheckHandler: () => calls.push('setPermissionCheckHandler'),
        webRequest: { onHeadersReceived: () => calls.push('onHeadersReceived') },
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        calls.push('registerSchemesAsPrivileged');
        state.privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        calls.push(`protocol.handle ${scheme}`);
        state.protocolHandlers.set(scheme, handler);
      },
    },
    shell: { openExternal: async (url: string) => void state.opened.push(url) },
    powerMonitor: state.power,
    Notification: class {
      static isSupported = () => false;
      static handleActivation = () => undefined;
    },
    dialog: { showErrorBox: (title: string) => calls.push(`showErrorBox ${title}`) },
    globalShortcut: {
      register: (accelerator: string, callback: () => void) => state.shortcuts.set(accelerator, callback).size > 0,
      unregister: (accelerator: string) => state.shortcuts.delete(accelerator),
      unregisterAll: () => state.shortcuts.clear(),
    },
    screen: {
      getCursorScreenPoint: () => ({ x: 0, y: 0 }),
      getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
    },
    Tray: FakeTray,
    Menu: {
      buildFromTemplate: (items: unknown[]) => items,
      setApplicationMenu: (menu: unknown) => {
        state.applicationMenu = menu;
      },
    },
    net: {
      fetch: async (url: string) => {
        state.netFetches.push(url);
        return new Response('{}');
      },
    },
  };
  return { state, electron };
});

const core = vi.hoisted(() => ({
  options: null as CoreOptions | null,
  desktop: { shortcut: 'CommandOrControl+Shift+Space', runInBackground: false, startAtLogin: false },
  shortcutProblem: undefined as string | null | undefined,
  keychain: new Error('No keychain') as SecretStore | Error | Promise<never>,
  dispose: vi.fn(async () => undefined),
  resume: vi.fn(),
}));

vi.mock('electron', () => ({ ...fakes.electron, default: fakes.electron }));
vi.mock('electron-store', () => ({ default: class {} }));
vi.mock('../../main/core/create-core', () => ({
  createCore: async (options: CoreOptions) => {
    core.options = options;
    core.shortcutProblem = options.desktop?.apply(core.desktop);
    const handlers = { getSettings: async () => ({ remindersPausedUntil: null }), listReminders: async () => [] };
    return { handlers, onEvent: () => () => undefined, dispose: core.dispose, resume: core.resume };
  },
}));
vi.mock('../../main/core/secrets/keytar-secret-store', () => ({
  createKeytarSecretStore: () => Promise.resolve(core.keychain),
}));
vi.mock('../../main/core/logger', () => ({ createFileLogger: () => recordingLogger() }));

const argv = process.argv;

async function startMain(env: Record<string, string | undefined> = {}, args: string[] = []) {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  process.argv = [...argv, ...args];
  vi.resetModules();
  await import('../../main/index');
  await vi.waitFor(() => {
    if (fakes.state.gotLock && fakes.state.trays.length === 0) throw new Error('not started yet');
  });
}

/** The main window is opened first, the hidden popup right after. */
const mainWindow = () => fakes.state.windows[0];
const popup = () => fakes.state.windows[1];

describe('main entry', () => {
  beforeEach(() => {
    const { state } = fakes;
    state.calls.length = 0;
    state.gotLock = true;
    state.userData = '/home/me/.config/Aide';
    state.isPackaged = false;
    state.app.listeners.clear();
    state.power.listeners.clear();
    core.resume.mockClear();
    state.windows.length = 0;
    state.trays.length = 0;
    state.shortcuts.clear();
    state.protocolClients.length = 0;
    state.privilegedSchemes.length = 0;
    state.protocolHandlers.clear();
    state.loginItems.length = 0;
    state.switches.length = 0;
    state.appUserModelIds.length = 0;
    state.applicationMenu = null;
    state.netFetches.length = 0;
    core.desktop = { shortcut: 'CommandOrControl+Shift+Space', runInBackground: false, startAtLogin: false };
    state.handlers.clear();
    state.safeStorage = { available: false, backend: 'gnome_libsecret' };
    core.options = null;
    core.keychain = new Error('No keychain');
    core.dispose.mockClear();
    vi.stubEnv('AIDE_DATA_DIR', undefined);
    vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
    vi.stubEnv('XDG_SESSION_TYPE', 'x11');
    vi.stubEnv('WAYLAND_DISPLAY', undefined);
    // The login item is applied at every start; on Linux it must never touch the real autostart folder.
    vi.stubEnv('XDG_CONFIG_HOME', mkdtempSync(join(tmpdir(), 'aide-main-config-')));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    process.argv = argv;
  });

  it('sets the data folder before taking the single-instance lock, then starts core, IPC and the window', async () => {
    await startMain({ AIDE_DATA_DIR: 'relative/data', OPENAI_API_KEY: 'sk-from-env' });
    const dataDir = resolve('relative/data');
    expect(fakes.state.calls.slice(0, 4)).toEqual([
      'enableSandbox',
      'registerSchemesAsPrivileged',
      `setPath userData ${dataDir}`,
      'requestSingleInstanceLock',
    ]);
    expect(core.options).toMatchObject({ dataDir, env: { OPENAI_API_KEY: 'sk-from-env' } });
    expect(typeof core.options?.openStore).toBe('function');
    expect([...fakes.state.handlers.keys()].sort()).toEqual(operationNames.map(channelOf).sort());
    expect(fakes.state.calls).toEqual(
      expect.arrayContaining(['setPermissionRequestHandler', 'setPermissionCheckHandler', 'onHeadersReceived']),
    );
    const window = mainWindow();
    expect(window?.options.webPreferences.preload).toMatch(/preload[/\\]index\.cjs$/);
    expect(window?.loaded).toEqual({ url: 'app://aide/index.html' });
    expect(window?.events.listeners.has('ready-to-show')).toBe(true);
  });

  it('uses Electron userData when AIDE_DATA_DIR is not set', async () => {
    await startMain();
    expect(fakes.state.calls.some((call) => call.startsWith('setPath'))).toBe(false);
    expect(core.options?.dataDir).toBe('/home/me/.config/Aide');
  });

  it('leaves a second instance to focus the first one', async () => {
    fakes.state.gotLock = false;
    await startMain();
    expect(fakes.state.calls).toContain('quit');
    expect(core.options).toBeNull();
  });

  it('focuses and restores the window when a second instance starts', async () => {
    await startMain();
    fakes.state.app.emit('second-instance', {}, ['/opt/Aide/aide']);
    expect(mainWindow()).toMatchObject({ minimized: false, focused: true });
    expect(popup()?.visible).toBe(false);
  });

  it.each([['--quick-ask'], ['aide://quick-ask']])(
    'shows the popup when a second instance starts with %s',
    async (arg) => {
      await startMain();
      fakes.state.app.emit('second-instance', {}, ['/opt/Aide/aide', arg]);
      expect(popup()).toMatchObject({ visible: true, focused: true });
      expect(mainWindow()?.focused).toBe(false);
    },
  );

  it("shows the popup for macOS's open-url", async () => {
    await startMain();
    const event = new FakePreventableEvent();
    fakes.state.app.emit('open-url', event, 'aide://quick-ask');
    expect(event.prevented).toBe(true);
    expect(popup()?.visible).toBe(true);
  });

  it('creates the popup hidden with the quick-ask view, and registers aide://', async () => {
    await startMain();
    expect(popup()?.options).toMatchObject({ frame: false, show: false });
    expect(popup()?.loaded).toEqual({ url: 'app://aide/index.html?view=quick-ask' });
    expect(fakes.state.protocolClients.map(([scheme]) => scheme)).toEqual(['aide']);
  });

  it('opens only the popup when the first instance starts with --quick-ask', async () => {
    await startMain({}, ['--quick-ask']);
    expect(popup()?.visible).toBe(true);
    expect(mainWindow()?.events.listeners.has('ready-to-show')).toBe(false);
  });

  it('starts in the tray with --hidden', async () => {
    await startMain({}, ['--hidden']);
    expect(mainWindow()?.events.listeners.has('ready-to-show')).toBe(false);
    expect(popup()?.visible).toBe(false);
  });

  it('hands core the desktop shell, which registers the shortcut that shows the popup', async () => {
    await startMain();
    expect(core.shortcutProblem).toBeNull();
    fakes.state.shortcuts.get('CommandOrControl+Shift+Space')?.();
    expect(popup()?.visible).toBe(true);
  });

  it('starts at login, in the background, when the setting says so', async () => {
    core.desktop = { ...core.desktop, startAtLogin: true };
    await startMain();
    if (process.platform === 'linux') {
      const entry = readFileSync(join(String(process.env.XDG_CONFIG_HOME), 'autostart', 'aide.desktop'), 'utf8');
      expect(entry).toContain(' --hidden\n');
    } else {
      expect(fakes.state.loginItems).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
    }
  });

  it('puts Aide in the tray, whose Quit quits even when running in the background', async () => {
    core.desktop = { ...core.desktop, runInBackground: true };
    await startMain();
    const [tray] = fakes.state.trays;
    expect(tray?.icon).toMatch(/build[/\\]tray[/\\](tray|trayTemplate)\.png$/);
    await vi.waitFor(() => expect(tray?.menu.map((item) => item.label)).toContain('Quit'));

    const close = new FakePreventableEvent();
    mainWindow()?.events.emit('close', close);
    expect(close.prevented).toBe(true);
    fakes.state.app.emit('window-all-closed');
    expect(fakes.state.calls).not.toContain('quit');

    tray?.menu.find((item) => item.label === 'Quit')?.click?.();
    expect(fakes.state.calls).toContain('quit');
    const closeWhileQuitting = new FakePreventableEvent();
    mainWindow()?.events.emit('close', closeWhileQuitting);
    expect(closeWhileQuitting.prevented).toBe(false);
  });

  it('serves the renderer folder as a privileged app:// scheme, registered before ready and handled after', async () => {
    await startMain();
    expect(fakes.state.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    const { calls } = fakes.state;
    expect(calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(calls.indexOf('whenReady'));
    expect(calls.indexOf('whenReady')).toBeLessThan(calls.indexOf('protocol.handle app'));
    expect([...fakes.state.protocolHandlers.keys()]).toEqual(['app']);
    // Run from the sources, main/index.ts's renderer folder is renderer/ (out/renderer once built).
    const serve = fakes.state.protocolHandlers.get('app')!;
    const page = await serve(new Request('app://aide/index.html?view=quick-ask'));
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(await page.text()).toBe(readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8'));
    expect((await serve(new Request('app://aide/../package.json'))).status).toBe(404);
    expect((await serve(new Request('app://aide/..%2fpackage.json'))).status).toBe(403);
  });

  it('loads the dev server when electron-vite provides one', async () => {
    await startMain({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' });
    expect(mainWindow()?.loaded).toEqual({ url: 'http://localhost:5173/' });
    expect(popup()?.loaded).toEqual({ url: 'http://localhost:5173/?view=quick-ask' });
    expect(fakes.state.protocolHandlers.size).toBe(0);
  });

  /** The store core was handed, after its first answer. */
  const storeOf = () => {
    const store = core.options?.secretStore;
    if (!store || store instanceof Error) throw new Error('core got no store to call');
    return store;
  };

  it('hands core the keychain when there is one', async () => {
    const keychain: SecretStore = {
      kind: 'keychain',
      get: async (account) => `secret of ${account}`,
      set: async () => undefined,
      delete: async () => false,
    };
    core.keychain = keychain;
    await startMain();
    expect(await storeOf().get('openai-api-key')).toBe('secret of openai-api-key');
    expect(storeOf().kind).toBe('keychain');
  });

  it('falls back to the safeStorage file only where the OS encrypts for real', async () => {
    fakes.state.safeStorage = { available: true, backend: 'kwallet5' };
    await startMain();
    expect(await storeOf().get('openai-api-key')).toBeNull();
    expect(storeOf().kind).toBe('encrypted-file');
  });

  it("otherwise passes keytar's error through for core to explain", async () => {
    fakes.state.safeStorage = { available: true, backend: 'basic_text' };
    await startMain();
    await expect(storeOf().get('openai-api-key')).rejects.toThrow('No keychain');
  });

  it('opens the windows without waiting for a keychain that has not answered (a locked keyring asking to be unlocked)', async () => {
    core.keychain = new Promise<never>(() => undefined);
    await startMain();
    expect(mainWindow()?.events.listeners.has('ready-to-show')).toBe(true);
    expect(fakes.state.trays).toHaveLength(1);
  });

  it('sends model requests through Chromium (system proxy, OS certificates), not Node', async () => {
    await startMain();
    const response = await core.options?.fetch?.(new URL('https://api.openai.com/v1/models'));
    expect(await response?.json()).toEqual({});
    expect(fakes.state.netFetches).toEqual(['https://api.openai.com/v1/models']);
  });

  it("replaces Electron's default menu (electronjs.org links, Learn More) with an explicit one", async () => {
    await startMain();
    const text = JSON.stringify(fakes.state.applicationMenu);
    expect(text).toContain('"role":"copy"');
    expect(text).not.toMatch(/electronjs|help|learn more/i);
  });

  it('saves (disposes core) when Windows ends the session, which emits no will-quit', async () => {
    await startMain();
    mainWindow()?.events.emit('session-end');
    expect(core.dispose).toHaveBeenCalledTimes(1);
  });

  it('turns on the GlobalShortcuts portal in a Wayland session, and not under X11', async () => {
    await startMain();
    expect(fakes.state.switches).toEqual([]);
    await startMain({ XDG_SESSION_TYPE: 'wayland' });
    expect(fakes.state.switches).toEqual(
      process.platform === 'linux' ? [['enable-features', 'GlobalShortcutsPortal']] : [],
    );
  });

  it('hardens every webContents, quits when the last window closes and disposes core first', async () => {
    await startMain();
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    fakes.state.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);

    fakes.state.app.emit('window-all-closed');
    expect(fakes.state.calls.filter((call) => call === 'quit')).toHaveLength(process.platform === 'darwin' ? 0 : 1);

    const willQuit = new FakePreventableEvent();
    fakes.state.app.emit('will-quit', willQuit);
    expect(willQuit.prevented).toBe(true);
    expect(core.dispose).toHaveBeenCalledTimes(1);
  });

  it('re-checks the schedule when the computer wakes from sleep', async () => {
    await startMain();
    expect(core.options?.notifier).toBeDefined();
    expect(core.resume).not.toHaveBeenCalled();
    fakes.state.power.emit('resume');
    expect(core.resume).toHaveBeenCalledTimes(1);
  });
});
