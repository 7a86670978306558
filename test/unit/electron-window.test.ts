import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppLocation } from '../../main/app-location';
import { recordingLogger } from './electron-fakes';

const fake = vi.hoisted(() => {
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    static loadResult: Promise<void> = Promise.resolve();
    readonly listeners = new Map<string, () => void>();
    shown = false;
    loaded: { file?: string; url?: string } = {};
    constructor(readonly options: unknown) {
      FakeBrowserWindow.created.push(this);
    }
    once(name: string, listener: () => void): this {
      this.listeners.set(name, listener);
      return this;
    }
    show(): void {
      this.shown = true;
    }
    loadFile(file: string): Promise<void> {
      this.loaded = { file };
      return FakeBrowserWindow.loadResult;
    }
    loadURL(url: string): Promise<void> {
      this.loaded = { url };
      return FakeBrowserWindow.loadResult;
    }
  }
  return { FakeBrowserWindow };
});

vi.mock('electron', () => ({ BrowserWindow: fake.FakeBrowserWindow }));

const { createMainWindow, mainWindowOptions } = await import('../../main/window');

const preloadPath = '/app/out/preload/index.cjs';
const appLocation: AppLocation = { kind: 'app', rootDir: '/app/out/renderer' };

describe('main window', () => {
  beforeEach(() => {
    fake.FakeBrowserWindow.created.length = 0;
    fake.FakeBrowserWindow.loadResult = Promise.resolve();
  });

  it('locks the renderer down and loads our preload', () => {
    const options = mainWindowOptions(preloadPath);
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the built renderer from app://aide/ (never file://) and shows the window only when it is ready', () => {
    createMainWindow({ location: appLocation, preloadPath, logger: recordingLogger() });
    const [window] = fake.FakeBrowserWindow.created;
    expect(window?.options).toEqual(mainWindowOptions(preloadPath));
    expect(window?.loaded).toEqual({ url: 'app://aide/index.html' });
    expect(window?.shown).toBe(false);
    window?.listeners.get('ready-to-show')?.();
    expect(window?.shown).toBe(true);
  });

  it('stays hidden when Aide starts in the background', () => {
    createMainWindow({ location: appLocation, preloadPath, logger: recordingLogger(), showWhenReady: false });
    expect(fake.FakeBrowserWindow.created[0]?.listeners.has('ready-to-show')).toBe(false);
  });

  it('loads the dev server when running from it', () => {
    createMainWindow({
      location: { kind: 'dev', url: 'http://localhost:5173/' },
      preloadPath,
      logger: recordingLogger(),
    });
    expect(fake.FakeBrowserWindow.created[0]?.loaded).toEqual({ url: 'http://localhost:5173/' });
  });

  it('logs a page that fails to load', async () => {
    fake.FakeBrowserWindow.loadResult = Promise.reject(new Error('ERR_FILE_NOT_FOUND'));
    const logger = recordingLogger();
    createMainWindow({ location: appLocation, preloadPath, logger });
    await vi.waitFor(() =>
      expect(logger.entries).toEqual([
        {
          level: 'error',
          message: 'Could not load the app page',
          fields: { error: 'Error: ERR_FILE_NOT_FOUND', view: 'main' },
        },
      ]),
    );
  });
});
