import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import {
  isQuickAskLink,
  launchRequestOf,
  listenForLaunchRequests,
  registerProtocol,
  type LaunchRequest,
} from '../../main/deep-link';
import { FakeEmitter, FakePreventableEvent } from './electron-fakes';

class FakeProtocolApp {
  readonly registered: unknown[][] = [];
  setAsDefaultProtocolClient(...args: [string, string?, string[]?]): boolean {
    this.registered.push(args);
    return true;
  }
}

describe('launch requests', () => {
  it('reads --quick-ask and aide://quick-ask from a command line', () => {
    expect(launchRequestOf(['/opt/Aide/aide', '--quick-ask'])).toBe('quick-ask');
    expect(launchRequestOf(['C:\\Aide\\Aide.exe', '--allow-file-access-from-files', 'aide://quick-ask/'])).toBe(
      'quick-ask',
    );
    expect(launchRequestOf(['/opt/Aide/aide'])).toBe('main');
    expect(launchRequestOf(['/opt/Aide/aide', 'aide://settings'])).toBe('main');
  });

  it('accepts the link with or without slashes and nothing else', () => {
    expect(isQuickAskLink('aide://quick-ask')).toBe(true);
    expect(isQuickAskLink('aide:quick-ask')).toBe(true);
    expect(isQuickAskLink('https://quick-ask')).toBe(false);
    expect(isQuickAskLink('not a url')).toBe(false);
  });

  it('holds second-instance and open-url requests until the app attaches, then passes them straight on', () => {
    const app = new FakeEmitter();
    const requests = listenForLaunchRequests(app);
    app.emit('second-instance', {}, ['/opt/Aide/aide', '--quick-ask']);
    const openUrl = new FakePreventableEvent();
    app.emit('open-url', openUrl, 'aide://quick-ask');
    expect(openUrl.prevented).toBe(true);

    const seen: LaunchRequest[] = [];
    requests.attach((request) => seen.push(request));
    expect(seen).toEqual(['quick-ask', 'quick-ask']);
    app.emit('second-instance', {}, ['/opt/Aide/aide']);
    expect(seen).toEqual(['quick-ask', 'quick-ask', 'main']);
  });
});

describe('aide:// protocol', () => {
  it('registers the packaged app as the aide handler', () => {
    const app = new FakeProtocolApp();
    expect(registerProtocol(app, { execPath: '/opt/Aide/aide', argv: ['/opt/Aide/aide'] })).toBe(true);
    expect(app.registered).toEqual([['aide']]);
  });

  it('unpackaged, registers Electron with the app folder as its argument', () => {
    const app = new FakeProtocolApp();
    registerProtocol(app, {
      defaultApp: true,
      execPath: '/repo/node_modules/electron/dist/electron',
      argv: ['electron', '.'],
    });
    expect(app.registered).toEqual([['aide', '/repo/node_modules/electron/dist/electron', [resolve('.')]]]);
  });
});
