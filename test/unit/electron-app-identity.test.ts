import { describe, expect, it } from 'vitest';
import { appId, applyAppIdentity } from '../../main/app-identity';

function fakeApp() {
  const calls: string[] = [];
  return {
    calls,
    setAppUserModelId: (id: string) => calls.push(`setAppUserModelId ${id}`),
    commandLine: { appendSwitch: (name: string, value?: string) => calls.push(`appendSwitch ${name} ${value}`) },
  };
}

describe('app identity', () => {
  it("sets Windows' AppUserModelID to the installer's appId, so toasts show and follow the person's settings", () => {
    const app = fakeApp();
    applyAppIdentity(app, 'win32', {});
    expect(app.calls).toEqual(['setAppUserModelId com.aide.app']);
    expect(appId).toBe('com.aide.app');
  });

  it.each([
    ['a Wayland session', { XDG_SESSION_TYPE: 'wayland' }],
    ['WAYLAND_DISPLAY alone', { WAYLAND_DISPLAY: 'wayland-0' }],
  ])('asks for the GlobalShortcuts portal on Linux in %s', (_name, env) => {
    const app = fakeApp();
    applyAppIdentity(app, 'linux', env);
    expect(app.calls).toEqual(['appendSwitch enable-features GlobalShortcutsPortal']);
  });

  it('changes nothing on macOS or under X11', () => {
    const mac = fakeApp();
    applyAppIdentity(mac, 'darwin', { WAYLAND_DISPLAY: 'wayland-0' });
    const x11 = fakeApp();
    applyAppIdentity(x11, 'linux', { XDG_SESSION_TYPE: 'x11' });
    expect([...mac.calls, ...x11.calls]).toEqual([]);
  });
});
