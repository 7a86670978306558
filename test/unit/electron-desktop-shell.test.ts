import { describe, expect, it, vi } from 'vitest';
import { createDesktopShell, type MainWindowLike } from '../../main/desktop-shell';
import { FakeEmitter, FakeGlobalShortcut, FakePreventableEvent, recordingLogger } from './electron-fakes';

class FakeApp extends FakeEmitter {
  quits = 0;
  quit(): void {
    this.quits++;
    // Electron's quit: before-quit, then every window closes (each may refuse), then will-quit.
    const beforeQuit = new FakePreventableEvent();
    this.emit('before-quit', beforeQuit);
  }
}

class FakeMainWindow extends FakeEmitter implements MainWindowLike {
  visible: boolean;
  minimized = false;
  focused = false;
  closed = false;
  constructor(readonly shownAtStart: boolean) {
    super();
    this.visible = shownAtStart;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  show() {
    this.visible = true;
  }
  focus() {
    this.focused = true;
  }
  hide() {
    this.visible = false;
  }
  /** The window's close button: 'close' may be refused; otherwise 'closed' follows. */
  close() {
    const event = new FakePreventableEvent();
    this.emit('close', event);
    if (event.prevented) return;
    this.closed = true;
    this.visible = false;
    this.emit('closed');
  }
}

const desktop = (overrides: Partial<{ shortcut: string; runInBackground: boolean; startAtLogin: boolean }> = {}) => ({
  shortcut: 'CommandOrControl+Shift+Space',
  runInBackground: false,
  startAtLogin: false,
  ...overrides,
});

function setUp(platform: NodeJS.Platform = 'linux', wayland = false) {
  const app = new FakeApp();
  const globalShortcut = new FakeGlobalShortcut();
  const windows: FakeMainWindow[] = [];
  const popup = { show: vi.fn(), hide: vi.fn() };
  let isQuitting: () => boolean = () => false;
  const setStartAtLogin = vi.fn();
  const logger = recordingLogger();
  const shell = createDesktopShell({
    app,
    platform,
    wayland,
    globalShortcut,
    logger,
    now: () => 500,
    openMainWindow: (show) => {
      const window = new FakeMainWindow(show);
      windows.push(window);
      return window;
    },
    openQuickAsk: (quitting) => {
      isQuitting = quitting;
      return popup;
    },
    setStartAtLogin,
  });
  return { app, globalShortcut, windows, popup, shell, setStartAtLogin, logger, isQuitting: () => isQuitting() };
}

describe('desktop shell', () => {
  it('opens the main window at start, or loads it hidden for a background start', () => {
    const normal = setUp();
    normal.shell.start({ hidden: false, request: 'main' });
    expect(normal.windows.map((w) => w.shownAtStart)).toEqual([true]);
    expect(normal.popup.show).not.toHaveBeenCalled();

    const hidden = setUp();
    hidden.shell.start({ hidden: true, request: 'main' });
    expect(hidden.windows.map((w) => w.shownAtStart)).toEqual([false]);
  });

  it('opens the popup, not the window, when the first launch asks for quick ask', () => {
    const { shell, windows, popup } = setUp();
    shell.start({ hidden: false, request: 'quick-ask' });
    expect(windows.map((w) => w.shownAtStart)).toEqual([false]);
    expect(popup.show).toHaveBeenCalledTimes(1);
  });

  it('routes a second launch or link: quick ask to the popup, anything else to the main window', () => {
    const { shell, windows, popup } = setUp();
    shell.start({ hidden: true, request: 'main' });
    shell.handle('quick-ask');
    expect(popup.show).toHaveBeenCalledTimes(1);
    windows[0]!.minimized = true;
    shell.handle('main');
    expect(windows[0]).toMatchObject({ visible: true, minimized: false, focused: true });
  });

  it('registers the shortcut through apply, reports a refusal, and shows the popup on a press', () => {
    const { shell, globalShortcut, popup } = setUp();
    expect(shell.apply(desktop())).toBeNull();
    shell.start({ hidden: false, request: 'main' });
    globalShortcut.press('CommandOrControl+Shift+Space');
    expect(popup.show).toHaveBeenCalledWith(500);

    globalShortcut.taken.add('Alt+Space');
    expect(shell.apply(desktop({ shortcut: 'Alt+Space' }))).toMatch(/^The shortcut Alt\+Space could not be registered/);
    expect(globalShortcut.calls).toContain('unregister CommandOrControl+Shift+Space');
  });

  it('shows the popup once started when the shortcut was pressed while core was starting', () => {
    const { shell, globalShortcut, popup } = setUp();
    shell.apply(desktop());
    globalShortcut.press('CommandOrControl+Shift+Space');
    expect(popup.show).not.toHaveBeenCalled();
    shell.start({ hidden: true, request: 'main' });
    expect(popup.show).toHaveBeenCalledWith(500);
  });

  it('loads the main window hidden when the shortcut was pressed during start-up, so it cannot take focus from the popup', () => {
    const { shell, globalShortcut, popup, windows } = setUp();
    shell.apply(desktop());
    globalShortcut.press('CommandOrControl+Shift+Space');
    shell.start({ hidden: false, request: 'main' });
    expect(windows.map((w) => w.shownAtStart)).toEqual([false]);
    expect(popup.show).toHaveBeenCalledTimes(1);
  });

  it('loads the main window hidden for aide://quick-ask that arrived before start-up finished (macOS cold start)', () => {
    const { shell, popup, windows } = setUp('darwin');
    shell.handle('quick-ask');
    shell.start({ hidden: false, request: 'main' });
    expect(windows.map((w) => w.shownAtStart)).toEqual([false]);
    expect(popup.show).toHaveBeenCalledTimes(1);
  });

  it('ignores a Dock click while core is starting: the window opens once, when IPC is ready', () => {
    const { app, shell, windows } = setUp('darwin');
    app.emit('activate');
    shell.showMainWindow();
    expect(windows).toHaveLength(0);
    shell.start({ hidden: false, request: 'main' });
    expect(windows.map((w) => w.shownAtStart)).toEqual([true]);
    app.emit('activate');
    expect(windows).toHaveLength(1);
  });

  it('shows the main window of a background start when a second launch asked for it during start-up', () => {
    const { shell, windows } = setUp();
    shell.handle('main');
    expect(windows).toHaveLength(0);
    shell.start({ hidden: true, request: 'main' });
    expect(windows.map((w) => w.shownAtStart)).toEqual([true]);
  });

  it('notes on Wayland, even when registering succeeded, that the desktop may not deliver the shortcut', () => {
    const wayland = setUp('linux', true);
    expect(wayland.shell.apply(desktop())).toBeNull();
    expect(wayland.shell.shortcutNote).toContain('aide --quick-ask');
    expect(setUp('linux', false).shell.shortcutNote).toBeNull();
  });

  it('hides the popup for core', () => {
    const { shell, popup } = setUp();
    shell.start({ hidden: false, request: 'main' });
    shell.hideQuickAsk();
    expect(popup.hide).toHaveBeenCalledTimes(1);
  });

  it('sets the login item only when the setting changes, and logs a failure', () => {
    const { shell, setStartAtLogin, logger } = setUp();
    shell.apply(desktop({ startAtLogin: true }));
    shell.apply(desktop({ startAtLogin: true, runInBackground: true }));
    shell.apply(desktop({ startAtLogin: false }));
    expect(setStartAtLogin.mock.calls).toEqual([[true], [false]]);

    setStartAtLogin.mockImplementation(() => {
      throw new Error('EACCES');
    });
    shell.apply(desktop({ startAtLogin: true }));
    expect(logger.entries).toEqual([
      {
        level: 'warn',
        message: 'Could not change starting at login',
        fields: { enabled: true, error: 'Error: EACCES' },
      },
    ]);
  });

  describe('running in the background', () => {
    it('hides the window on close and keeps running when the last window closes', () => {
      const { app, shell, windows } = setUp();
      shell.apply(desktop({ runInBackground: true }));
      shell.start({ hidden: false, request: 'main' });
      windows[0]!.close();
      expect(windows[0]).toMatchObject({ closed: false, visible: false });
      app.emit('window-all-closed');
      expect(app.quits).toBe(0);

      shell.showMainWindow();
      expect(windows).toHaveLength(1);
      expect(windows[0]!.visible).toBe(true);
    });

    it('quits for real from the tray: windows and the popup may close then', () => {
      const { app, shell, windows, isQuitting } = setUp();
      shell.apply(desktop({ runInBackground: true }));
      shell.start({ hidden: false, request: 'main' });
      shell.quit();
      expect(app.quits).toBe(1);
      expect(isQuitting()).toBe(true);
      windows[0]!.close();
      expect(windows[0]!.closed).toBe(true);
    });

    it("counts any quit (the app menu, Cmd+Q) once 'before-quit' is seen", () => {
      const { app, shell, windows } = setUp('darwin');
      shell.apply(desktop({ runInBackground: true }));
      shell.start({ hidden: false, request: 'main' });
      app.emit('before-quit', new FakePreventableEvent());
      windows[0]!.close();
      expect(windows[0]!.closed).toBe(true);
    });
  });

  describe('not running in the background', () => {
    it('quits when the main window closes, though the hidden popup is still open', () => {
      const { app, shell, windows } = setUp();
      shell.apply(desktop());
      shell.start({ hidden: false, request: 'main' });
      windows[0]!.close();
      expect(windows[0]!.closed).toBe(true);
      expect(app.quits).toBe(1);
      app.emit('window-all-closed');
      expect(app.quits).toBe(2);
    });

    it('stays open on macOS and reopens the window when the dock icon is clicked', () => {
      const { app, shell, windows } = setUp('darwin');
      shell.apply(desktop());
      shell.start({ hidden: false, request: 'main' });
      windows[0]!.close();
      app.emit('window-all-closed');
      expect(app.quits).toBe(0);
      app.emit('activate');
      expect(windows).toHaveLength(2);
      expect(windows[1]!.shownAtStart).toBe(true);
    });
  });

  it('unregisters the shortcut when the app is about to quit', () => {
    const { app, shell, globalShortcut } = setUp();
    shell.apply(desktop());
    app.emit('will-quit', new FakePreventableEvent());
    expect(globalShortcut.registered.size).toBe(0);
  });
});
