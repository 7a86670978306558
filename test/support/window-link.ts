// How the window under test hears a core in process: a connection that can drop (events are lost
// meanwhile, as with a closed WebSocket), events a busy page queues, and replies that come late.
import { operationNames, type AideApi, type OperationName } from '../../common/contract';
import type { Core } from '../../main/core/core-types';
import type { Connection, ConnectionState } from '../../renderer/src/connection';
import { inProcessAide } from './in-process-aide';

export interface WindowLink {
  aide: AideApi;
  /** `drop()` loses the connection as a closed WebSocket would; `reopen()` brings it back. */
  connection: Connection & { drop(): void; reopen(): void };
  /** Queues the window's events from now on, as a busy page does; the returned function delivers them in one go. */
  holdEvents(): () => void;
}

/** `window.aide` over whichever core `core()` returns now (a restart brings a new one). */
export function windowLink(core: () => Pick<Core, 'dispatch' | 'onEvent'>): WindowLink {
  const connection = droppableConnection();
  let held: Array<() => void> | null = null;
  const aide = inProcessAide({
    dispatch: (name, payload) => core().dispatch(name, payload),
    onEvent: (listener) =>
      core().onEvent((name, payload) => {
        if (connection.get() !== 'open') return;
        if (held) held.push(() => listener(name, payload));
        else listener(name, payload);
      }),
  });
  return {
    aide,
    connection,
    holdEvents() {
      const queue: Array<() => void> = [];
      held = queue;
      return () => {
        held = null;
        for (const deliver of queue) deliver();
      };
    },
  };
}

/**
 * `api` with every reply held back `ms` while events go on at once: a busy link, where the first
 * events of an answer overtake the reply that names it.
 */
export function slowReplies(api: AideApi, ms: number): AideApi {
  const call = (name: OperationName) => async (request?: unknown) => {
    const reply = await (api[name] as (request?: unknown) => Promise<unknown>)(request);
    await new Promise((resolve) => setTimeout(resolve, ms));
    return reply;
  };
  return Object.freeze({
    ...Object.fromEntries(operationNames.map((name) => [name, call(name)])),
    on: api.on,
  }) as unknown as AideApi;
}

function droppableConnection(): WindowLink['connection'] {
  let state: ConnectionState = 'open';
  const listeners = new Set<() => void>();
  const set = (next: ConnectionState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    drop: () => set('reconnecting'),
    reopen: () => set('open'),
  };
}
