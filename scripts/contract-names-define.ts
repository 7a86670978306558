// The contract's operation and event names as build-time constants (Vite `define`), for the
// preload: a sandboxed preload can require nothing but 'electron', and the contract needs zod.
// electron.vite.config.ts and vitest.config.ts both use it, so the names have one source.
import { eventNames, operationNames } from '../common/contract';

export function contractNamesDefine(): Record<string, string> {
  return {
    __AIDE_OPERATION_NAMES__: JSON.stringify(operationNames),
    __AIDE_EVENT_NAMES__: JSON.stringify(eventNames),
  };
}
