import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelOf } from '../../common/contract';
import type { AppLocation } from '../../main/app-location';
import { FakeEmitter, FakePreventableEvent, recordingLogger } from './electron-fakes';

const fake = vi.hoisted(() => ({
  created: [] as Array<{ options: Record<string, unknown> }>,
  cursor: { x: 2500, y: 300 },
  cursorReads: 0,
  displays: [
    { workArea: { x: 0, y: 25, width: 1920, height: 1055 } },
    { workArea: { x: 1920, y: 0, width: 2560, height: 1440 } },
  ],
}));

vi.mock('electron', async () => {
  const { FakeEmitter: Emitter } = await import('./electron-fakes');
  class FakeWebContents extends Emitter {
    readonly sent: Array<{ channel: string; payload: unknown }> = [];
    loading = false;
    devTools = false;
    send(channel: string, payload: unknown) {
      this.sent.push({ channel, payload });
    }
    isLoading() {
      return this.loading;
    }
    isDevToolsOpened() {
      return this.devTools;
    }
  }
  class FakeBrowserWindow extends Emitter {
    readonly webContents = new FakeWebContents();
    visible = false;
    focused = false;
    bounds: unknown = null;
    allWorkspaces: unknown[] = [];
    loaded: unknown[] = [];
    constructor(readonly options: Record<string, unknown>) {
      super();
      fake.created.push(this);
    }
    setVisibleOnAllWorkspaces(...args: unknown[]) {
      this.allWorkspaces = args;
    }
    async loadFile(...args: unknown[]) {
      this.loaded = ['file', ...args];
    }
    async loadURL(url: string) {
      this.loaded = ['url', url];
    }
    isDestroyed() {
      return false;
    }
    isVisible() {
      return this.visible;
    }
    setBounds(bounds: unknown) {
      this.bounds = bounds;
    }
    show() {
      this.visible = true;
      this.emit('show');
    }
    hide() {
      this.visible = false;
    }
    focus() {
      this.focused = true;
    }
  }
  const screen = {
    getCursorScreenPoint: () => {
      fake.cursorReads++;
      return fake.cursor;
    },
    getDisplayNearestPoint: (point: { x: number }) => fake.displays[point.x >= 1920 ? 1 : 0],
  };
  return { BrowserWindow: FakeBrowserWindow, screen };
});

const { createQuickAskWindow } = await import('../../main/quick-ask-window');

interface Popup extends FakeEmitter {
  options: Record<string, unknown>;
  webContents: FakeEmitter & {
    sent: Array<{ channel: string; payload: unknown }>;
    loading: boolean;
    devTools: boolean;
  };
  visible: boolean;
  focused: boolean;
  bounds: unknown;
  allWorkspaces: unknown[];
  loaded: unknown[];
}

const appLocation: AppLocation = { kind: 'app', rootDir: '/app/out/renderer' };

function setUp(
  options: { location?: AppLocation; platform?: NodeJS.Platform; quitting?: boolean; wayland?: boolean } = {},
) {
  const logger = recordingLogger();
  let clock = 1000;
  const popup = createQuickAskWindow({
    location: options.location ?? appLocation,
    preloadPath: '/app/out/preload/index.cjs',
    logger,
    platform: options.platform ?? 'linux',
    wayland: options.wayland ?? false,
    isQuitting: () => options.quitting ?? false,
    now: () => (clock += 42),
  });
  return { popup, window: fake.created.at(-1) as unknown as Popup, logger };
}

describe('quick-ask popup', () => {
  beforeEach(() => {
    fake.created.length = 0;
  });

  it('is created hidden, frameless, on top, off the taskbar, with the main window hardening', () => {
    const { window } = setUp();
    expect(window.options).toMatchObject({
      show: false,
      frame: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      resizable: false,
      width: 640,
      height: 420,
      webPreferences: {
        preload: '/app/out/preload/index.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
      },
    });
    expect(window.visible).toBe(false);
    expect(window.allWorkspaces).toEqual([]);
  });

  it('loads app://aide/index.html?view=quick-ask, or the dev server with the query appended', () => {
    expect(setUp().window.loaded).toEqual(['url', 'app://aide/index.html?view=quick-ask']);
    const dev = setUp({ location: { kind: 'dev', url: 'http://localhost:5173/' } });
    expect(dev.window.loaded).toEqual(['url', 'http://localhost:5173/?view=quick-ask']);
  });

  it('follows the person across Spaces and over full-screen apps on macOS as a panel, keeping the Dock icon', () => {
    const { window } = setUp({ platform: 'darwin' });
    expect(window.options.type).toBe('panel');
    // Without skipTransformProcessType Electron turns Aide into a UI-element process: no Dock
    // icon, no menu bar, not in Cmd+Tab.
    expect(window.allWorkspaces).toEqual([true, { visibleOnFullScreen: true, skipTransformProcessType: true }]);
    expect(setUp({ platform: 'win32' }).window.options.type).toBeUndefined();
  });

  it('on Wayland, where the cursor is unknown, leaves the placement to the desktop and only sizes the popup', () => {
    fake.cursorReads = 0;
    const { popup, window, logger } = setUp({ wayland: true });
    popup.show();
    expect(fake.cursorReads).toBe(0);
    expect(window.bounds).toEqual({ width: 640, height: 420 });
    expect(window).toMatchObject({ visible: true, focused: true });
    expect(logger.entries.filter((entry) => entry.level !== 'info')).toEqual([]);
  });

  it('shows centred on the display with the cursor, focused, and tells only itself it was shown', () => {
    const { popup, window } = setUp();
    popup.show();
    expect(window.bounds).toEqual({ x: 1920 + 960, y: 510, width: 640, height: 420 });
    expect(window).toMatchObject({ visible: true, focused: true });
    expect(window.webContents.sent).toEqual([
      { channel: channelOf('quickAskShown'), payload: { shownAt: expect.any(Number) } },
    ]);
  });

  it('waits for its page before announcing when shown while still loading', () => {
    const { popup, window } = setUp();
    window.webContents.loading = true;
    popup.show();
    expect(window.webContents.sent).toEqual([]);
    window.webContents.emit('did-finish-load');
    expect(window.webContents.sent).toHaveLength(1);
  });

  it('logs the time from the shortcut press to the show event', () => {
    const { popup, logger } = setUp();
    popup.show(1000);
    expect(logger.entries).toEqual([{ level: 'info', message: 'Quick ask shown', fields: { ms: 42 } }]);
  });

  it('hides on blur unless the dev tools have focus, and on request', () => {
    const { popup, window } = setUp();
    popup.show();
    window.webContents.devTools = true;
    window.emit('blur');
    expect(window.visible).toBe(true);
    window.webContents.devTools = false;
    window.emit('blur');
    expect(window.visible).toBe(false);
    popup.show();
    popup.hide();
    expect(window.visible).toBe(false);
  });

  it('hides instead of closing, except while quitting', () => {
    const { popup, window } = setUp();
    popup.show();
    const close = new FakePreventableEvent();
    window.emit('close', close);
    expect(close.prevented).toBe(true);
    expect(window.visible).toBe(false);

    const quitting = setUp({ quitting: true });
    const closeWhileQuitting = new FakePreventableEvent();
    quitting.window.emit('close', closeWhileQuitting);
    expect(closeWhileQuitting.prevented).toBe(false);
  });
});
