// Holds the quit until core has stopped its streams and timers, so nothing is cut mid-write.
import type { Logger } from './core/ports';
import type { PreventableEventLike } from './security';

export interface QuittingAppLike {
  on(event: 'will-quit', listener: (event: PreventableEventLike) => void): unknown;
  quit(): void;
}

export function disposeOnQuit(app: QuittingAppLike, dispose: () => Promise<void>, logger: Logger): void {
  let state: 'running' | 'disposing' | 'disposed' = 'running';
  app.on('will-quit', (event) => {
    if (state === 'disposed') return;
    event.preventDefault();
    if (state === 'disposing') return;
    state = 'disposing';
    dispose()
      .catch((error: unknown) => logger.error('Core did not shut down cleanly', { error: String(error) }))
      .finally(() => {
        state = 'disposed';
        app.quit();
      });
  });
}
