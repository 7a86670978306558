// A real core for a renderer test: its own data folder and keychain entry, the fake OpenAI server,
// the real desktop shell over Electron stand-ins, and `window.aide` over the core in process.
import { configure } from '@testing-library/react';
import { fetch as nodeFetch, FormData, Headers, Request, Response } from 'undici';
import { onTestFinished, vi } from 'vitest';
import type { AideApi } from '../../common/contract';
import type { Core } from '../../main/core/core-types';
import { startHarness, type Harness, type HarnessOptions } from './core-harness';
import { electronDesktop, type ElectronDesktop } from './electron-desktop';
import { DEFAULT_API_KEY, type FakeOpenAIServer } from './fake-openai-server';
import { inProcessAide } from './in-process-aide';
import { windowLink, type WindowLink } from './window-link';

// The core shares this realm with happy-dom, whose `window` makes the openai SDK refuse to start
// (its guard against a key in a web page). In the app the core runs in Node, never in a page.
vi.mock('openai', async (importOriginal) => {
  const actual = await importOriginal<typeof import('openai')>();
  class NodeOpenAI extends actual.OpenAI {
    constructor(options?: ConstructorParameters<typeof actual.OpenAI>[0]) {
      super({ ...options, dangerouslyAllowBrowser: true });
    }
  }
  return { ...actual, default: NodeOpenAI, OpenAI: NodeOpenAI };
});

// The core builds Node's network objects (a 429's headers, a rewritten Response); in this realm
// happy-dom's stand in for them, follow a page's rules and drop headers they cannot read. The
// renderer never uses them: it only talks to `window.aide`.
Object.assign(globalThis, { fetch: nodeFetch, Headers, Request, Response, FormData });

// A round trip through the core, the disk and a local server on a busy machine, not a fake's microtask.
configure({ asyncUtilTimeout: 5_000 });
vi.setConfig({ testTimeout: 20_000 });

const OPENAI = 'https://api.openai.com/v1';

/** Node's own fetch (happy-dom's obeys CORS), with OpenAI's host answered by the fake server. */
function fetchVia(server: () => FakeOpenAIServer): typeof fetch {
  return ((input: string | URL, init?: RequestInit) => {
    const url = String(input);
    const target = url.startsWith(OPENAI) ? server().url + url.slice(OPENAI.length) : url;
    return nodeFetch(target, init as never);
  }) as unknown as typeof fetch;
}

export interface AideOptions extends Omit<HarnessOptions, 'fetch' | 'desktop'> {
  /** Save the fake server's key through saveKey before the test (default true). */
  key?: boolean;
  /** The desktop app's shell (default), or none as in browser mode. */
  desktop?: false | { wayland?: boolean; taken?: string[] };
  /** Talk to OpenAI's own host (answered by the fake server) instead of a local server. */
  openAI?: boolean;
}

/** The window under test (`aide`, its connection) and what surrounds it. */
export interface RealAide extends WindowLink {
  harness: Harness;
  /** The core now running (a new one after `harness.restart()`). */
  readonly core: Core;
  server: FakeOpenAIServer;
  /** Another window on the same core: the quick-ask popup, a second tab, the tray. */
  other: AideApi;
  desktop: ElectronDesktop | null;
}

export async function startAide(options: AideOptions = {}): Promise<RealAide> {
  const { key = true, desktop: desktopOptions = {}, openAI = false, ...harnessOptions } = options;
  const desktop = desktopOptions === false ? null : electronDesktop(desktopOptions);
  const harness: Harness = await startHarness({
    ...harnessOptions,
    fetch: fetchVia(() => harness.server),
    ...(desktop && { desktop: desktop.shell }),
  });
  onTestFinished(() => harness.close());
  const link = windowLink(() => harness.core);
  const other = inProcessAide({
    dispatch: (name, payload) => harness.core.dispatch(name, payload),
    onEvent: (listener) => harness.core.onEvent(listener),
  });
  if (openAI) await other.updateSettings({ baseUrl: OPENAI });
  if (key) {
    const saved = await other.saveKey({ key: DEFAULT_API_KEY });
    if (!saved.ok) throw new Error(`The fake server refused its own key: ${saved.error.message}`);
  }
  return {
    harness,
    get core() {
      return harness.core;
    },
    server: harness.server,
    ...link,
    other,
    desktop,
  };
}
