// The one way in: both edges (Electron IPC, browser mode's WebSocket) hand an operation's name and
// an untrusted payload to dispatch, which parses the request against the contract, runs the
// feature's handler and, in development and tests, checks the response against the contract too.
import type { ZodError } from 'zod';
import { isOperationName, operations } from '../../common/contract';
import type { Handlers } from './core-types';
import { diskErrorOf } from './storage/disk-errors';

/** A call refused before any handler ran; `issues` name the fields, never what the sender sent. */
export class RequestRefusedError extends Error {
  override name = 'RequestRefusedError';
  constructor(
    readonly operation: string,
    readonly reason: 'unknown operation' | 'invalid payload',
    readonly issues: string[] = [],
  ) {
    super(reason === 'unknown operation' ? `Unknown operation ${operation}` : `Invalid request for ${operation}`);
  }
}

export type Dispatch = (name: string, payload: unknown) => Promise<unknown>;

const issuesOf = (error: ZodError): string[] =>
  error.issues.map((issue) => `${issue.path.map(String).join('.')}:${issue.code}`);

export function createDispatch(handlers: Handlers, options: { checkResponses: boolean }): Dispatch {
  return async (name, payload) => {
    if (!isOperationName(name)) throw new RequestRefusedError(String(name).slice(0, 100), 'unknown operation');
    const request = operations[name].request.safeParse(payload);
    if (!request.success) throw new RequestRefusedError(name, 'invalid payload', issuesOf(request.error));
    const handler = handlers[name] as (request: unknown) => Promise<unknown>;
    let response: unknown;
    try {
      response = await handler(request.data);
    } catch (error) {
      // Every feature writes to the data folder; a system error's text names a path and means
      // nothing to the person, so it is worded once here for both edges.
      throw diskErrorOf(error) ?? error;
    }
    // A handler that drifts from the contract is a bug to catch in tests, not a cost to pay in
    // the shipped app; the value is returned as the handler made it either way.
    if (options.checkResponses) {
      const checked = operations[name].response.safeParse(response);
      if (!checked.success) {
        throw new Error(`The response of ${name} does not fit the contract (${issuesOf(checked.error).join(', ')})`);
      }
    }
    return response;
  };
}
