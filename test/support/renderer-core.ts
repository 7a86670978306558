// A real core for a renderer test: its own data folder and keychain entry, the fake OpenAI server,
// the real desktop shell over Electron stand-ins, and `window.aide` over the core in process.
import { configure } from '@testing-library/react';
import { fetch as nodeFetch, FormData, Headers, Request, Response } from 'undici';
import { onTestFinished, vi } from 'vitest';
import { operationNames, type AideApi, type OperationName } from '../../common/contract';
import type { Core } from '../../main/core/core-types';
import type { ToolName } from '../../main/core/tools/tool-definitions';
import type { Connection, ConnectionState } from '../../renderer/src/connection';
import { startHarness, type Harness, type HarnessOptions } from './core-harness';
import { electronDesktop, type ElectronDesktop } from './electron-desktop';
import {
  DEFAULT_API_KEY,
  replies,
  type FakeOpenAIServer,
  type ReplyUsage,
  type ToolCallsReply,
} from './fake-openai-server';
import { inProcessAide } from './in-process-aide';

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

export interface RealAide {
  harness: Harness;
  /** The core now running (a new one after `harness.restart()`). */
  readonly core: Core;
  server: FakeOpenAIServer;
  /** `window.aide` of the window under test; it hears no events while its connection is dropped. */
  aide: AideApi;
  /** The window's connection: `drop()` loses it as a closed WebSocket would, `reopen()` brings it back. */
  connection: Connection & { drop(): void; reopen(): void };
  /** Queues the window's events from now on, as a busy page does; the returned function delivers them in one go. */
  holdEvents(): () => void;
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
  const connection = droppableConnection();
  const current = { dispatch: (name: string, payload: unknown) => harness.core.dispatch(name, payload) };
  let held: Array<() => void> | null = null;
  const aide = inProcessAide({
    ...current,
    onEvent: (listener) =>
      harness.core.onEvent((name, payload) => {
        if (connection.get() !== 'open') return;
        if (held) held.push(() => listener(name, payload));
        else listener(name, payload);
      }),
  });
  const other = inProcessAide({ ...current, onEvent: (listener) => harness.core.onEvent(listener) });
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
    aide,
    connection,
    holdEvents() {
      const queue: Array<() => void> = [];
      held = queue;
      return () => {
        held = null;
        for (const deliver of queue) deliver();
      };
    },
    other,
    desktop,
  };
}

/** One tool the model calls, with its arguments. */
export type ToolCall = [name: ToolName, args: object];

/** The model's answer that calls these tools, all in one round. */
export function toolCalls(...calls: ToolCall[]): ToolCallsReply {
  return { kind: 'toolCalls', calls: calls.map(([name, args]) => ({ name, arguments: JSON.stringify(args) })) };
}

/** The model's create_reminder call. */
export function reminderCall(title: string, due: Date | string, rrule: string | null = null): ToolCall {
  return ['create_reminder', { title, due: new Date(due).toISOString(), rrule, notes: null }];
}

/** Another window asks the model, which makes these tool calls and then says "Done." */
export async function modelDoes(app: RealAide, ...calls: ToolCall[]): Promise<void> {
  app.server.enqueue(toolCalls(...calls), replies.stream('Done.'));
  const { id } = await app.other.createConversation();
  const { assistantMessageId } = await app.other.sendMessage({ conversationId: id, text: 'Please do that.' });
  await app.harness.waitFor('chatDone', (done) => done.message.id === assistantMessageId);
}

/**
 * Another window asks the model in `conversationId` (a new conversation when absent) and the
 * server bills the answer at `usage`; resolves with the conversation once the answer is stored.
 */
export async function spend(app: RealAide, usage: ReplyUsage, conversationId?: string): Promise<string> {
  const id = conversationId ?? (await app.other.createConversation()).id;
  app.server.enqueue(replies.stream('Noted.', { usage }));
  const { assistantMessageId } = await app.other.sendMessage({ conversationId: id, text: 'Summarise this' });
  await app.harness.waitFor('chatDone', (done) => done.message.id === assistantMessageId);
  return id;
}

/**
 * `api` with every reply held back `ms` while events go on at once: a busy link, where the first
 * events of an answer overtake the reply that names it.
 */
export function slowReplies(api: AideApi, ms: number): AideApi {
  const call = (name: OperationName) => async (request?: unknown) => {
    const reply = await (api[name] as (request?: unknown) => Promise<unknown>)(request);
    await new Promise((resolve) => setTimeout(resolve, ms));
    return reply;
  };
  return Object.freeze({
    ...Object.fromEntries(operationNames.map((name) => [name, call(name)])),
    on: api.on,
  }) as unknown as AideApi;
}

/** A conversation made through the core: each question sent, its answer streamed by the server. */
export async function converse(app: RealAide, exchanges: Array<[question: string, answer: string]>): Promise<string> {
  const { id } = await app.other.createConversation();
  for (const [question, answer] of exchanges) {
    app.server.enqueue(replies.stream(answer));
    const { assistantMessageId } = await app.other.sendMessage({ conversationId: id, text: question });
    await app.harness.waitFor('chatDone', (done) => done.message.id === assistantMessageId);
  }
  return id;
}

function droppableConnection(): RealAide['connection'] {
  let state: ConnectionState = 'open';
  const listeners = new Set<() => void>();
  const set = (next: ConnectionState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    drop: () => set('reconnecting'),
    reopen: () => set('open'),
  };
}
