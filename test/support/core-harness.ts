// Starts a real core for a test: its own data folder, the real keychain under a throw-away
// service name, and the fake OpenAI server. Collects every event so tests can wait for them.
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../common/contract';
import type { DesktopShell, Notifier } from '../../main/core/core-options';
import type { Clock, SecretStore } from '../../main/core/ports';
import { createCore } from '../../main/core/create-core';
import type { Core } from '../../main/core/core-types';
import { createFileLogger } from '../../main/core/logger';
import { createKeytarSecretStore } from '../../main/core/secrets/keytar-secret-store';
import { startFakeOpenAIServer, type FakeOpenAIServer } from './fake-openai-server';

export type RecordedEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

export interface Harness {
  core: Core;
  server: FakeOpenAIServer;
  dataDir: string;
  service: string;
  events: RecordedEvent[];
  /** Resolves with the first recorded event (past or future) that matches. */
  waitFor<E extends EventName>(
    name: E,
    match?: (payload: EventPayload<E>) => boolean,
    timeoutMs?: number,
  ): Promise<EventPayload<E>>;
  /** A new core on the same data folder and keychain, as after a restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: { OPENAI_API_KEY?: string; AIDE_CALDAV_URL?: string; AIDE_CALDAV_USER?: string; AIDE_CALDAV_PASSWORD?: string };
  /** Shortens calendar sync's minute (its interval) and its wait after a local change. */
  calendarSyncMinuteMs?: number;
  calendarSyncDebounceMs?: number;
  server?: FakeOpenAIServer;
  /** A fake clock, for tests about days and months (the ledger's times, the summary's today). */
  clock?: Clock;
  timeZone?: () => string;
  /** Shortens the rate limits' minute so tests can check them with real timers. */
  rateLimitWindowMs?: number;
  /** How long a quiet stream is waited for (60 s in the app). */
  idleTimeoutMs?: number;
  /** Keep the default 90-day key-rotation reminder (off in the harness unless asked for). */
  keyRotation?: boolean;
  /** How model requests reach the network (Node's own fetch where a test DOM replaced the global). */
  fetch?: typeof fetch;
  /** Where fired items are shown as the system's notifications (also during start, before events are heard). */
  notifier?: Notifier;
  /** The desktop shell (windows, shortcut, login item); none, as in browser mode, when absent. */
  desktop?: DesktopShell;
  /** Where the key is kept instead of the keychain: another store, or the Error of a missing keychain. */
  secretStore?: (dataDir: string) => SecretStore | Error;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const server = options.server ?? (await startFakeOpenAIServer());
  const dataDir = await mkdtemp(join(tmpdir(), 'aide-core-'));
  const service = `AideTest-${randomUUID()}`;
  const events: RecordedEvent[] = [];
  const waiters = new Set<() => void>();

  const open = async () => {
    const secretStore = options.secretStore?.(dataDir) ?? (await createKeytarSecretStore(service));
    const core = await createCore({
      dataDir,
      env: { ...options.env, OPENAI_BASE_URL: server.url },
      secretStore,
      logger: createFileLogger(dataDir),
      ...(options.clock && { clock: options.clock }),
      ...(options.timeZone && { timeZone: options.timeZone }),
      ...(options.rateLimitWindowMs !== undefined && { rateLimitWindowMs: options.rateLimitWindowMs }),
      ...(options.idleTimeoutMs !== undefined && { idleTimeoutMs: options.idleTimeoutMs }),
      ...(options.calendarSyncMinuteMs !== undefined && { calendarSyncMinuteMs: options.calendarSyncMinuteMs }),
      ...(options.calendarSyncDebounceMs !== undefined && { calendarSyncDebounceMs: options.calendarSyncDebounceMs }),
      ...(options.fetch && { fetch: options.fetch }),
      ...(options.desktop && { desktop: options.desktop }),
      ...(options.notifier && { notifier: options.notifier }),
    });
    core.onEvent((name, payload) => {
      events.push({ name, payload } as RecordedEvent);
      for (const wake of waiters) wake();
    });
    return core;
  };

  const first = await open();
  // Saving a key schedules a "rotate your key" reminder; tests that count reminders opt in to it.
  if (!options.keyRotation) {
    await first.handlers.updateSettings({ keyRotationDays: null });
    events.length = 0;
  }
  const harness: Harness = {
    core: first,
    server,
    dataDir,
    service,
    events,
    waitFor(name, match = () => true, timeoutMs = 10_000) {
      type P = EventPayload<typeof name>;
      const find = () => events.find((e) => e.name === name && match(e.payload as P))?.payload as P | undefined;
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = find();
          if (found === undefined) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${name}; saw ${events.map((e) => e.name).join(', ')}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async restart() {
      await harness.core.dispose();
      events.length = 0;
      harness.core = await open();
    },
    async close() {
      await harness.core.dispose();
      const store = await createKeytarSecretStore(service);
      if (!(store instanceof Error)) await store.delete('openai-api-key');
      if (!options.server) await server.close();
    },
  };
  return harness;
}
