// Where the renderer is loaded from (the built files behind app://aide/ or, unpackaged, the dev
// server) and whether a URL belongs to it: the one test behind IPC sender checks, navigation and
// permissions.

export type AppLocation =
  { readonly kind: 'app'; readonly rootDir: string } | { readonly kind: 'dev'; readonly url: string };

/** Our privileged scheme (main/app-protocol.ts serves it); file:// is never our page. */
export const appScheme = 'app';
export const appHost = 'aide';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server URL is honoured only in an unpackaged app and only on loopback: whoever controls
 * the environment of a packaged app must not be able to point it (and its IPC) at another site.
 */
export function resolveAppLocation(options: {
  devUrl: string | undefined;
  isPackaged: boolean;
  /** The built renderer (out/renderer), served as app://aide/. */
  rootDir: string;
}): AppLocation {
  if (!options.isPackaged && options.devUrl !== undefined && isLoopbackHttp(options.devUrl)) {
    return { kind: 'dev', url: options.devUrl };
  }
  return { kind: 'app', rootDir: options.rootDir };
}

/** The page a window loads; `view` selects another view of it (`?view=quick-ask`). */
export function appPageUrl(location: AppLocation, view?: string): string {
  const url = location.kind === 'dev' ? new URL(location.url) : new URL(`${appScheme}://${appHost}/index.html`);
  if (view !== undefined) url.searchParams.set('view', view);
  return url.href;
}

export function isAppUrl(location: AppLocation, url: string): boolean {
  const parsed = parseUrl(url);
  if (parsed === null) return false;
  if (location.kind === 'dev') return parsed.origin === new URL(location.url).origin;
  return isAppOrigin(parsed);
}

/**
 * app://aide, no port, no credentials. Node gives non-special schemes an opaque origin ("null"),
 * so the parts are compared instead; Chromium hands us the canonical (lower-case) form.
 */
export function isAppOrigin(url: URL): boolean {
  return url.protocol === `${appScheme}:` && url.host === appHost && url.username === '' && url.password === '';
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
