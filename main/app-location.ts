// Where the renderer is loaded from (the built file or, unpackaged, the dev server) and whether
// a URL belongs to it: the one test behind IPC sender checks, navigation and permissions.
import { pathToFileURL } from 'node:url';

export type AppLocation =
  { readonly kind: 'file'; readonly indexPath: string } | { readonly kind: 'dev'; readonly url: string };

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server URL is honoured only in an unpackaged app and only on loopback: whoever controls
 * the environment of a packaged app must not be able to point it (and its IPC) at another site.
 */
export function resolveAppLocation(options: {
  devUrl: string | undefined;
  isPackaged: boolean;
  indexPath: string;
}): AppLocation {
  if (!options.isPackaged && options.devUrl !== undefined && isLoopbackHttp(options.devUrl)) {
    return { kind: 'dev', url: options.devUrl };
  }
  return { kind: 'file', indexPath: options.indexPath };
}

export function isAppUrl(location: AppLocation, url: string): boolean {
  const parsed = parseUrl(url);
  if (parsed === null) return false;
  if (location.kind === 'dev') return parsed.origin === new URL(location.url).origin;
  // The host counts too: file://otherhost/<same path> is another machine's file (a Windows share).
  const index = pathToFileURL(location.indexPath);
  return parsed.protocol === 'file:' && parsed.host === index.host && parsed.pathname === index.pathname;
}

function isLoopbackHttp(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.protocol === 'http:' && loopbackHosts.has(parsed.hostname);
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
