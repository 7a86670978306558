// Fault injection against the local OpenAI-compatible server, through a real core: every failure
// a server or the network can produce gives the user the right message, keeps their text and any
// partial answer, and the next request works. One core for the whole file, as in a long session.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, UserError } from '../../common/contract';
import { startHarness, type Harness } from '../support/core-harness';
import { DEFAULT_ANSWER, DEFAULT_API_KEY, replies, type Reply } from '../support/fake-openai-server';

let h: Harness;
let faultsInjected = 0;
beforeAll(async () => {
  h = await startHarness({ env: { OPENAI_API_KEY: DEFAULT_API_KEY } });
});
afterAll(async () => {
  console.info(`fault-injection: ${faultsInjected} faults injected`);
  await h?.close();
});

const chatRequests = () => h.server.requests.filter((r) => r.path === '/v1/chat/completions');

/** Sends `text` in a new conversation and waits for its answer to fail. */
async function sendAndFail(text: string) {
  faultsInjected += 1;
  const conversation = await h.core.handlers.createConversation();
  const sent = await h.core.handlers.sendMessage({ conversationId: conversation.id, text });
  const failed = await h.waitFor('chatError', (p) => p.messageId === sent.assistantMessageId, 15_000);
  return { conversationId: conversation.id, failed };
}

/** The user's text (and the partial answer, if one arrived) are stored; Retry then answers fully. */
async function expectKeptAndRecovers(conversationId: string, text: string, partial: string | null) {
  const stored = await h.core.handlers.getConversation({ id: conversationId });
  const expected: Array<Partial<ChatMessage>> = [{ role: 'user', content: text, status: 'complete' }];
  if (partial !== null) expected.push({ role: 'assistant', content: partial, status: 'error' });
  expect(stored?.messages).toEqual(expected.map((m) => expect.objectContaining(m)));

  // The next request works: Retry on this conversation…
  const { assistantMessageId } = await h.core.handlers.retry({ conversationId });
  const done = await h.waitFor('chatDone', (p) => p.message.id === assistantMessageId, 15_000);
  expect(done.message).toMatchObject({ status: 'complete', content: DEFAULT_ANSWER });
  const after = await h.core.handlers.getConversation({ id: conversationId });
  expect(after?.messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual([text]);
  expect(after?.messages.at(-1)).toMatchObject({ content: DEFAULT_ANSWER, status: 'complete' });
}

type Case = {
  fault: string;
  reply: Reply[];
  code: UserError['code'];
  message: RegExp;
  retryable: boolean;
  partial: string | null;
};

const cases: Case[] = [
  {
    fault: '401 key rejected',
    reply: [replies.invalidKey()],
    code: 'auth',
    message: /key was rejected .*\(401\).*Settings/,
    retryable: true,
    partial: null,
  },
  {
    fault: '403 forbidden',
    reply: [replies.forbidden()],
    code: 'bad_request',
    message: /refused the request \(403\): Country, region, or territory not supported/,
    retryable: false,
    partial: null,
  },
  {
    fault: '404 model not found',
    reply: [replies.modelNotFound('gpt-4o-mini')],
    code: 'model_not_found',
    message: /model "gpt-4o-mini" was not found.*Settings/,
    retryable: false,
    partial: null,
  },
  {
    fault: '429 rate limit, retries exhausted',
    reply: [replies.rateLimited(0), replies.rateLimited(0), replies.rateLimited(0), replies.rateLimited(0)],
    code: 'rate_limit',
    message: /rate limiting requests \(429\)/,
    retryable: true,
    partial: null,
  },
  {
    fault: '429 insufficient_quota',
    reply: [replies.insufficientQuota()],
    code: 'quota',
    message: /out of credit/,
    retryable: true,
    partial: null,
  },
  {
    fault: '500 server error',
    reply: [replies.serverError()],
    code: 'server',
    message: /server error \(500\).*kept/,
    retryable: true,
    partial: null,
  },
  {
    fault: '503 overloaded',
    reply: [replies.serviceUnavailable()],
    code: 'server',
    message: /server error \(503\).*kept/,
    retryable: true,
    partial: null,
  },
  {
    fault: 'stream cut mid-way',
    reply: [replies.stream('alpha beta gamma delta', { dropAfter: 2 })],
    code: 'network',
    message: /connection .* was lost .* kept/,
    retryable: true,
    partial: 'alpha beta ',
  },
];

describe('fault injection', () => {
  it.each(cases)(
    '$fault: the right message, text kept, the next request works',
    async ({ fault, reply, code, message, retryable, partial }) => {
      const before = chatRequests().length;
      h.server.enqueue(...reply);
      const text = `Tell me a fact about ${fault}`;
      const { conversationId, failed } = await sendAndFail(text);
      expect(failed.error).toMatchObject({ code, retryable });
      expect(failed.error.message).toMatch(message);
      expect(failed.error.message).not.toContain(DEFAULT_API_KEY);
      if (code === 'quota') expect(chatRequests().length - before).toBe(1);
      if (partial !== null) expect(failed.message).toMatchObject({ status: 'error', content: partial });
      await expectKeptAndRecovers(conversationId, text, partial);
    },
  );

  it('connection refused: names the host, keeps the text, works again once the server is back', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const { baseUrl } = await h.core.handlers.getSettings();
    await h.core.handlers.updateSettings({ baseUrl: `http://127.0.0.1:${closedPort}/v1` });
    const text = 'What is the tallest mountain?';
    const { conversationId, failed } = await sendAndFail(text);
    expect(failed.error).toMatchObject({ code: 'network', retryable: true });
    expect(failed.error.message).toContain(`127.0.0.1:${closedPort}`);
    expect(failed.error.message).toMatch(/ECONNREFUSED/);
    await h.core.handlers.updateSettings({ baseUrl });
    await expectKeptAndRecovers(conversationId, text, null);
  });

  it('malformed SSE (a chunk that is not JSON): a clear error, the partial answer kept', async () => {
    const chunk = (content: string) =>
      `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    h.server.enqueue({
      kind: 'rawStream',
      parts: [
        chunk('Half '),
        chunk('an answer'),
        'data: {"choices": [{"delta": {"content": "x"\n\n',
        'data: [DONE]\n\n',
      ],
    });
    const text = 'Explain rainbows';
    const { conversationId, failed } = await sendAndFail(text);
    expect(failed.error.retryable).toBe(true);
    expect(failed.error.message.length).toBeGreaterThan(10);
    expect(failed.message).toMatchObject({ status: 'error', content: 'Half an answer' });
    await expectKeptAndRecovers(conversationId, text, 'Half an answer');
  });

  it('a server that never answers: past the client timeout, a network error; the text kept; the next request works', async () => {
    // The openai client's 120 s timeout is a setTimeout; fake only the timers, so sockets stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      h.server.enqueue({ kind: 'hang' });
      const before = chatRequests().length;
      faultsInjected += 1;
      const conversation = await h.core.handlers.createConversation();
      const text = 'Are you still there?';
      const sent = await h.core.handlers.sendMessage({ conversationId: conversation.id, text });
      while (chatRequests().length === before) await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(121_000);
      vi.useRealTimers();
      const failed = await h.waitFor('chatError', (p) => p.messageId === sent.assistantMessageId, 15_000);
      expect(failed.error).toMatchObject({ code: 'network', retryable: true });
      expect(failed.error.message).toMatch(/Could not reach 127\.0\.0\.1:\d+/);
      await expectKeptAndRecovers(conversation.id, text, null);
    } finally {
      vi.useRealTimers();
    }
  });

  it('an event stream that is not SSE at all: a clear error, nothing half-made', async () => {
    h.server.enqueue({ kind: 'rawStream', parts: ['<html><body>502 Bad Gateway</body></html>'] });
    const text = 'Explain tides';
    const { conversationId } = await sendAndFailOrComplete(text);
    const stored = await h.core.handlers.getConversation({ id: conversationId });
    expect(stored?.messages[0]).toMatchObject({ role: 'user', content: text });
    const { assistantMessageId } = await h.core.handlers.retry({ conversationId });
    await h.waitFor('chatDone', (p) => p.message.id === assistantMessageId, 15_000);
  });

  it('a 1 MB tool argument: the call is refused as a tool error, nothing is created, the model answers', async () => {
    // Generating a megabyte costs ~260k output tokens, more than a standard tier's minute allows;
    // the client-side limiter would rightly hold the next request, which is not what this tests.
    await h.core.handlers.updateSettings({ limits: { requestsPerMinute: 500, tokensPerMinute: 10_000_000 } });
    const remindersBefore = (await h.core.handlers.listReminders()).length;
    const huge = JSON.stringify({
      title: 'x'.repeat(1024 * 1024),
      due: '2030-01-01T09:00:00+00:00',
      rrule: null,
      notes: null,
    });
    h.server.enqueue(
      { kind: 'toolCalls', calls: [{ name: 'create_reminder', arguments: huge }] },
      replies.stream('That title was too long.'),
    );
    faultsInjected += 1;
    const conversation = await h.core.handlers.createConversation();
    const sent = await h.core.handlers.sendMessage({
      conversationId: conversation.id,
      text: 'Remind me of this very long thing',
    });
    const done = await h.waitFor('chatDone', (p) => p.message.id === sent.assistantMessageId, 30_000);
    expect(done.message.content).toBe('That title was too long.');
    expect(done.message.cards?.map((c) => c.action)).toEqual(['error']);
    expect((await h.core.handlers.listReminders()).length).toBe(remindersBefore);
    // What went back to the model is a short error, not the megabyte.
    const followUp = chatRequests().at(-1)!.body as { messages: Array<{ role: string; content: string | null }> };
    const toolMessage = followUp.messages.find((m) => m.role === 'tool');
    expect(toolMessage?.content?.length ?? 0).toBeLessThan(10_000);
    await expectNextRequestWorks();
  });
});

describe('keychain missing or locked', () => {
  it('a core without a keychain starts, says why, and still chats with a key from the environment', async () => {
    const { createCore } = await import('../../main/core/create-core');
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    faultsInjected += 1;
    const locked = new Error(
      'No keychain is reachable (org.freedesktop.secrets: the collection is locked). Start gnome-keyring, or set OPENAI_API_KEY.',
    );
    const warnings: string[] = [];
    const core = await createCore({
      dataDir: await mkdtemp(join(tmpdir(), 'aide-nokeychain-')),
      env: { OPENAI_BASE_URL: h.server.url, OPENAI_API_KEY: DEFAULT_API_KEY },
      secretStore: Object.assign(locked, { name: 'SecretStoreUnavailableError' }),
      logger: { info() {}, warn: (message: string) => warnings.push(message), error() {} },
    });
    try {
      const settings = await core.handlers.getSettings();
      expect(settings.key).toMatchObject({ present: true, source: 'environment' });
      expect(warnings).toContain('keychain unavailable');
      // Saving a key where there is no keychain is refused with the reason, not a crash.
      const saved = await core.handlers.saveKey({ key: DEFAULT_API_KEY });
      if (!saved.ok) expect(saved.error.message.length).toBeGreaterThan(10);
    } finally {
      await core.dispose();
    }
  });
});

async function sendAndFailOrComplete(text: string) {
  faultsInjected += 1;
  const conversation = await h.core.handlers.createConversation();
  const sent = await h.core.handlers.sendMessage({ conversationId: conversation.id, text });
  await Promise.race([
    h.waitFor('chatError', (p) => p.messageId === sent.assistantMessageId, 15_000),
    h.waitFor('chatDone', (p) => p.message.id === sent.assistantMessageId, 15_000),
  ]);
  return { conversationId: conversation.id };
}

async function expectNextRequestWorks() {
  const conversation = await h.core.handlers.createConversation();
  const sent = await h.core.handlers.sendMessage({ conversationId: conversation.id, text: 'And now?' });
  const done = await h.waitFor('chatDone', (p) => p.message.id === sent.assistantMessageId, 15_000);
  expect(done.message.content).toBe(DEFAULT_ANSWER);
}

  it('a stream that stalls after its first words: past a generous idle time, an error; the partial answer kept', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      h.server.enqueue(replies.stream('first words then nothing', { hangAfter: 2 }));
      faultsInjected += 1;
      const beforeSend = chatRequests().length;
      const conversation = await h.core.handlers.createConversation();
      const text = 'Tell me a long story';
      const sent = await h.core.handlers.sendMessage({ conversationId: conversation.id, text });
      while (chatRequests().length === beforeSend) await new Promise((resolve) => setImmediate(resolve));
      for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      vi.useRealTimers();
      const failed = await h.waitFor('chatError', (p) => p.messageId === sent.assistantMessageId, 5_000);
      expect(failed.message).toMatchObject({ status: 'error', content: 'first words ' });
      expect(failed.error).toMatchObject({ code: 'network', retryable: true });
      await expectKeptAndRecovers(conversation.id, text, 'first words ');
    } finally {
      vi.useRealTimers();
    }
  });
