// How Aide is asked to show itself from outside: a second launch (`aide --quick-ask`), the deep
// link `aide://quick-ask`, or macOS's open-url. Requests that arrive before the app is ready wait.
import { resolve } from 'node:path';
import type { PreventableEventLike } from './security';

const protocolScheme = 'aide';
const quickAskFlag = '--quick-ask';

export type LaunchRequest = 'quick-ask' | 'main';

export function isQuickAskLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    // `aide://quick-ask` puts the name in the host, `aide:quick-ask` in the path.
    return (
      parsed.protocol === `${protocolScheme}:` &&
      (parsed.hostname || parsed.pathname.replace(/^\/+|\/+$/g, '')) === 'quick-ask'
    );
  } catch {
    return false;
  }
}

/** What a command line asks for; Windows and Linux pass a deep link as an argument. */
export function launchRequestOf(argv: readonly string[]): LaunchRequest {
  return argv.some((arg) => arg === quickAskFlag || isQuickAskLink(arg)) ? 'quick-ask' : 'main';
}

export interface ProtocolAppLike {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
}

/**
 * Makes `aide://` links open Aide. Unpackaged, the OS must start Electron with our app folder,
 * as Electron's deep-link guide does.
 */
export function registerProtocol(
  app: ProtocolAppLike,
  proc: { defaultApp?: boolean | undefined; execPath: string; argv: readonly string[] },
): boolean {
  const appPath = proc.argv[1];
  if (proc.defaultApp) {
    return appPath === undefined
      ? false
      : app.setAsDefaultProtocolClient(protocolScheme, proc.execPath, [resolve(appPath)]);
  }
  return app.setAsDefaultProtocolClient(protocolScheme);
}

export interface LaunchAppLike {
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  on(event: 'open-url', listener: (event: PreventableEventLike, url: string) => void): unknown;
}

export interface LaunchRequests {
  /** From now on requests go to `handler`; those that arrived earlier are handed over first. */
  attach(handler: (request: LaunchRequest) => void): void;
}

/** Listens before the app is ready: macOS delivers the link that launched Aide that early. */
export function listenForLaunchRequests(app: LaunchAppLike): LaunchRequests {
  const waiting: LaunchRequest[] = [];
  let deliver = (request: LaunchRequest): void => void waiting.push(request);
  app.on('second-instance', (_event, argv) => deliver(launchRequestOf(argv)));
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deliver(isQuickAskLink(url) ? 'quick-ask' : 'main');
  });
  return {
    attach(handler) {
      deliver = handler;
      for (const request of waiting.splice(0)) handler(request);
    },
  };
}
