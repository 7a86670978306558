// How the renderer learns whether `window.aide` can reach main right now (browser mode can lose it).
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

/** Shaped for React's useSyncExternalStore. */
export interface Connection {
  get(): ConnectionState;
  subscribe(listener: () => void): () => void;
}

/** Electron's preload bridge never disconnects. */
export const alwaysOpen: Connection = {
  get: () => 'open',
  subscribe: () => () => undefined,
};
