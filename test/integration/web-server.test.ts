// Browser mode's server: only a page it served itself, holding this run's token, may drive the core.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentSecurityPolicy } from '../../main/security';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WS_PATH } from '../../common/ws-protocol';
import { startWebServer, type WebServer } from '../../main/web/web-server';
import { startHarness, type Harness } from '../support/core-harness';

let h: Harness;
let web: WebServer;
let token: string;
let origin: string;

beforeAll(async () => {
  h = await startHarness();
  const rendererDir = await mkdtemp(join(tmpdir(), 'aide-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Aide</title>');
  web = await startWebServer({ core: h.core, rendererDir, logger: { info() {}, warn() {}, error() {} } });
  token = new URL(web.url).searchParams.get('token')!;
  origin = `http://127.0.0.1:${web.port}`;
});
afterAll(async () => {
  await web.close();
  await h.close();
});

function connect(query: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}${WS_PATH}${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function call(ws: WebSocket, id: number, op: string, payload?: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { type: string; id?: number };
      if (message.type === 'result' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message as unknown as { ok: boolean });
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'call', id, op, payload }));
  });
}

describe('browser mode server', () => {
  it('prints a URL on 127.0.0.1 with a long random token', () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('serves the renderer with a Content-Security-Policy', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    // Browser mode is held to the desktop window's policy, not a looser copy of it.
    expect(response.headers.get('content-security-policy')).toBe(
      contentSecurityPolicy({ kind: 'app', rootDir: '/unused' }),
    );
    expect(await response.text()).toContain('<title>Aide</title>');
    expect((await fetch(`${origin}/../../etc/passwd`)).status).toBe(404);
  });

  it('refuses a wrong token, a foreign origin and a foreign Host', async () => {
    await expect(connect('?token=wrong', { Origin: origin })).rejects.toThrow(/403/);
    await expect(connect(`?token=${token}`, { Origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connect(`?token=${token}`, {})).rejects.toThrow(/403/);
    const rebinding = await new Promise<number>((resolve, reject) => {
      get({ host: '127.0.0.1', port: web.port, path: '/', headers: { Host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(rebinding).toBe(403);
  });

  it('carries operations and events for the page it served', async () => {
    const ws = await connect(`?token=${token}`, { Origin: origin });
    const events: string[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; name?: string };
      if (message.type === 'event') events.push(message.name!);
    });
    const created = await call(ws, 1, 'createConversation');
    expect(created.ok).toBe(true);
    expect((created.value as { title: string }).title).toBe('New chat');
    await expect.poll(() => events).toContain('conversationsChanged');

    expect(await call(ws, 2, 'renameConversation', { id: 42 })).toMatchObject({ ok: false, error: 'The request was not valid.' });
    expect(await call(ws, 3, 'readFiles', {})).toMatchObject({ ok: false, error: 'Unknown operation.' });
    const settings = await call(ws, 4, 'getSettings');
    expect(settings.value).toMatchObject({ baseUrl: h.server.url });
    ws.close();
  });
});
