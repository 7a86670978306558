// Browser mode's wire format: the contract of contract.ts carried as JSON over one WebSocket.
import { z } from 'zod';

/** Renderer → server: call an operation. `id` pairs the reply with the call. */
export const WsCall = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  op: z.string(),
  payload: z.unknown().optional(),
});

/** Server → renderer: the result of a call, or an event. */
export const WsServerMessage = z.union([
  z.object({ type: z.literal('result'), id: z.number(), ok: z.literal(true), value: z.unknown() }),
  z.object({ type: z.literal('result'), id: z.number(), ok: z.literal(false), error: z.string() }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);

export type WsCall = z.output<typeof WsCall>;
export type WsServerMessage = z.output<typeof WsServerMessage>;

/** Path of the WebSocket endpoint; the token travels as `?token=`. */
export const WS_PATH = '/aide-ws';
