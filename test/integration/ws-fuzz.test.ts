// Fuzzes browser mode (main/web/web-server.ts) over a real WebSocket with a real core, for
// crashes: random frames (not JSON, wrong shapes, unknown operations, pollution keys) are dropped or
// get "Unknown operation." and change nothing; random payloads for every operation get an answer;
// a frame over the 1 MiB limit closes only its connection; the server keeps answering valid calls
// and nothing rejects unhandled. Which payloads are valid is stated by hand in
// payload-verdicts.test.ts, not decided here. Connections without this run's token, from another
// Origin or Host are refused, and the server listens on loopback only.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tcpConnect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { operationNames, type OperationName } from '../../common/contract';
import { WS_PATH } from '../../common/ws-protocol';
import { startWebServer, type WebServer } from '../../main/web/web-server';
import { validRequest } from '../support/bad-payloads';
import { startHarness, type Harness } from '../support/core-harness';
import { dataFiles, settledFiles } from '../support/data-files';
import { DEFAULT_API_KEY } from '../support/fake-openai-server';
import {
  anyValue,
  failOnUnhandledRejections,
  hugeString,
  mutated,
  pollutedJson,
  snapshotPrototypes,
} from '../support/hostile-values';

const FRAME_RUNS = 600;
const PAYLOAD_RUNS_PER_OPERATION = 25;
const AUTH_RUNS = 120;
let casesRun = 0;
afterAll(() => console.info(`ws-fuzz: ${casesRun} fuzz cases run`));

failOnUnhandledRejections();

let h: Harness;
let web: WebServer;
let token: string;
let origin: string;
let ws: WebSocket;
let nextId = 1_000_000;
let seededConversationId: string;

type Message = { type: string; id?: number; ok?: boolean; error?: string; value?: unknown };

beforeAll(async () => {
  h = await startHarness({ env: { OPENAI_API_KEY: DEFAULT_API_KEY } });
  // Some state to keep: a conversation with an answer, a reminder.
  const conversation = await h.core.handlers.createConversation();
  seededConversationId = conversation.id;
  await h.core.handlers.sendMessage({ conversationId: conversation.id, text: 'Hello there' });
  await h.waitFor('chatDone');
  await h.core.handlers.quickAsk({ text: 'remind me to water the plants tomorrow at 9am' });
  const rendererDir = await mkdtemp(join(tmpdir(), 'aide-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Aide</title>');
  web = await startWebServer({ core: h.core, rendererDir, logger: { info() {}, warn() {}, error() {} } });
  token = new URL(web.url).searchParams.get('token')!;
  origin = `http://127.0.0.1:${web.port}`;
  ws = await open();
});
afterAll(async () => {
  ws?.close();
  await web?.close();
  await h?.close();
});

function open(query = `?token=${token}`, headers: Record<string, string> = { Origin: origin }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${web.port}${WS_PATH}${query}`, {
      headers,
      maxPayload: 64 * 1024 * 1024,
    });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

/**
 * Sends `frame`, then a valid call, and collects every result until the valid call's answer and,
 * when `awaitId` is given, the frame's own answer have arrived (a handler answers asynchronously;
 * a refusal comes at once, before the valid call's).
 */
function sendThenProbe(
  socket: WebSocket,
  frame: string | Buffer,
  awaitId?: number,
): Promise<{ replies: Message[]; probe: Message }> {
  const probeId = nextId++;
  return new Promise((resolve, reject) => {
    const replies: Message[] = [];
    let probe: Message | null = null;
    const settle = () => {
      if (probe === null || (awaitId !== undefined && !replies.some((reply) => reply.id === awaitId))) return;
      socket.off('message', onMessage);
      socket.off('close', onClose);
      resolve({ replies, probe });
    };
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as Message;
      if (message.type !== 'result') return;
      if (message.id === probeId) probe = message;
      else replies.push(message);
      settle();
    };
    const onClose = (code: number) => reject(new Error(`closed ${code}`));
    socket.on('message', onMessage);
    socket.once('close', onClose);
    socket.send(frame);
    socket.send(JSON.stringify({ type: 'call', id: probeId, op: 'getNotices' }));
  });
}

/** Everything a person could lose: what every read-only operation answers, and the data folder. */
async function snapshotState(): Promise<string> {
  const reads: OperationName[] = [
    'listConversations',
    'getSettings',
    'listReminders',
    'listAppointments',
    'getPrices',
    'listFired',
  ];
  const answers: Record<string, unknown> = {};
  for (const name of reads) answers[name] = await (h.core.handlers[name] as () => Promise<unknown>)();
  const conversations = answers.listConversations as Array<{ id: string }>;
  for (const { id } of conversations) answers[`conversation ${id}`] = await h.core.handlers.getConversation({ id });
  return JSON.stringify({ answers, files: await dataFiles(h.dataDir) });
}

const MAX_FRAME = 1024 * 1024;

/** Sends `frame` on a connection of its own; resolves with the code the server closed it with. */
async function closeCodeAfter(frame: string): Promise<number> {
  const socket = await open();
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.send(frame);
  return closed;
}

describe('WebSocket fuzzing (browser mode)', () => {
  let stateBefore: string;
  let prototypesBefore: string;
  beforeAll(async () => {
    stateBefore = await snapshotState();
    prototypesBefore = snapshotPrototypes();
  });

  it('random frames: non-calls are dropped, calls to unknown operations get "Unknown operation.", nothing changes', async () => {
    const id = fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.string({ maxLength: 5 }), fc.constant(null));
    const op = fc.oneof(
      fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        'hasOwnProperty',
        'valueOf',
        'readFiles',
        'eval',
        'GETSETTINGS',
        '',
      ),
      fc.string({ maxLength: 20 }).filter((name) => !operationNames.includes(name as OperationName)),
    );
    /** A frame, and the answer it must get when the way it was made says so ('any': none, or "Unknown operation."). */
    type Frame = { text: string; answer: 'any' | 'unknown operation' | 'settings'; id?: number };
    const anyAnswer = (text: string): Frame => ({ text, answer: 'any' });
    const frame: fc.Arbitrary<Frame> = fc.oneof(
      { weight: 2, arbitrary: fc.string({ maxLength: 200 }).map(anyAnswer) },
      { weight: 1, arbitrary: fc.string({ maxLength: 50 }).map((s) => anyAnswer(`{"type":"call","id":1,${s}`)) },
      { weight: 2, arbitrary: anyValue(true).map((value) => anyAnswer(JSON.stringify(value) ?? 'undefined')) },
      { weight: 2, arbitrary: pollutedJson.map((value) => anyAnswer(JSON.stringify(value))) },
      {
        weight: 2,
        arbitrary: fc
          .record(
            { type: fc.oneof(fc.constant('call'), fc.string({ maxLength: 6 })), id, op, payload: anyValue(true) },
            { requiredKeys: [] },
          )
          .map((call) => anyAnswer(JSON.stringify(call))),
      },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.nat(), op, anyValue(true)).map(([n, name, payload]) => ({
          text: JSON.stringify({ type: 'call', id: n, op: name, payload }),
          answer: 'unknown operation' as const,
          id: n,
        })),
      },
      {
        weight: 1,
        // A pollution key beside a valid call is dropped; the call is answered.
        arbitrary: fc.tuple(fc.nat(), fc.constantFrom('__proto__', 'constructor')).map(([n, key]) => ({
          text: `{"type":"call","id":${n},"op":"getSettings","${key}":{"polluted":true,"type":"x"}}`,
          answer: 'settings' as const,
          id: n,
        })),
      },
    );
    const unknownOperation = { type: 'result', ok: false, error: 'Unknown operation.' };
    await fc.assert(
      fc.asyncProperty(frame, async ({ text, answer, id: callId }) => {
        casesRun += 1;
        const { replies, probe } = await sendThenProbe(ws, text, callId);
        expect(probe).toMatchObject({ ok: true, value: [] });
        if (answer === 'any') {
          expect(replies.length).toBeLessThanOrEqual(1);
          for (const reply of replies) expect(reply).toMatchObject(unknownOperation);
        } else if (answer === 'unknown operation') {
          expect(replies).toEqual([{ ...unknownOperation, id: callId }]);
        } else {
          expect(replies).toEqual([expect.objectContaining({ type: 'result', id: callId, ok: true })]);
          expect(replies[0]!.value).toMatchObject({ model: expect.any(String) });
        }
      }),
      { numRuns: FRAME_RUNS },
    );
    expect(await snapshotState()).toBe(stateBefore);
    expect(snapshotPrototypes()).toBe(prototypesBefore);
  });

  it('every operation: random payloads each get an answer (handled, or an error in words) and the server keeps answering', async () => {
    for (const name of operationNames) {
      const payload = fc.oneof(
        anyValue(true),
        hugeString(300_000),
        pollutedJson,
        mutated(validRequest(name), fc.oneof(anyValue(true), hugeString(200_000))),
      );
      await fc.assert(
        fc.asyncProperty(payload, async (value) => {
          casesRun += 1;
          const callId = nextId++;
          const frame = JSON.stringify({ type: 'call', id: callId, op: name, payload: value });
          if (Buffer.byteLength(frame) > MAX_FRAME) {
            expect(await closeCodeAfter(frame)).toBe(1009);
            return;
          }
          const { replies, probe } = await sendThenProbe(ws, frame, callId);
          expect(probe.ok).toBe(true);
          expect(replies).toEqual([expect.objectContaining({ type: 'result', id: callId, ok: expect.any(Boolean) })]);
          if (replies[0]!.ok === false) expect(replies[0]!.error).toMatch(/\S/);
        }),
        { numRuns: PAYLOAD_RUNS_PER_OPERATION },
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(snapshotPrototypes()).toBe(prototypesBefore);
  });

  it('a frame over 1 MiB closes that connection (1009) and nothing else; the server answers the next one', async () => {
    const sizes = fc.tuple(fc.integer({ min: MAX_FRAME + 1, max: 3 * MAX_FRAME }), fc.boolean());
    // Valid random payloads may have started answers that are still being written.
    await settledFiles(h.dataDir);
    const before = await snapshotState();
    await fc.assert(
      fc.asyncProperty(sizes, async ([size, asCall]) => {
        casesRun += 1;
        const filler = 'x'.repeat(size);
        const frame = asCall
          ? JSON.stringify({ type: 'call', id: 1, op: 'sendMessage', payload: { conversationId: 'c1', text: filler } })
          : filler;
        expect(await closeCodeAfter(frame)).toBe(1009);
        const { probe } = await sendThenProbe(ws, 'not json');
        expect(probe.ok).toBe(true);
      }),
      { numRuns: 6 },
    );
    expect(await snapshotState()).toBe(before);
  });

  it('still answers valid calls after all of that', async () => {
    const { probe } = await sendThenProbe(
      ws,
      JSON.stringify({ type: 'call', id: 1, op: 'getSettings', payload: { nope: 1 } }),
    );
    expect(probe.ok).toBe(true);
    const conversations = await new Promise<Message>((resolve) => {
      ws.on('message', function onMessage(data) {
        const message = JSON.parse(data.toString()) as Message;
        if (message.type === 'result' && message.id === 7) {
          ws.off('message', onMessage);
          resolve(message);
        }
      });
      ws.send(JSON.stringify({ type: 'call', id: 7, op: 'listConversations' }));
    });
    // Random payloads may have been valid and added some (a quick ask that went to the model).
    expect(conversations).toMatchObject({ ok: true });
    expect(conversations.value).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: seededConversationId })]),
    );
  });
});

describe('who may connect', () => {
  const refused = async (query: string, headers: Record<string, string>) => {
    casesRun += 1;
    await expect(open(query, headers)).rejects.toThrow(/403/);
  };

  it('refuses a missing, wrong, truncated or padded token', async () => {
    const badToken = fc.oneof(
      fc.string({ maxLength: 64 }),
      fc.base64String({ minLength: 32, maxLength: 32 }),
      fc.nat({ max: token.length - 1 }).map((n) => token.slice(0, n)),
      fc.string({ minLength: 1, maxLength: 4 }).map((s) => token + s),
      fc
        .nat({ max: token.length - 1 })
        .map((i) => token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1)),
    );
    await fc.assert(
      fc.asyncProperty(badToken, async (guess) => {
        fc.pre(guess !== token);
        await refused(`?token=${encodeURIComponent(guess)}`, { Origin: origin });
      }),
      { numRuns: AUTH_RUNS },
    );
    await refused('', { Origin: origin });
    await refused(`?TOKEN=${token}`, { Origin: origin });
  });

  it('refuses a foreign, missing or look-alike Origin even with the right token', async () => {
    const badOrigin = fc.oneof(
      fc.webUrl().map((url) => new URL(url).origin),
      fc.constantFrom(
        'null',
        'file://',
        `https://127.0.0.1:${web.port}`,
        `http://127.0.0.1:${web.port + 1}`,
        `http://127.0.0.1.evil.example:${web.port}`,
        `http://localhost.evil.example:${web.port}`,
        `http://[::1]:${web.port}`,
        `http://0.0.0.0:${web.port}`,
        'http://127.0.0.1',
      ),
    );
    await fc.assert(
      fc.asyncProperty(badOrigin, async (bad) => refused(`?token=${token}`, { Origin: bad })),
      { numRuns: AUTH_RUNS },
    );
    await refused(`?token=${token}`, {});
  });

  it('refuses a foreign Host (DNS rebinding) even with the right token and Origin', async () => {
    const badHost = fc.oneof(
      fc.domain(),
      fc.constantFrom(`evil.example:${web.port}`, `127.0.0.1:${web.port + 1}`, `0.0.0.0:${web.port}`),
    );
    await fc.assert(
      fc.asyncProperty(badHost, async (host) => refused(`?token=${token}`, { Origin: origin, Host: host })),
      { numRuns: AUTH_RUNS / 2 },
    );
  });

  it("accepts this run's token from its own page, at 127.0.0.1 or localhost", async () => {
    (await open()).close();
    (await open(`?token=${token}`, { Origin: `http://localhost:${web.port}`, Host: `localhost:${web.port}` })).close();
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(new URL(web.url).hostname).toBe('127.0.0.1');
    // Every listening socket on the port, from the kernel's own table.
    const hex = web.port.toString(16).toUpperCase().padStart(4, '0');
    const listening = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) => {
      const text = existsSync(table) ? readFileSync(table, 'utf8') : '';
      return text
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s+/))
        .filter((cols) => cols[1]?.endsWith(`:${hex}`) && cols[3] === '0A')
        .map((cols) => cols[1]!.split(':')[0]);
    });
    expect(listening).toEqual(['0100007F']);
    // And from outside loopback, nothing answers on that port.
    const outside = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address !== undefined && !address.internal && address.family === 'IPv4')
      .map((address) => address!.address);
    for (const address of outside) {
      const refusedThere = await new Promise<boolean>((resolve) => {
        const socket = tcpConnect({ host: address, port: web.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(true));
      });
      expect(refusedThere, `${address}:${web.port}`).toBe(true);
    }
  });
});
