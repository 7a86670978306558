// The app:// scheme: its privileges and the handler that serves the built renderer (out/renderer)
// as app://aide/, read-only, never a byte outside that folder. Plain Node (fs, Response), so tests
// run it on real files; main/index.ts hands it to Electron's protocol.handle.
import { promises as fs } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import type { Logger } from './core/ports';
import { appScheme, isAppOrigin } from './app-location';

/**
 * standard: a real origin (app://aide), so 'self' in the CSP, relative URLs and module scripts
 * work; secure: a secure context like https. No corsEnabled: other origins cannot read our files.
 */
export const appSchemePrivileges = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface AppProtocolOptions {
  /** The built renderer folder; app://aide/<path> is <rootDir>/<path>. */
  rootDir: string;
  /** Sent with every file, the same policy the session adds (main/security.ts). */
  contentSecurityPolicy: string;
  logger: Logger;
}

export type AppProtocolHandler = (request: Request) => Promise<Response>;

export function createAppProtocolHandler(options: AppProtocolOptions): AppProtocolHandler {
  const root = resolve(options.rootDir);

  const refuse = (request: Request, status: 403 | 405, reason: string): Response => {
    options.logger.warn('app:// request refused', { reason, method: request.method, url: request.url.slice(0, 200) });
    return textResponse(status, status === 403 ? 'Forbidden' : 'Method not allowed');
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(request, 405, 'method');
    const url = new URL(request.url);
    if (!isAppOrigin(url)) return refuse(request, 403, 'not app://aide');
    const segments = pathSegmentsOf(url.pathname);
    if (segments === null) return refuse(request, 403, 'path');
    const file = resolve(root, ...segments);
    if (!isInside(root, file)) return refuse(request, 403, 'path');

    const found = await readInside(root, file);
    if (found === 'outside') return refuse(request, 403, 'link out of the renderer folder');
    if (found === null) return textResponse(404, 'Not found');

    const headers = {
      'Content-Type': contentTypeOf(file),
      'Content-Length': String(found.byteLength),
      'Content-Security-Policy': options.contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(found), { status: 200, headers });
  };
}

/**
 * The file a URL path names, as path segments, or null for anything that could step outside the
 * folder or mean something else on some OS: `..` (also percent-encoded), encoded slashes,
 * backslashes, empty segments (`//etc/passwd`), drive letters and streams (`:`), NUL.
 * `/` is index.html.
 */
export function pathSegmentsOf(pathname: string): string[] | null {
  if (pathname === '' || pathname === '/') return ['index.html'];
  if (!pathname.startsWith('/') || pathname.includes('\\') || /%5c/i.test(pathname)) return null;
  const segments: string[] = [];
  for (const raw of pathname.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

/** The file's bytes where its real path (symlinks followed) stays inside the real root. */
async function readInside(root: string, file: string): Promise<Buffer | 'outside' | null> {
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
    if (!isInside(realRoot, realFile)) return 'outside';
    if (!(await fs.stat(realFile)).isFile()) return null;
    return await fs.readFile(realFile);
  } catch {
    return null;
  }
}

function isInside(root: string, file: string): boolean {
  return file.startsWith(root.endsWith(sep) ? root : root + sep);
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}
