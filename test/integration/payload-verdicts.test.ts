// Every operation's hand-written requests (test/support/bad-payloads.ts) through both edges, with
// a real core: a refused one gets the edge's clear error, reaches no handler and changes no file;
// an accepted one reaches its handler as the table says (trimmed, unknown keys dropped).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationNames } from '../../common/contract';
import { caseName, payloadCases } from '../support/bad-payloads';
import { startHarness, type Harness } from '../support/core-harness';
import { dataFiles, settledFiles } from '../support/data-files';
import { DEFAULT_API_KEY } from '../support/fake-openai-server';
import type { PayloadCase } from '../support/payload-classes';
import {
  ipcEdge,
  recordHandlerCalls,
  wsEdge,
  type Edge,
  type EdgeConnection,
  type HandlerCall,
} from '../support/payload-edges';

it('states accepted and refused requests for every operation, each under its own name', () => {
  for (const op of operationNames) {
    const verdicts = new Set(payloadCases.filter((c) => c.op === op).map((c) => c.verdict));
    expect([op, [...verdicts].sort()]).toEqual([op, ['accepted', 'refused']]);
  }
  const names = payloadCases.map(caseName);
  expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
});

/** Refused first, then accepted ones that change nothing, then the rest, so no change leaks into a check. */
const rank = (c: PayloadCase): number => (c.verdict === 'refused' ? 0 : c.changesNothing ? 1 : 2);

describe.each([ipcEdge, wsEdge])('$name', (edge: Edge) => {
  let h: Harness;
  let calls: HandlerCall[];
  let connection: EdgeConnection;

  beforeAll(async () => {
    h = await startHarness({ env: { OPENAI_API_KEY: DEFAULT_API_KEY } });
    // Something to lose: a conversation with an answer, and a reminder.
    const conversation = await h.core.handlers.createConversation();
    await h.core.handlers.sendMessage({ conversationId: conversation.id, text: 'Hello there' });
    await h.waitFor('chatDone');
    await h.core.handlers.quickAsk({ text: 'remind me to water the plants tomorrow at 9am' });
    await settledFiles(h.dataDir);
    calls = recordHandlerCalls(h.core);
    connection = await edge.open(h.core);
  });
  afterAll(async () => {
    await connection?.close();
    await h?.close();
  });

  const cases = payloadCases.filter((c) => edge.carries(c.payload)).sort((a, b) => rank(a) - rank(b));
  const named = (list: PayloadCase[]) => list.map((c) => [caseName(c), c] as const);

  async function check(c: PayloadCase): Promise<void> {
    const before = c.verdict === 'refused' || c.changesNothing ? await dataFiles(h.dataDir) : null;
    calls.length = 0;
    const outcome = await connection.call(c.op, c.payload);
    const refused = { ok: false, error: connection.refusal(c.op) };
    if (c.verdict === 'refused') {
      expect(outcome).toEqual(refused);
      expect(calls).toEqual([]);
    } else {
      expect(outcome).not.toEqual(refused);
      expect(calls).toEqual([{ op: c.op, request: 'handledAs' in c ? c.handledAs : c.payload }]);
      const { request } = calls[0]!;
      if (typeof request === 'object' && request !== null)
        expect(Object.getPrototypeOf(request)).toBe(Object.prototype);
    }
    if (before !== null) expect(await dataFiles(h.dataDir)).toEqual(before);
  }

  it.each(named(cases))('%s', (_name, c) => check(c));
});
