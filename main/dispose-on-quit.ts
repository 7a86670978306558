// Holds the quit until core has stopped its streams and timers, so nothing is cut mid-write.
// Windows shutdown and log-off emit no before-quit or will-quit, only each window's
// 'session-end': core is disposed then too, once.
import type { Logger } from './core/ports';
import type { PreventableEventLike } from './security';

export interface SessionWindowLike {
  on(event: 'session-end', listener: () => void): unknown;
}

export interface QuittingAppLike {
  on(event: 'will-quit', listener: (event: PreventableEventLike) => void): unknown;
  on(event: 'browser-window-created', listener: (event: unknown, window: SessionWindowLike) => void): unknown;
  quit(): void;
}

export function disposeOnQuit(app: QuittingAppLike, dispose: () => Promise<void>, logger: Logger): void {
  let state: 'running' | 'disposing' | 'disposed' = 'running';
  let quitWhenDisposed = false;
  const disposeOnce = () => {
    if (state !== 'running') return;
    state = 'disposing';
    dispose()
      .catch((error: unknown) => logger.error('Core did not shut down cleanly', { error: String(error) }))
      .finally(() => {
        state = 'disposed';
        if (quitWhenDisposed) app.quit();
      });
  };
  app.on('will-quit', (event) => {
    if (state === 'disposed') return;
    event.preventDefault();
    quitWhenDisposed = true;
    disposeOnce();
  });
  app.on('browser-window-created', (_event, window) => {
    window.on('session-end', () => {
      if (state !== 'running') return;
      logger.info('Session ending: saving before Windows closes Aide');
      // Windows ends the process shortly after; there is no quit to hold.
      disposeOnce();
    });
  });
}
