// The two ways a request reaches core — Electron IPC (main/ipc.ts with a fake ipcMain) and browser
// mode's WebSocket — behind one `call`, so the payload tests state verdicts once for both.
import { isDeepStrictEqual } from 'node:util';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { channelOf, operationNames, type OperationName } from '../../common/contract';
import { WS_PATH, type WsServerMessage } from '../../common/ws-protocol';
import type { Core } from '../../main/core/core-types';
import type { Logger } from '../../main/core/ports';
import { registerIpc, type InvokeEventLike, type IpcMainLike, type WebContentsLike } from '../../main/ipc';
import { startWebServer } from '../../main/web/web-server';

type Listener = Parameters<IpcMainLike['handle']>[1];

/** ipcMain as registerIpc uses it; `invoke` plays the renderer's ipcRenderer.invoke. */
export class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    this.listeners.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.listeners.delete(channel);
  }
  invoke(channel: string, event: InvokeEventLike, payload: unknown): Promise<unknown> {
    return this.listeners.get(channel)!(event, payload);
  }
}

export const APP_ROOT = '/opt/Aide/resources/app.asar/out/renderer';
export const APP_URL = 'app://aide/index.html';

export const fakeWebContents = (id: number, url = APP_URL): WebContentsLike => ({
  id,
  send: () => undefined,
  isDestroyed: () => false,
  getURL: () => url,
});

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export type Outcome = { ok: true } | { ok: false; error: string };

export interface EdgeConnection {
  /** The error a refused request gets on this edge. */
  refusal(op: OperationName): string;
  call(op: OperationName, payload: unknown): Promise<Outcome>;
  close(): Promise<void>;
}

export interface Edge {
  name: string;
  /** Whether this edge can carry the payload as it is (a WebSocket carries JSON only). */
  carries(payload: unknown): boolean;
  open(core: Core): Promise<EdgeConnection>;
}

export const ipcEdge: Edge = {
  name: 'Electron IPC',
  // Structured clone carries NaN, Infinity, Dates and own __proto__ keys as they are.
  carries: () => true,
  async open(core) {
    const ipcMain = new FakeIpcMain();
    const window = fakeWebContents(1);
    const dispose = registerIpc({
      ipcMain,
      core,
      windows: () => [window],
      location: { kind: 'app', rootDir: APP_ROOT },
      logger: silentLogger,
    });
    const event: InvokeEventLike = { sender: window, senderFrame: { url: APP_URL, parent: null } };
    return {
      refusal: (op) => `Invalid request for ${op}`,
      async call(op, payload) {
        try {
          await ipcMain.invoke(channelOf(op), event, payload);
          return { ok: true };
        } catch (error) {
          return { ok: false, error: error instanceof Error ? error.message : String(error) };
        }
      },
      close: async () => dispose(),
    };
  },
};

/** JSON, with ±Infinity written as ±1e309: valid JSON text that JSON.parse reads as ±Infinity. */
const jsonText = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v === Infinity ? '<+inf>' : v === -Infinity ? '<-inf>' : v))
    .replaceAll('"<+inf>"', '1e309')
    .replaceAll('"<-inf>"', '-1e309');

export const wsEdge: Edge = {
  name: 'browser-mode WebSocket',
  carries: (payload) => payload === undefined || isDeepStrictEqual(JSON.parse(jsonText(payload)) as unknown, payload),
  async open(core) {
    const rendererDir = await mkdtemp(join(tmpdir(), 'aide-renderer-'));
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Aide</title>');
    const web = await startWebServer({ core, rendererDir, logger: silentLogger });
    const token = new URL(web.url).searchParams.get('token')!;
    const socket = new WebSocket(`ws://127.0.0.1:${web.port}${WS_PATH}?token=${token}`, {
      headers: { Origin: `http://127.0.0.1:${web.port}` },
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    let nextId = 1;
    return {
      refusal: () => 'The request was not valid.',
      call: (op, payload) =>
        new Promise((resolve) => {
          const id = nextId++;
          const onMessage = (data: WebSocket.RawData) => {
            const message = JSON.parse(data.toString()) as WsServerMessage;
            if (message.type !== 'result' || message.id !== id) return;
            socket.off('message', onMessage);
            resolve(message.ok ? { ok: true } : { ok: false, error: message.error });
          };
          socket.on('message', onMessage);
          socket.send(jsonText({ type: 'call', id, op, payload }));
        }),
      async close() {
        socket.close();
        await web.close();
      },
    };
  },
};

export type HandlerCall = { op: OperationName; request: unknown };

/**
 * Records every request a handler of `core` receives, in place, so it holds whichever edge or
 * dispatch looks the handlers up; call it before the edge is opened.
 */
export function recordHandlerCalls(core: Core): HandlerCall[] {
  const calls: HandlerCall[] = [];
  const handlers = core.handlers as unknown as Record<OperationName, (request: unknown) => Promise<unknown>>;
  for (const op of operationNames) {
    const handler = handlers[op];
    handlers[op] = (request) => {
      calls.push({ op, request });
      return handler(request);
    };
  }
  return calls;
}
