// Who Aide is to the operating system: one application ID for the Windows AppUserModelID, the
// installer's appId (electron-builder.yml) and, as `<appId>.desktop`, the Linux desktop entry
// that Wayland portals (global shortcuts) and aide:// look Aide up by. A test keeps them equal.
export const appId = 'com.aide.app';

export interface IdentityAppLike {
  setAppUserModelId(id: string): void;
  commandLine: { appendSwitch(name: string, value?: string): void };
}

/** True in a Wayland session, where global shortcuts go through the desktop's portal. */
export function isWaylandSession(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  return platform === 'linux' && (env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY));
}

/**
 * Before 'ready'. Windows: toasts are shown, grouped and governed by the person's notification
 * settings only under the AppUserModelID the installer stamped on the shortcut (Electron's own
 * default is `electron.app.Aide`). Wayland: global shortcuts work only through the
 * GlobalShortcuts portal, which Chromium uses when this feature is on.
 */
export function applyAppIdentity(app: IdentityAppLike, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): void {
  if (platform === 'win32') app.setAppUserModelId(appId);
  if (isWaylandSession(platform, env)) app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');
}
