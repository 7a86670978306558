// Fuzzes the one ipcMain wrapper (main/ipc.ts, through core's dispatch) with fast-check, for
// crashes: every contract operation gets random values, strings up to 1.5 MB and prototype-pollution
// keys from our own window, and valid requests from unknown senders, subframes and foreign origins.
// Whatever comes in is either handled or refused with a clear error — never a crash, an unhandled
// rejection or a polluted prototype — and a valid call still works after it. Which payloads are
// valid is stated by hand in payload-verdicts.test.ts, not decided here.
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { channelOf, operationNames, type OperationName } from '../../common/contract';
import type { AppLocation } from '../../main/app-location';
import type { Handlers } from '../../main/core/core-types';
import { createDispatch } from '../../main/core/dispatch';
import { registerIpc, type FrameLike, type InvokeEventLike } from '../../main/ipc';
import { validRequest } from '../support/bad-payloads';
import {
  anyValue,
  failOnUnhandledRejections,
  hugeString,
  mutated,
  pollutedJson,
  snapshotPrototypes,
} from '../support/hostile-values';
import { APP_ROOT, APP_URL, FakeIpcMain, fakeWebContents } from '../support/payload-edges';
import { recordingLogger } from './electron-fakes';

const RUNS_PER_OPERATION = 150;
const SENDER_RUNS = 400;
let casesRun = 0;
let casesHandled = 0;
afterAll(() => console.info(`ipc-fuzz: ${casesRun} fuzz cases run, ${casesHandled} of them handled`));

failOnUnhandledRejections();

const location: AppLocation = { kind: 'app', rootDir: APP_ROOT };

const hostilePayload = (name: OperationName) =>
  fc.oneof(
    { weight: 3, arbitrary: anyValue() },
    { weight: 1, arbitrary: hugeString(1_500_000) },
    { weight: 2, arbitrary: pollutedJson },
    { weight: 4, arbitrary: mutated(validRequest(name), fc.oneof(anyValue(), hugeString(1_500_000))) },
  );

function setUp() {
  const ipcMain = new FakeIpcMain();
  const received: Array<{ name: OperationName; request: unknown }> = [];
  const handlers = Object.fromEntries(
    operationNames.map((name) => [
      name,
      vi.fn(async (request: unknown) => {
        received.push({ name, request });
        return 'handled';
      }),
    ]),
  ) as unknown as Handlers;
  const windows = [fakeWebContents(1), fakeWebContents(2)];
  const logger = recordingLogger();
  registerIpc({
    ipcMain,
    core: { dispatch: createDispatch(handlers, { checkResponses: false }), onEvent: () => () => undefined },
    windows: () => windows,
    location,
    logger,
  });
  const fromOurWindow: InvokeEventLike = { sender: windows[0]!, senderFrame: { url: APP_URL, parent: null } };
  return { ipcMain, received, logger, fromOurWindow };
}

/** Outcome of one call: what came back, and what (if anything) the handler received. */
async function invoke(ctx: ReturnType<typeof setUp>, name: OperationName, event: InvokeEventLike, payload: unknown) {
  ctx.received.length = 0;
  ctx.logger.entries.length = 0;
  try {
    const value = await ctx.ipcMain.invoke(channelOf(name), event, payload);
    return { ok: true as const, value, received: [...ctx.received] };
  } catch (error) {
    return { ok: false as const, error, received: [...ctx.received] };
  }
}

describe('IPC fuzzing (main/ipc.ts registerIpc)', () => {
  const ctx = setUp();
  const prototypesBefore = snapshotPrototypes();

  it.each(operationNames)(
    '%s: anything is handled once or refused with a clear error; a valid call still works',
    async (name) => {
      await fc.assert(
        fc.asyncProperty(hostilePayload(name), async (payload) => {
          casesRun += 1;
          const outcome = await invoke(ctx, name, ctx.fromOurWindow, payload);
          if (outcome.ok) {
            casesHandled += 1;
            expect(outcome.value).toBe('handled');
            expect(outcome.received).toHaveLength(1);
            const { request } = outcome.received[0]!;
            // Whatever reached a handler is a plain value: no pollution key, no foreign prototype.
            if (request !== null && typeof request === 'object') {
              expect(Object.getPrototypeOf(request)).toBe(Object.prototype);
              expect(Object.hasOwn(request, '__proto__')).toBe(false);
            }
          } else {
            expect(outcome.received).toEqual([]);
            expect(outcome.error).toBeInstanceOf(Error);
            expect((outcome.error as Error).message).toBe(`Invalid request for ${name}`);
            expect(ctx.logger.entries).toEqual([
              expect.objectContaining({
                level: 'warn',
                fields: expect.objectContaining({ operation: name, reason: 'invalid payload' }),
              }),
            ]);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
          expect(snapshotPrototypes()).toBe(prototypesBefore);
          const after = await invoke(ctx, name, ctx.fromOurWindow, validRequest(name));
          expect(after).toMatchObject({ ok: true, value: 'handled' });
        }),
        { numRuns: RUNS_PER_OPERATION },
      );
    },
  );

  it('never copies a refused payload into the log', async () => {
    const secret = 'sk-do-not-log-this-0123456789';
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operationNames),
        fc.constantFrom(secret, { key: secret, id: 42 }, [secret]),
        async (name, payload) => {
          casesRun += 1;
          const outcome = await invoke(ctx, name, ctx.fromOurWindow, payload);
          if (!outcome.ok) expect(JSON.stringify(ctx.logger.entries)).not.toContain(secret);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('accepts our main frame (with any query or hash) and refuses unknown senders, subframes, gone frames and foreign origins', async () => {
    type Case = { event: InvokeEventLike; refusal: string | null };
    const ourFrameUrl = fc
      .tuple(fc.webQueryParameters(), fc.webFragments())
      .map(([query, hash]) => `${APP_URL}${query ? `?${query}` : ''}${hash ? `#${hash}` : ''}`);
    const foreignUrl = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      // Every file:// page is foreign, our own built index.html included.
      fc.webPath().map((path) => `file://${path.startsWith('/') ? path : `/${path}`}`),
      fc.webPath().map((path) => `app://other${path.startsWith('/') ? path : `/${path}`}`),
      fc.constantFrom(
        'file:///tmp/evil.html',
        `file://${APP_ROOT}/index.html`,
        `file://${APP_ROOT}/index.html?view=quick-ask`,
        'app://aide.evil.example/index.html',
        'app://aide:8080/index.html',
        'app://user@aide/index.html',
        'http://localhost:5173/',
        'devtools://devtools/bundled/inspector.html',
        'chrome-error://chromewebdata/',
        'about:blank',
        'data:text/html,<script>alert(1)</script>',
        'javascript:alert(1)',
        '',
        'not a url',
      ),
      fc.string({ maxLength: 40 }),
    );
    const anyFrame: fc.Arbitrary<FrameLike> = fc.oneof(ourFrameUrl, foreignUrl).map((url) => ({ url, parent: null }));
    const knownWindow = fc.constantFrom(1, 2);
    const unknownWindow = fc.integer().filter((id) => id !== 1 && id !== 2);

    const cases: fc.Arbitrary<Case> = fc.oneof(
      fc.tuple(knownWindow, ourFrameUrl).map(([id, url]) => ({
        event: { sender: fakeWebContents(id), senderFrame: { url, parent: null } },
        refusal: null,
      })),
      fc.tuple(unknownWindow, ourFrameUrl).map(([id, url]) => ({
        event: { sender: fakeWebContents(id), senderFrame: { url, parent: null } },
        refusal: 'unknown window',
      })),
      fc
        .tuple(fc.oneof(knownWindow, unknownWindow), fc.oneof(ourFrameUrl, foreignUrl), anyFrame)
        .map(([id, url, parent]) => ({
          event: { sender: fakeWebContents(id), senderFrame: { url, parent } },
          refusal: 'not a main frame',
        })),
      fc.oneof(knownWindow, unknownWindow).map((id) => ({
        event: { sender: fakeWebContents(id), senderFrame: null },
        refusal: 'sender frame is gone',
      })),
      fc.tuple(knownWindow, foreignUrl).map(([id, url]) => ({
        event: { sender: fakeWebContents(id), senderFrame: { url, parent: null } },
        refusal: 'foreign origin',
      })),
    );

    await fc.assert(
      fc.asyncProperty(
        cases,
        fc.constantFrom(
          'saveKey',
          'sendMessage',
          'deleteConversation',
          'setPrices',
        ) satisfies fc.Arbitrary<OperationName>,
        async ({ event, refusal }, name) => {
          casesRun += 1;
          const outcome = await invoke(ctx, name, event, validRequest(name));
          if (refusal === null) {
            expect(outcome.ok).toBe(true);
            expect(outcome.received).toHaveLength(1);
          } else {
            expect(outcome.received).toEqual([]);
            expect(outcome.ok === false && (outcome.error as Error).message).toBe(`Refused ${name}: ${refusal}`);
          }
        },
      ),
      { numRuns: SENDER_RUNS },
    );
  });
});
