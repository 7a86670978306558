// Aide's Content-Security-Policy, one source for every way the renderer is served: the desktop's
// app:// handler and session header (main/security.ts), browser mode's static server and the
// meta tag the build writes into index.html. Only our own scripts ever run.

export interface PolicyOptions {
  /** The dev server's origin (electron-vite): React Refresh is an inline script and hot reload a WebSocket. */
  devServer?: string;
  /**
   * For a <meta> tag: browsers ignore frame-ancestors there (and warn), so it is left out; the
   * header carries it.
   */
  meta?: boolean;
}

export function contentSecurityPolicy(options: PolicyOptions = {}): string {
  const dev = options.devServer !== undefined;
  const hotReload = dev ? ` ws://${new URL(options.devServer!).host}` : '';
  return [
    "default-src 'none'",
    `script-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${hotReload}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    ...(options.meta ? [] : ["frame-ancestors 'none'"]),
  ].join('; ');
}
