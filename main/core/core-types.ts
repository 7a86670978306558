// What the edges (Electron IPC, browser mode's WebSocket) need from core: one handler per
// contract operation and one stream of events.
import type { EventName, EventPayload, OperationName, Request, Response } from '../../common/contract';
import type { Dispatch } from './dispatch';

export type Handlers = {
  [N in OperationName]: (request: Request<N>) => Promise<Response<N>>;
};

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface Core {
  /** Each operation's handler, for callers inside main (the tray, notification actions). */
  readonly handlers: Handlers;
  /** The edges' one way in: parses the request, runs its handler, checks the response in tests. */
  readonly dispatch: Dispatch;
  /** Subscribes to every event core emits; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** After sleep or a clock change: fires what came due meanwhile, once, and reschedules. */
  resume(): void;
  /** Stops streams and timers; safe to call twice. */
  dispose(): Promise<void>;
}
