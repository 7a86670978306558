// `window.aide` over a real core in the same process: every call goes through core.dispatch (the
// request parsed, the response checked against the contract) and every value crosses as a
// structured clone, as it would over IPC or the WebSocket. Renderer tests use it in place of a fake.
import { eventNames, operationNames, type AideApi, type EventName } from '../../common/contract';
import type { Core } from '../../main/core/core-types';

export function inProcessAide(core: Pick<Core, 'dispatch' | 'onEvent'>): AideApi {
  const methods = Object.fromEntries(
    operationNames.map((name) => [
      name,
      async (request?: unknown) => structuredClone(await core.dispatch(name, structuredClone(request))),
    ]),
  );
  const on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!eventNames.includes(event)) throw new Error(`Unknown Aide event: ${String(event)}`);
    return core.onEvent((name, payload) => {
      if (name === event) listener(structuredClone(payload));
    });
  };
  return Object.freeze({ ...methods, on }) as unknown as AideApi;
}
