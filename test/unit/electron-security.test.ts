import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { appPageUrl, isAppUrl, resolveAppLocation, type AppLocation } from '../../main/app-location';
import {
  contentSecurityPolicy,
  hardenSession,
  hardenWebContents,
  isExternalLink,
  type HardenableContentsLike,
  type PermissionContentsLike,
  type PreventableEventLike,
  type SessionLike,
} from '../../main/security';
import { FakePreventableEvent, recordingLogger } from './electron-fakes';

const rootDir = '/opt/Aide/out/renderer';
const appUrl = 'app://aide/index.html';
const appLocation: AppLocation = { kind: 'app', rootDir };
const devLocation: AppLocation = { kind: 'dev', url: 'http://localhost:5173/' };

class FakeContents implements HardenableContentsLike {
  readonly listeners = new Map<string, (event: FakePreventableEvent) => void>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  on(event: string, listener: (event: FakePreventableEvent & PreventableEventLike) => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  emit(name: string, url = ''): FakePreventableEvent {
    const event = new FakePreventableEvent(url);
    this.listeners.get(name)?.(event);
    return event;
  }
}

type RequestHandler = Parameters<SessionLike['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<SessionLike['setPermissionCheckHandler']>[0];
type HeadersListener = Parameters<SessionLike['webRequest']['onHeadersReceived']>[0];

class FakeSession implements SessionLike {
  requestHandler: RequestHandler | null = null;
  checkHandler: CheckHandler | null = null;
  headersListener: HeadersListener | null = null;
  setPermissionRequestHandler(handler: RequestHandler): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: CheckHandler): void {
    this.checkHandler = handler;
  }
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  request(contents: PermissionContentsLike, permission: string): boolean {
    let granted: boolean | null = null;
    this.requestHandler?.(contents, permission, (answer) => {
      granted = answer;
    });
    if (granted === null) throw new Error('the request was never answered');
    return granted;
  }
}

const page = (url: string): PermissionContentsLike => ({ getURL: () => url });

function hardened(location: AppLocation = appLocation) {
  const contents = new FakeContents();
  const openExternal = vi.fn(async (_url: string) => undefined);
  const logger = recordingLogger();
  hardenWebContents(contents, { location, openExternal, logger });
  return { contents, openExternal, logger };
}

describe('app location', () => {
  it('uses the dev server only when unpackaged and on loopback http', () => {
    const base = { rootDir, devUrl: 'http://localhost:5173/' };
    expect(resolveAppLocation({ ...base, isPackaged: false })).toEqual(devLocation);
    expect(resolveAppLocation({ ...base, isPackaged: true })).toEqual(appLocation);
    expect(resolveAppLocation({ ...base, isPackaged: false, devUrl: 'https://evil.example/' })).toEqual(appLocation);
    expect(resolveAppLocation({ ...base, isPackaged: false, devUrl: undefined })).toEqual(appLocation);
  });

  it('matches app://aide/ or the dev origin and nothing else', () => {
    expect(isAppUrl(appLocation, `${appUrl}#/settings`)).toBe(true);
    expect(isAppUrl(appLocation, 'app://aide/index.html?view=quick-ask')).toBe(true);
    expect(isAppUrl(appLocation, 'app://aide/')).toBe(true);
    expect(isAppUrl(appLocation, 'app://aide/assets/index.js')).toBe(true);
    expect(isAppUrl(appLocation, 'app://other/index.html')).toBe(false);
    expect(isAppUrl(appLocation, 'app://aide.evil.example/index.html')).toBe(false);
    expect(isAppUrl(appLocation, 'app://aide:8080/index.html')).toBe(false);
    expect(isAppUrl(appLocation, 'app://user@aide/index.html')).toBe(false);
    expect(isAppUrl(appLocation, 'app:aide/index.html')).toBe(false);
    expect(isAppUrl(appLocation, 'aide://aide/index.html')).toBe(false);
    expect(isAppUrl(appLocation, 'https://aide/index.html')).toBe(false);
    expect(isAppUrl(appLocation, 'not a url')).toBe(false);
    expect(isAppUrl(devLocation, 'http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isAppUrl(devLocation, 'http://127.0.0.1:5173/')).toBe(false);
    expect(isAppUrl(devLocation, appUrl)).toBe(false);
  });

  it.each([
    'file:///opt/Aide/out/renderer/index.html',
    'file:///opt/Aide/out/renderer/index.html?view=quick-ask',
    'file:///opt/Aide/out/renderer/other.html',
    'file://otherhost/opt/Aide/out/renderer/index.html',
    'file:///etc/passwd',
  ])('never takes %s for our page, not even the built index.html', (url) => {
    expect(isAppUrl(appLocation, url)).toBe(false);
    expect(isAppUrl(devLocation, url)).toBe(false);
  });

  it('names the page each window loads: app://aide/index.html, with ?view= for the popup', () => {
    expect(appPageUrl(appLocation)).toBe('app://aide/index.html');
    expect(appPageUrl(appLocation, 'quick-ask')).toBe('app://aide/index.html?view=quick-ask');
    expect(appPageUrl(devLocation)).toBe('http://localhost:5173/');
    expect(appPageUrl(devLocation, 'quick-ask')).toBe('http://localhost:5173/?view=quick-ask');
  });
});

describe('hardenWebContents', () => {
  it('lets the app navigate within itself', () => {
    const { contents, openExternal } = hardened();
    expect(contents.emit('will-navigate', `${appUrl}?view=quick-ask`).prevented).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('blocks navigation away and hands web links to the browser', () => {
    const { contents, openExternal } = hardened();
    expect(contents.emit('will-navigate', 'https://example.com/docs').prevented).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://example.com/docs');
  });

  it.each([
    'file:///etc/passwd',
    'file:///opt/Aide/out/renderer/index.html',
    'app://other/index.html',
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    'smb://host/share',
  ])('blocks navigation to %s without opening it', (url) => {
    const { contents, openExternal, logger } = hardened();
    expect(contents.emit('will-navigate', url).prevented).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
    expect(logger.entries[0]?.message).toContain('Blocked a link');
  });

  it.each(['https://example.com/', 'http://example.com/', 'mailto:someone@example.com'])(
    'denies window.open(%s) and opens it externally',
    (url) => {
      const { contents, openExternal } = hardened();
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
      expect(openExternal).toHaveBeenCalledWith(url);
    },
  );

  it.each(['javascript:alert(1)', 'file:///etc/passwd', `${appUrl}`, 'vbscript:x', '::not a url'])(
    'denies window.open(%s) without opening anything',
    (url) => {
      const { contents, openExternal } = hardened();
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
      expect(openExternal).not.toHaveBeenCalled();
    },
  );

  it('logs, and does not throw, when the OS cannot open a link', async () => {
    const contents = new FakeContents();
    const logger = recordingLogger();
    hardenWebContents(contents, {
      location: appLocation,
      openExternal: async () => Promise.reject(new Error('no browser')),
      logger,
    });
    contents.openHandler?.({ url: 'https://example.com/' });
    await vi.waitFor(() => expect(logger.entries[0]?.message).toBe('Could not open a link externally'));
  });

  it('refuses to attach webviews', () => {
    const { contents } = hardened();
    expect(contents.emit('will-attach-webview').prevented).toBe(true);
  });

  it('knows which links may leave the app', () => {
    expect(isExternalLink('https://example.com')).toBe(true);
    expect(isExternalLink('mailto:a@b.c')).toBe(true);
    expect(isExternalLink('javascript:void 0')).toBe(false);
    expect(isExternalLink('file:///')).toBe(false);
  });
});

describe('hardenSession', () => {
  const setUp = (location: AppLocation = appLocation) => {
    const session = new FakeSession();
    const logger = recordingLogger();
    hardenSession(session, { location, openExternal: async () => undefined, logger });
    return { session, logger };
  };

  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'hid'])(
    'denies the %s permission request, even to our page',
    (permission) => {
      const { session } = setUp();
      expect(session.request(page(appUrl), permission)).toBe(false);
      expect(session.checkHandler?.(page(appUrl), permission)).toBe(false);
    },
  );

  it('lets only our page write to the clipboard', () => {
    const { session } = setUp();
    expect(session.request(page(appUrl), 'clipboard-sanitized-write')).toBe(true);
    expect(session.checkHandler?.(page(appUrl), 'clipboard-sanitized-write')).toBe(true);
    expect(session.request(page('https://evil.example/'), 'clipboard-sanitized-write')).toBe(false);
    expect(session.request(page('file:///opt/Aide/out/renderer/index.html'), 'clipboard-sanitized-write')).toBe(false);
    expect(session.checkHandler?.(page('app://other/index.html'), 'clipboard-sanitized-write')).toBe(false);
    expect(session.checkHandler?.(null, 'clipboard-sanitized-write')).toBe(false);
  });

  it('logs denied requests', () => {
    const { session, logger } = setUp();
    session.request(page(appUrl), 'media');
    expect(logger.entries).toEqual([
      { level: 'warn', message: 'Permission request denied', fields: { permission: 'media' } },
    ]);
  });

  it('adds the Content-Security-Policy header and keeps the other headers', () => {
    const { session } = setUp();
    const callback = vi.fn();
    session.headersListener?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [contentSecurityPolicy(appLocation)],
      },
    });
  });
});

describe('contentSecurityPolicy', () => {
  const directive = (policy: string, name: string) => policy.split('; ').find((part) => part.startsWith(`${name} `));

  it('allows only our own scripts in a build', () => {
    const policy = contentSecurityPolicy(appLocation);
    expect(directive(policy, 'script-src')).toBe("script-src 'self'");
    expect(directive(policy, 'object-src')).toBe("object-src 'none'");
    expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-eval');
  });

  it("writes into the built page's meta tag only what a meta policy can enforce (frame-ancestors is header-only)", () => {
    const built = new URL('../../out/renderer/index.html', import.meta.url);
    if (!existsSync(built)) throw new Error('out/renderer/index.html is missing: run `npm run build` first (npm test does).');
    const html = readFileSync(built, 'utf8').replaceAll('&#39;', "'");
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(directive(meta, 'script-src')).toBe("script-src 'self'");
    expect(directive(meta, 'default-src')).toBe("default-src 'none'");
    // Browsers ignore these in a <meta> and warn in the console; the header carries frame-ancestors.
    for (const name of ['frame-ancestors', 'report-uri', 'sandbox']) expect(directive(meta, name)).toBeUndefined();
    // The meta tag comes before the first script, or it would not govern it.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('lets the dev server inject React Refresh and reach its hot-reload socket', () => {
    const policy = contentSecurityPolicy(devLocation);
    expect(directive(policy, 'script-src')).toBe("script-src 'self' 'unsafe-inline'");
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self' ws://localhost:5173");
  });
});
