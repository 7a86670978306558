// The app:// handler (main/app-protocol.ts) on a real renderer folder in a temp directory, with a
// secret next to it that no URL may reach.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, pathSegmentsOf, type AppProtocolHandler } from '../../main/app-protocol';
import { recordingLogger } from './electron-fakes';

const policy = "default-src 'none'; script-src 'self'";
const indexHtml = '<!doctype html><html><body><div id="root"></div></body></html>';

let base: string;
let rootDir: string;
let serve: AppProtocolHandler;
const logger = recordingLogger();

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'aide-app-protocol-'));
  rootDir = join(base, 'out', 'renderer');
  mkdirSync(join(rootDir, 'assets', 'fonts'), { recursive: true });
  writeFileSync(join(rootDir, 'index.html'), indexHtml);
  writeFileSync(join(rootDir, 'assets', 'index-abc123.js'), 'export const answer = 42;\n');
  writeFileSync(join(rootDir, 'assets', 'index-abc123.css'), 'body { margin: 0 }\n');
  writeFileSync(join(rootDir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(rootDir, 'assets', 'tray.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  writeFileSync(join(rootDir, 'assets', 'fonts', 'inter.woff2'), Buffer.from('wOF2font'));
  writeFileSync(join(rootDir, 'assets', 'prices.json'), '{"gpt":1}');
  writeFileSync(join(rootDir, 'assets', 'blob.bin'), Buffer.from([0, 1, 2]));
  writeFileSync(join(rootDir, 'assets', 'name with space.js'), 'export {};\n');
  // Next to the renderer, as the packaged app's main code and the user's files would be.
  writeFileSync(join(base, 'out', 'secret.txt'), 'sk-never-served');
  writeFileSync(join(base, 'secret.txt'), 'sk-never-served');
  symlinkSync(join(base, 'secret.txt'), join(rootDir, 'assets', 'escape.txt'));
  symlinkSync(join(base, 'out'), join(rootDir, 'assets', 'escape-dir'));
  symlinkSync(join(rootDir, 'assets', 'index-abc123.js'), join(rootDir, 'assets', 'alias.js'));
  serve = createAppProtocolHandler({ rootDir, contentSecurityPolicy: policy, logger });
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, init?: RequestInit) => serve(new Request(url, init));

describe('app:// protocol handler', () => {
  it('serves index.html for app://aide/ and app://aide/index.html, query and hash ignored', async () => {
    for (const url of [
      'app://aide/',
      'app://aide',
      'app://aide/index.html',
      'app://aide/index.html?view=quick-ask#top',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toBe(indexHtml);
    }
  });

  it.each([
    ['assets/index-abc123.js', 'text/javascript; charset=utf-8', 'export const answer = 42;\n'],
    ['assets/index-abc123.css', 'text/css; charset=utf-8', 'body { margin: 0 }\n'],
    ['assets/logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['assets/prices.json', 'application/json; charset=utf-8', '{"gpt":1}'],
    ['assets/fonts/inter.woff2', 'font/woff2', 'wOF2font'],
    ['assets/name%20with%20space.js', 'text/javascript; charset=utf-8', 'export {};\n'],
    ['assets/alias.js', 'text/javascript; charset=utf-8', 'export const answer = 42;\n'],
  ])('serves %s as %s, byte for byte', async (path, type, body) => {
    const response = await get(`app://aide/${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(type);
    expect(response.headers.get('Content-Length')).toBe(String(Buffer.byteLength(body)));
    expect(await response.text()).toBe(body);
  });

  it('serves binary files unchanged, unknown kinds as octet-stream', async () => {
    const png = await get('app://aide/assets/tray.png');
    expect(png.headers.get('Content-Type')).toBe('image/png');
    expect([...new Uint8Array(await png.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const blob = await get('app://aide/assets/blob.bin');
    expect(blob.headers.get('Content-Type')).toBe('application/octet-stream');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0, 1, 2]);
  });

  it('sends the Content-Security-Policy and nosniff with every file', async () => {
    for (const path of ['index.html', 'assets/index-abc123.js']) {
      const response = await get(`app://aide/${path}`);
      expect(response.headers.get('Content-Security-Policy')).toBe(policy);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await get('app://aide/assets/index-abc123.js', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Length')).toBe('26');
    expect(response.body).toBeNull();
  });

  it.each(['POST', 'PUT', 'DELETE'])('refuses %s with 405', async (method) => {
    const response = await get('app://aide/index.html', { method, body: method === 'DELETE' ? null : 'x' });
    expect(response.status).toBe(405);
  });

  it.each([
    'app://other/index.html',
    'app://aide.evil.example/index.html',
    'app://aide:8080/index.html',
    'app://aide./index.html',
    'app://localhost/index.html',
  ])('refuses %s (not our host) with 403 and logs it', async (url) => {
    logger.entries.length = 0;
    const response = await get(url);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('Forbidden');
    expect(logger.entries).toEqual([
      {
        level: 'warn',
        message: 'app:// request refused',
        fields: expect.objectContaining({ reason: 'not app://aide' }),
      },
    ]);
  });

  it.each([
    'app://aide/..%2fsecret.txt',
    'app://aide/..%2f..%2fsecret.txt',
    'app://aide/assets%2f..%2f..%2fsecret.txt',
    'app://aide/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://aide/assets/%2E%2E%2F..%2Fsecret.txt',
    'app://aide/..%5c..%5csecret.txt',
    'app://aide/assets\\..\\..\\secret.txt',
    'app://aide//etc/passwd',
    'app://aide/%2Fetc%2Fpasswd',
    'app://aide/%2F..%2Fsecret.txt',
    'app://aide/C:/Windows/win.ini',
    'app://aide/index.html::$DATA',
    'app://aide/index.html%00.js',
    'app://aide/%E0%A4%A',
  ])('refuses the traversal %s with 403 and serves nothing', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('sk-never-served');
  });

  it('resolves plain and percent-encoded dot segments inside app://aide/, never above it', async () => {
    // The URL parser (Chromium's as well as Node's) removes ./ and ../ before the handler runs.
    for (const url of [
      'app://aide/../../secret.txt',
      'app://aide/%2e%2e/%2e%2e/secret.txt',
      'app://aide/.%2E/secret.txt',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('sk-never-served');
    }
    expect(await (await get('app://aide/assets/../index.html')).text()).toBe(indexHtml);
  });

  it('refuses symlinks that lead out of the renderer folder', async () => {
    logger.entries.length = 0;
    for (const url of ['app://aide/assets/escape.txt', 'app://aide/assets/escape-dir/secret.txt']) {
      const response = await get(url);
      expect(response.status, url).toBe(403);
      expect(await response.text()).not.toContain('sk-never-served');
    }
    expect(logger.entries.map((entry) => entry.fields?.reason)).toEqual([
      'link out of the renderer folder',
      'link out of the renderer folder',
    ]);
  });

  it.each(['app://aide/missing.js', 'app://aide/assets', 'app://aide/assets/fonts', 'app://aide/index.html/x'])(
    'answers %s with 404',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
    },
  );

  it('answers 404, not a crash, when the renderer folder is missing', async () => {
    const missing = createAppProtocolHandler({ rootDir: join(base, 'nowhere'), contentSecurityPolicy: policy, logger });
    expect((await missing(new Request('app://aide/'))).status).toBe(404);
  });
});

describe('pathSegmentsOf', () => {
  it('maps the root to index.html and splits a path into decoded segments', () => {
    expect(pathSegmentsOf('')).toEqual(['index.html']);
    expect(pathSegmentsOf('/')).toEqual(['index.html']);
    expect(pathSegmentsOf('/assets/a%20b.js')).toEqual(['assets', 'a b.js']);
  });

  it.each([
    '/..',
    '/a/../b',
    '/%2e%2e/x',
    '/a/%2E%2e',
    '/.',
    '/a//b',
    '/a/',
    '/a%2fb',
    '/a%5cb',
    '/a\\b',
    '/c:',
    '/%00',
    '/%zz',
    'relative',
  ])('refuses %s', (pathname) => {
    expect(pathSegmentsOf(pathname)).toBeNull();
  });
});
