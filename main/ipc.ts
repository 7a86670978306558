// The one ipcMain wrapper: registers every contract operation, refuses senders that are not the
// main frame of one of our windows showing our app, hands the payload to core's dispatch (which
// parses it before any handler sees it), and forwards core's events to our windows.
import { channelOf, operationNames, type OperationName } from '../common/contract';
import type { Core } from './core/core-types';
import { RequestRefusedError } from './core/dispatch';
import type { Logger } from './core/ports';
import { isAppUrl, type AppLocation } from './app-location';

export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

export interface WebContentsLike {
  readonly id: number;
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
  getURL(): string;
}

export interface InvokeEventLike {
  readonly sender: WebContentsLike;
  /** Null when the frame navigated away or was destroyed before the message was handled. */
  readonly senderFrame: FrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcOptions {
  ipcMain: IpcMainLike;
  core: Pick<Core, 'dispatch' | 'onEvent'>;
  /** The webContents of every window we created (BrowserWindow.getAllWindows()). */
  windows: () => readonly WebContentsLike[];
  location: AppLocation;
  logger: Logger;
}

/** Registers every operation and the event forwarding; returns the function that undoes both. */
export function registerIpc(options: IpcOptions): () => void {
  const { ipcMain, core, windows, location, logger } = options;

  const refusalOf = (event: InvokeEventLike): string | null => {
    const frame = event.senderFrame;
    if (frame === null) return 'sender frame is gone';
    if (frame.parent !== null) return 'not a main frame';
    if (!windows().some((contents) => contents.id === event.sender.id)) return 'unknown window';
    if (!isAppUrl(location, frame.url)) return 'foreign origin';
    return null;
  };

  const register = (name: OperationName): void => {
    ipcMain.handle(channelOf(name), async (event, payload) => {
      const refusal = refusalOf(event);
      if (refusal !== null) {
        logger.warn('IPC request refused', { operation: name, reason: refusal });
        throw new Error(`Refused ${name}: ${refusal}`);
      }
      try {
        return await core.dispatch(name, payload);
      } catch (error) {
        if (error instanceof RequestRefusedError) {
          // Issue paths and codes help debugging without copying what the sender sent.
          logger.warn('IPC request refused', { operation: name, reason: error.reason, issues: error.issues });
        }
        throw error;
      }
    });
  };

  for (const name of operationNames) register(name);

  const unsubscribe = core.onEvent((name, payload) => {
    const channel = channelOf(name);
    for (const contents of windows()) {
      if (!contents.isDestroyed() && isAppUrl(location, contents.getURL())) contents.send(channel, payload);
    }
  });

  return () => {
    unsubscribe();
    for (const name of operationNames) ipcMain.removeHandler(channelOf(name));
  };
}
