// Browser mode's `window.aide`: the contract's operations and events carried over one
// WebSocket, with calls queued while connecting and a reconnect loop when the socket drops.
import {
  events,
  operationNames,
  operations,
  type AideApi,
  type EventName,
  type OperationName,
  type Response,
} from '../../common/contract';
import { WsServerMessage, type WsCall } from '../../common/ws-protocol';
import type { Connection, ConnectionState } from './connection';

export interface WsAideOptions {
  url: string;
  /** Injected so tests can drive a fake socket. */
  createSocket?: (url: string) => WebSocket;
  /** Delay before the n-th reconnect attempt (n starts at 0). */
  backoff?: (attempt: number) => number;
}

interface Pending {
  op: OperationName;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

type Listener = (payload: unknown) => void;

const defaultBackoff = (attempt: number): number => Math.min(500 * 2 ** attempt, 10_000);

export function createWsAide(options: WsAideOptions): { api: AideApi; connection: Connection } {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const backoff = options.backoff ?? defaultBackoff;
  const pending = new Map<number, Pending>();
  const queue: WsCall[] = [];
  const hub = eventHub();
  const connection = connectionState();
  let nextId = 0;
  let attempt = 0;
  let socket: WebSocket;

  const settle = (message: WsServerMessage): void => {
    if (message.type === 'event') return hub.deliver(message.name, message.payload);
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (!message.ok) {
      call.reject(new Error(message.error));
      return;
    }
    const parsed = operations[call.op].response.safeParse(message.value);
    if (parsed.success) call.resolve(parsed.data);
    else call.reject(new Error(`Unexpected answer to ${call.op}`));
  };

  const connect = (): void => {
    socket = createSocket(options.url);
    socket.addEventListener('open', () => {
      attempt = 0;
      connection.set('open');
      for (const call of queue.splice(0)) socket.send(JSON.stringify(call));
    });
    socket.addEventListener('message', (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch {
        return;
      }
      const parsed = WsServerMessage.safeParse(json);
      if (parsed.success) settle(parsed.data);
    });
    socket.addEventListener('close', () => {
      // Calls sent on the dead socket will never be answered; failing them lets the UI keep
      // the user's input and say so, instead of waiting forever.
      for (const call of pending.values()) call.reject(new Error('Connection to Aide lost'));
      pending.clear();
      connection.set('reconnecting');
      setTimeout(connect, backoff(attempt));
      attempt += 1;
    });
  };

  const call = <N extends OperationName>(op: N, payload: unknown): Promise<Response<N>> =>
    new Promise<unknown>((resolve, reject) => {
      const message: WsCall = { type: 'call', id: nextId++, op, payload };
      pending.set(message.id, { op, resolve, reject });
      if (connection.get() === 'open') socket.send(JSON.stringify(message));
      else queue.push(message);
    }) as Promise<Response<N>>;

  const methods = Object.fromEntries(operationNames.map((op) => [op, (payload?: unknown) => call(op, payload)]));
  // One function per contract operation, built from the same list the contract types come from.
  const api = { ...methods, on: hub.on } as unknown as AideApi;

  connect();
  return { api, connection };
}

/** Listeners per contract event; a payload is delivered only when it fits the event's schema. */
function eventHub() {
  const listeners = new Map<string, Set<Listener>>();
  return {
    on(event: EventName, listener: Listener): () => void {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    deliver(name: string, payload: unknown): void {
      if (!Object.hasOwn(events, name)) return;
      const parsed = events[name as EventName].safeParse(payload);
      if (!parsed.success) return;
      for (const listener of listeners.get(name) ?? []) listener(parsed.data);
    },
  };
}

/** The socket's state as the banner sees it, with its subscribers told of each change. */
function connectionState(): Connection & { set(next: ConnectionState): void } {
  const subscribers = new Set<() => void>();
  let state: ConnectionState = 'connecting';
  return {
    get: () => state,
    subscribe(listener) {
      subscribers.add(listener);
      return () => subscribers.delete(listener);
    },
    set(next) {
      if (next === state) return;
      state = next;
      for (const listener of subscribers) listener();
    },
  };
}
