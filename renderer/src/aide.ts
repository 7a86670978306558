// Finds the `window.aide` the app talks to: the preload bridge in Electron, a WebSocket in browser mode.
import type { AideApi } from '../../common/contract';
import { WS_PATH } from '../../common/ws-protocol';
import { alwaysOpen, type Connection } from './connection';
import { createWsAide } from './ws-aide';

export interface AideClient {
  api: AideApi;
  connection: Connection;
  /** True over the WebSocket, where no Electron main shows native notifications. */
  browserMode: boolean;
}

export function getAide(): AideClient {
  const bridged = (globalThis as { aide?: AideApi }).aide;
  if (bridged) return { api: bridged, connection: alwaysOpen, browserMode: false };
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${location.host}${WS_PATH}?token=${encodeURIComponent(token)}`;
  return { ...createWsAide({ url }), browserMode: true };
}
