import { describe, expect, it, vi } from 'vitest';
import { disposeOnQuit } from '../../main/dispose-on-quit';
import { FakeEmitter, FakePreventableEvent, recordingLogger } from './electron-fakes';

class FakeApp extends FakeEmitter {
  quits = 0;
  quit(): void {
    this.quits += 1;
  }
  willQuit(): FakePreventableEvent {
    const event = new FakePreventableEvent();
    this.emit('will-quit', event);
    return event;
  }
  /** Electron's 'browser-window-created'; the window can then end the Windows session. */
  createWindow(): FakeEmitter {
    const window = new FakeEmitter();
    this.emit('browser-window-created', {}, window);
    return window;
  }
}

function deferred() {
  let resolve: () => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('disposeOnQuit', () => {
  it('holds the quit until core is disposed, once, then quits', async () => {
    const app = new FakeApp();
    const pending = deferred();
    const dispose = vi.fn(() => pending.promise);
    disposeOnQuit(app, dispose, recordingLogger());

    expect(app.willQuit().prevented).toBe(true);
    expect(app.willQuit().prevented).toBe(true);
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(app.quits).toBe(0);

    pending.resolve();
    await vi.waitFor(() => expect(app.quits).toBe(1));
    expect(app.willQuit().prevented).toBe(false);
    expect(dispose).toHaveBeenCalledTimes(1);
  });

  it('still quits, and logs, when disposing fails', async () => {
    const app = new FakeApp();
    const logger = recordingLogger();
    disposeOnQuit(app, () => Promise.reject(new Error('timer stuck')), logger);
    app.willQuit();
    await vi.waitFor(() => expect(app.quits).toBe(1));
    expect(logger.entries).toEqual([
      { level: 'error', message: 'Core did not shut down cleanly', fields: { error: 'Error: timer stuck' } },
    ]);
  });

  it('saves when Windows shuts down or logs off, which sends no will-quit: on any window\'s session-end, once', async () => {
    const app = new FakeApp();
    const pending = deferred();
    const dispose = vi.fn(() => pending.promise);
    disposeOnQuit(app, dispose, recordingLogger());
    const main = app.createWindow();
    const popup = app.createWindow();

    main.emit('session-end');
    popup.emit('session-end');
    expect(dispose).toHaveBeenCalledTimes(1);
    // A quit that comes meanwhile waits for the same disposal, then goes through.
    expect(app.willQuit().prevented).toBe(true);
    pending.resolve();
    await vi.waitFor(() => expect(app.quits).toBe(1));
    expect(dispose).toHaveBeenCalledTimes(1);
  });

  it('ends the session without quitting Aide itself (Windows ends the process)', async () => {
    const app = new FakeApp();
    const dispose = vi.fn(async () => undefined);
    disposeOnQuit(app, dispose, recordingLogger());
    app.createWindow().emit('session-end');
    await vi.waitFor(() => expect(dispose).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(app.quits).toBe(0);
  });
});
