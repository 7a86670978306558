// The renderer's fence: what every webContents may navigate to, open or attach, which permissions
// a page gets, and the Content-Security-Policy header sent with every response.
import { contentSecurityPolicy as sharedPolicy } from '../common/content-security-policy';
import type { Logger } from './core/ports';
import { isAppUrl, type AppLocation } from './app-location';

export interface PreventableEventLike {
  preventDefault(): void;
}

export interface NavigationEventLike extends PreventableEventLike {
  readonly url: string;
}

export interface HardenableContentsLike {
  on(event: 'will-navigate', listener: (event: NavigationEventLike) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEventLike) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface PermissionContentsLike {
  getURL(): string;
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (contents: PermissionContentsLike, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: PermissionContentsLike | null, permission: string) => boolean): void;
  readonly webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

export interface SecurityOptions {
  location: AppLocation;
  openExternal: (url: string) => Promise<void>;
  logger: Logger;
}

const externalSchemes = new Set(['https:', 'http:', 'mailto:']);

/** Links a person may follow out of the app into their browser or mail client. */
export function isExternalLink(url: string): boolean {
  try {
    return externalSchemes.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Called for every webContents the app creates (app 'web-contents-created'). */
export function hardenWebContents(contents: HardenableContentsLike, options: SecurityOptions): void {
  const openOutside = (url: string): void => {
    if (!isExternalLink(url)) {
      options.logger.warn('Blocked a link with a scheme we do not open', { scheme: schemeOf(url) });
      return;
    }
    options.openExternal(url).catch((error: unknown) => {
      options.logger.warn('Could not open a link externally', { error: String(error) });
    });
  };

  contents.on('will-navigate', (event) => {
    if (isAppUrl(options.location, event.url)) return;
    event.preventDefault();
    openOutside(event.url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Denies every permission; only our own page may write to the clipboard, so copy buttons
 * keep working.
 */
export function hardenSession(session: SessionLike, options: SecurityOptions): void {
  const allowed = (contents: PermissionContentsLike | null, permission: string): boolean =>
    permission === 'clipboard-sanitized-write' && contents !== null && isAppUrl(options.location, contents.getURL());

  session.setPermissionRequestHandler((contents, permission, callback) => {
    const granted = allowed(contents, permission);
    if (!granted) options.logger.warn('Permission request denied', { permission });
    callback(granted);
  });
  session.setPermissionCheckHandler(allowed);

  const policy = contentSecurityPolicy(options.location);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}

/** The policy for where the renderer comes from: a build (app://aide/) or the dev server. */
export function contentSecurityPolicy(location: AppLocation): string {
  return sharedPolicy(location.kind === 'dev' ? { devServer: location.url } : {});
}

function schemeOf(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return 'unparseable';
  }
}
