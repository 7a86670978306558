// Core's one stream of events: services emit, the edges (IPC, WebSocket, tray) listen.
import type { EventName, EventPayload } from '../../common/contract';
import type { EventListener } from './core-types';

export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface EventBus {
  emit: Emit;
  /** Subscribes; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  clear(): void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      for (const listener of listeners) listener(name, payload);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      listeners.clear();
    },
  };
}
