// Browser mode: the built renderer on 127.0.0.1 and the contract over one WebSocket. A random
// token per run and an Origin/Host check keep other web pages on this machine from driving it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_PATH, WsCall, type WsServerMessage } from '../../common/ws-protocol';
import type { Core } from '../core/core-types';
import { RequestRefusedError } from '../core/dispatch';
import { errorFields } from '../core/logger';
import type { Logger } from '../core/ports';
import { redact } from '../core/redact';
import { reply, serveStatic } from './static-files';

export interface WebServerOptions {
  core: Core;
  rendererDir: string;
  logger: Logger;
  port?: number;
  token?: string;
}

export interface WebServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  const { core, logger } = options;
  let port = 0;
  const allowedHosts = () => [`${HOST}:${port}`, `localhost:${port}`];

  const server = createServer((request, response) => {
    // A DNS-rebinding page would arrive with its own Host; refuse anything but ours.
    if (!allowedHosts().includes(request.headers.host ?? '')) return reply(response, 403, 'Forbidden');
    void serveStatic(rendererDir, request, response);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    if (!mayConnect(request, token, allowedHosts())) {
      logger.warn('refused a WebSocket connection', { origin: request.headers.origin ?? null });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  wss.on('connection', (ws: WebSocket) => {
    // ws reports a frame over maxPayload or a protocol violation as 'error' and closes that
    // connection; without a listener the event would throw and end browser mode.
    ws.on('error', (error) => logger.warn('closed a WebSocket after a protocol error', errorFields(error)));
    ws.on('message', (data) => void answerCall(core, logger, ws, data.toString()));
  });

  const unsubscribe = core.onEvent((name, payload) => {
    const text = JSON.stringify({ type: 'event', name, payload } satisfies WsServerMessage);
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, HOST, () => done());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    async close() {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** One call from the page: dispatched to core; the answer (or an error in words) goes back on its socket. */
async function answerCall(core: Core, logger: Logger, ws: WebSocket, text: string): Promise<void> {
  let call: WsCall;
  try {
    call = WsCall.parse(JSON.parse(text));
  } catch {
    logger.warn('dropped a malformed WebSocket message');
    return;
  }
  const send = (message: WsServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  try {
    const value = await core.dispatch(call.op, call.payload);
    send({ type: 'result', id: call.id, ok: true, value: value ?? null });
  } catch (error) {
    logger.warn('operation failed', { op: call.op, ...errorFields(error) });
    send({ type: 'result', id: call.id, ok: false, error: redact(messageOf(error)) });
  }
}

function messageOf(error: unknown): string {
  if (error instanceof RequestRefusedError) {
    return error.reason === 'unknown operation' ? 'Unknown operation.' : 'The request was not valid.';
  }
  return error instanceof Error ? error.message : 'Failed.';
}

function mayConnect(request: IncomingMessage, token: string, hosts: string[]): boolean {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname !== WS_PATH) return false;
  if (!hosts.includes(request.headers.host ?? '')) return false;
  const origin = request.headers.origin ?? '';
  if (!hosts.some((host) => origin === `http://${host}`)) return false;
  const given = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
