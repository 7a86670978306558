// The contract's operation and event names, put in at build time from common/contract.ts
// (scripts/contract-names-define.ts): the preload gets the names without zod, which a sandboxed
// preload could not require, and without a second list to keep in step.
import type { EventName, OperationName } from '../common/contract';

declare const __AIDE_OPERATION_NAMES__: readonly OperationName[];
declare const __AIDE_EVENT_NAMES__: readonly EventName[];

export const operationNames: readonly OperationName[] = __AIDE_OPERATION_NAMES__;
const eventNames: ReadonlySet<string> = new Set(__AIDE_EVENT_NAMES__);

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventNames.has(name);
}

export const channelOf = (name: OperationName | EventName): string => `aide:${name}`;
