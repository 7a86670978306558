import { describe, expect, it, vi } from 'vitest';
import { disposeOnQuit, type QuittingAppLike } from '../../main/dispose-on-quit';
import type { PreventableEventLike } from '../../main/security';
import { FakePreventableEvent, recordingLogger } from './electron-fakes';

class FakeApp implements QuittingAppLike {
  private listener: ((event: PreventableEventLike) => void) | null = null;
  quits = 0;
  on(_event: 'will-quit', listener: (event: PreventableEventLike) => void): this {
    this.listener = listener;
    return this;
  }
  quit(): void {
    this.quits += 1;
  }
  willQuit(): FakePreventableEvent {
    const event = new FakePreventableEvent();
    this.listener?.(event);
    return event;
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
});
