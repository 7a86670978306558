// Builds `window.aide` from the contract: one named function per operation and `on` for events.
// It holds ipcRenderer privately; neither it nor any IPC event object ever reaches the page.
import type { AideApi, EventName } from '../common/contract';
import { channelOf, isEventName, operationNames } from './contract-names';

export type RendererListener = (event: unknown, payload: unknown) => void;

export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: RendererListener): unknown;
  removeListener(channel: string, listener: RendererListener): unknown;
}

export function createAideApi(ipc: IpcRendererLike): AideApi {
  const invokers = Object.fromEntries(
    operationNames.map((name) => {
      const channel = channelOf(name);
      return [name, (request?: unknown) => ipc.invoke(channel, request)];
    }),
  );

  const on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!isEventName(event)) throw new Error(`Unknown Aide event: ${String(event)}`);
    const channel = channelOf(event);
    const forward: RendererListener = (_event, payload) => listener(payload);
    ipc.on(channel, forward);
    return () => {
      ipc.removeListener(channel, forward);
    };
  };

  // Built from the same names the types come from; main parses every request, so the page
  // gains nothing by calling with other shapes.
  return Object.freeze({ ...invokers, on }) as AideApi;
}
