import { resolve } from 'node:path';
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
  };

  class FakeBrowserWindow {
    static getAllWindows = () => state.windows;
    readonly events = emitter();
    readonly webContents = { id: state.windows.length + 1 };
    minimized = true;
    focused = false;
    loaded: { file?: string; url?: string } = {};
    constructor(readonly options: { webPreferences: { preload: string } }) {
      state.windows.push(this);
    }
    on(name: string, listener: Listener) {
      this.events.on(name, listener);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
    show() {}
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
    }
    focus() {
      this.focused = true;
    }
    async loadFile(file: string) {
      this.loaded = { file };
    }
    async loadURL(url: string) {
      this.loaded = { url };
    }
  }

  const app = Object.assign(state.app, {
    get isPackaged() {
      return state.isPackaged;
    },
    enableSandbox: () => calls.push('enableSandbox'),
    setPath: (name: string, path: string) => {
      calls.push(`setPath ${name} ${path}`);
      state.userData = path;
    },
    getPath: () => state.userData,
    requestSingleInstanceLock: () => {
      calls.push('requestSingleInstanceLock');
      return state.gotLock;
    },
    whenReady: async () => undefined,
    quit: () => calls.push('quit'),
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
      isEncryptionAvailable: () => state.safeStorage.available,
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
    shell: { openExternal: async (url: string) => void state.opened.push(url) },
    powerMonitor: state.power,
    Notification: class {
      static isSupported = () => false;
    },
    dialog: { showErrorBox: (title: string) => calls.push(`showErrorBox ${title}`) },
  };
  return { state, electron };
});

const core = vi.hoisted(() => ({
  options: null as CoreOptions | null,
  keychain: new Error('No keychain') as SecretStore | Error,
  dispose: vi.fn(async () => undefined),
  resume: vi.fn(),
}));

vi.mock('electron', () => ({ ...fakes.electron, default: fakes.electron }));
vi.mock('electron-store', () => ({ default: class {} }));
vi.mock('../../main/core/create-core', () => ({
  createCore: async (options: CoreOptions) => {
    core.options = options;
    return { handlers: {}, onEvent: () => () => undefined, dispose: core.dispose, resume: core.resume };
  },
}));
vi.mock('../../main/core/secrets/keytar-secret-store', () => ({
  createKeytarSecretStore: async () => core.keychain,
}));
vi.mock('../../main/core/logger', () => ({ createFileLogger: () => recordingLogger() }));

async function startMain(env: Record<string, string | undefined> = {}) {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  await import('../../main/index');
  await vi.waitFor(() => {
    if (fakes.state.gotLock && fakes.state.windows.length === 0) throw new Error('no window yet');
  });
}

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
    state.handlers.clear();
    state.safeStorage = { available: false, backend: 'gnome_libsecret' };
    core.options = null;
    core.keychain = new Error('No keychain');
    core.dispose.mockClear();
    vi.stubEnv('AIDE_DATA_DIR', undefined);
    vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('sets the data folder before taking the single-instance lock, then starts core, IPC and the window', async () => {
    await startMain({ AIDE_DATA_DIR: 'relative/data', OPENAI_API_KEY: 'sk-from-env' });
    const dataDir = resolve('relative/data');
    expect(fakes.state.calls.slice(0, 3)).toEqual([
      'enableSandbox',
      `setPath userData ${dataDir}`,
      'requestSingleInstanceLock',
    ]);
    expect(core.options).toMatchObject({ dataDir, env: { OPENAI_API_KEY: 'sk-from-env' } });
    expect(typeof core.options?.openStore).toBe('function');
    expect([...fakes.state.handlers.keys()].sort()).toEqual(operationNames.map(channelOf).sort());
    expect(fakes.state.calls).toEqual(
      expect.arrayContaining(['setPermissionRequestHandler', 'setPermissionCheckHandler', 'onHeadersReceived']),
    );
    const [window] = fakes.state.windows;
    expect(window?.options.webPreferences.preload).toMatch(/preload[/\\]index\.cjs$/);
    expect(window?.loaded.file).toMatch(/renderer[/\\]index\.html$/);
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
    fakes.state.app.emit('second-instance');
    expect(fakes.state.windows[0]).toMatchObject({ minimized: false, focused: true });
  });

  it('loads the dev server when electron-vite provides one', async () => {
    await startMain({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' });
    expect(fakes.state.windows[0]?.loaded).toEqual({ url: 'http://localhost:5173/' });
  });

  it('hands core the keychain when there is one', async () => {
    const keychain: SecretStore = {
      kind: 'keychain',
      get: async () => null,
      set: async () => undefined,
      delete: async () => false,
    };
    core.keychain = keychain;
    await startMain();
    expect(core.options?.secretStore).toBe(keychain);
  });

  it('falls back to the safeStorage file only where the OS encrypts for real', async () => {
    fakes.state.safeStorage = { available: true, backend: 'kwallet5' };
    await startMain();
    expect(core.options?.secretStore).toMatchObject({ kind: 'encrypted-file' });
  });

  it("otherwise passes keytar's error through for core to explain", async () => {
    fakes.state.safeStorage = { available: true, backend: 'basic_text' };
    await startMain();
    const secretStore = core.options?.secretStore;
    expect(secretStore).toBeInstanceOf(Error);
    expect(secretStore).toBe(core.keychain);
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
