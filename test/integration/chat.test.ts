// The chat service end to end inside core: real keychain, real files, and a real local HTTP
// server speaking OpenAI's wire format (streaming, usage chunk, real error bodies).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, replies } from '../support/fake-openai-server';
import { startHarness, type Harness } from '../support/core-harness';

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const saveValidKey = async () => {
  const saved = await h.core.handlers.saveKey({ key: DEFAULT_API_KEY });
  expect(saved.ok).toBe(true);
};

const chatRequests = () => h.server.requests.filter((r) => r.path === '/v1/chat/completions');

async function send(text: string) {
  const conversation = await h.core.handlers.createConversation();
  const sent = await h.core.handlers.sendMessage({ conversationId: conversation.id, text });
  return { conversationId: conversation.id, ...sent };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('saving the key', () => {
  it('refuses a key the server rejects and stores nothing', async () => {
    const result = await h.core.handlers.saveKey({ key: 'sk-wrong-key-00000000' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('auth');
      expect(result.error.message).toMatch(/key was rejected/);
    }
    expect((await h.core.handlers.getSettings()).key.present).toBe(false);
  });

  it('stores an accepted key in the keychain and shows only its masked form', async () => {
    const result = await h.core.handlers.saveKey({ key: DEFAULT_API_KEY });
    expect(result).toMatchObject({ ok: true, key: { present: true, source: 'keychain', masked: 'sk-…0001' } });
    expect(h.server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/models' });
    await h.restart();
    const settings = await h.core.handlers.getSettings();
    expect(settings.key).toMatchObject({ present: true, masked: 'sk-…0001' });
    expect(settings.key.savedAt).not.toBeNull();
    expect(JSON.stringify(settings)).not.toContain(DEFAULT_API_KEY);
  });

  it('lists the models of the server', async () => {
    await saveValidKey();
    const result = await h.core.handlers.listModels();
    expect(result).toEqual({ ok: true, models: ['gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini'] });
  });
});

describe('chatting', () => {
  it('streams an answer, stores it with its usage and finds it again after a restart', async () => {
    await saveValidKey();
    h.server.enqueue(replies.stream('Paris is the capital of France.', { delayMs: 5 }));
    const { conversationId, assistantMessageId } = await send('What is the capital of France?');
    const done = await h.waitFor('chatDone', (p) => p.message.id === assistantMessageId);
    const streamed = h.events.flatMap((e) => (e.name === 'chatDelta' ? [e.payload.text] : [])).join('');
    expect(streamed).toBe('Paris is the capital of France.');
    expect(done.message).toMatchObject({ status: 'complete', content: 'Paris is the capital of France.' });
    expect(done.message.usage?.totalTokens).toBeGreaterThan(0);

    const request = chatRequests()[0]!.body as { messages: { role: string; content: string }[]; stream: boolean };
    expect(request.stream).toBe(true);
    expect(request.messages[0]!.role).toBe('system');
    expect(request.messages[0]!.content).toContain(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(request.messages.at(-1)).toEqual({ role: 'user', content: 'What is the capital of France?' });

    await h.restart();
    const list = await h.core.handlers.listConversations();
    expect(list[0]?.title).toBe('What is the capital of France?');
    const loaded = await h.core.handlers.getConversation({ id: conversationId });
    expect(loaded?.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'What is the capital of France?'],
      ['assistant', 'Paris is the capital of France.'],
    ]);
  });

  it('sends the earlier turns with the next question', async () => {
    await saveValidKey();
    h.server.enqueue(replies.stream('First answer.'), replies.stream('Second answer.'));
    const { conversationId, assistantMessageId } = await send('First question');
    await h.waitFor('chatDone', (p) => p.message.id === assistantMessageId);
    const second = await h.core.handlers.sendMessage({ conversationId, text: 'Second question' });
    await h.waitFor('chatDone', (p) => p.message.id === second.assistantMessageId);
    const body = chatRequests()[1]!.body as { messages: { role: string; content: string }[] };
    expect(body.messages.slice(1)).toEqual([
      { role: 'user', content: 'First question' },
      { role: 'assistant', content: 'First answer.' },
      { role: 'user', content: 'Second question' },
    ]);
  });

  it('leaves the oldest turns out when the conversation outgrows the model\'s window, and says so', async () => {
    await saveValidKey();
    // An unknown local model is given a small (8k) window.
    await h.core.handlers.updateSettings({ model: 'llama-local' });
    const conversation = await h.core.handlers.createConversation();
    const long = (n: number) => `Message ${n}: ${'lorem ipsum dolor sit amet '.repeat(300)}`;
    for (let n = 1; n <= 4; n++) {
      h.server.enqueue(replies.stream(`Answer ${n}.`));
      const sent = await h.core.handlers.sendMessage({ conversationId: conversation.id, text: long(n) });
      const done = await h.waitFor('chatDone', (p) => p.message.id === sent.assistantMessageId);
      if (n === 4) expect(done.message.contextOmitted).toBeGreaterThan(0);
    }
    const last = chatRequests().at(-1)!.body as { messages: { role: string; content: string }[] };
    expect(last.messages[0]!.role).toBe('system');
    expect(last.messages.at(-1)!.content).toMatch(/^Message 4:/);
    expect(last.messages.some((m) => m.content.startsWith('Message 1:'))).toBe(false);
    const loaded = await h.core.handlers.getConversation({ id: conversation.id });
    expect(loaded?.messages.filter((m) => m.role === 'user')).toHaveLength(4);
  });

  it('keeps the partial answer when the user stops it', async () => {
    await saveValidKey();
    h.server.enqueue(replies.stream('one two three four five six', { hangAfter: 3 }));
    const { conversationId, assistantMessageId } = await send('Count slowly');
    await h.waitFor('chatDelta', () => h.events.filter((e) => e.name === 'chatDelta').map((e) => (e.payload as { text: string }).text).join('') === 'one two three ');
    await h.core.handlers.stop({ conversationId });
    const done = await h.waitFor('chatDone', (p) => p.message.id === assistantMessageId);
    expect(done.message).toMatchObject({ status: 'stopped', content: 'one two three ' });
    await h.restart();
    const loaded = await h.core.handlers.getConversation({ id: conversationId });
    expect(loaded?.messages.at(-1)).toMatchObject({ status: 'stopped', content: 'one two three ' });
  });

  it('answers a local server that needs no key (Ollama, LM Studio)', async () => {
    h.server.validKeys.add('no-key');
    const { assistantMessageId } = await send('Hello?');
    const done = await h.waitFor('chatDone', (p) => p.message.id === assistantMessageId);
    expect(done.message.content).toBe('Hello from the fake server.');
  });
});

describe('errors a user understands', () => {
  it('401: says the key was rejected and keeps the message', async () => {
    await saveValidKey();
    h.server.validKeys.clear();
    const { conversationId } = await send('Are you there?');
    const failed = await h.waitFor('chatError');
    expect(failed.error.code).toBe('auth');
    expect(failed.error.message).toMatch(/key was rejected.*Settings/);
    const loaded = await h.core.handlers.getConversation({ id: conversationId });
    expect(loaded?.messages.map((m) => m.content)).toEqual(['Are you there?']);
  });

  it('429 insufficient_quota: out of credit, and not retried', async () => {
    await saveValidKey();
    h.server.enqueue(replies.insufficientQuota());
    await send('Hello');
    const failed = await h.waitFor('chatError');
    expect(failed.error).toMatchObject({ code: 'quota' });
    expect(failed.error.message).toMatch(/out of credit/);
    expect(chatRequests()).toHaveLength(1);
  });

  it('429 rate limit: retries after retry-after and says so while waiting', async () => {
    await saveValidKey();
    h.server.enqueue(replies.rateLimited(1), replies.stream('Made it.'));
    const { assistantMessageId } = await send('Hello');
    const status = await h.waitFor('chatStatus', (p) => p.status !== null);
    expect(status.status).toBe('Rate limited — retrying in 1 s');
    const done = await h.waitFor('chatDone', (p) => p.message.id === assistantMessageId);
    expect(done.message.content).toBe('Made it.');
    expect(chatRequests()).toHaveLength(2);
  });

  it('404: names the model that does not exist', async () => {
    await saveValidKey();
    await h.core.handlers.updateSettings({ model: 'gpt-imaginary' });
    h.server.enqueue(replies.modelNotFound('gpt-imaginary'));
    await send('Hello');
    const failed = await h.waitFor('chatError');
    expect(failed.error).toMatchObject({ code: 'model_not_found', retryable: false });
    expect(failed.error.message).toContain('"gpt-imaginary"');
  });

  it('500: offers Retry, and Retry answers the same message once', async () => {
    await saveValidKey();
    h.server.enqueue(replies.serverError(), replies.stream('Second time lucky.'));
    const { conversationId } = await send('Try me');
    const failed = await h.waitFor('chatError');
    expect(failed.error).toMatchObject({ code: 'server', retryable: true });
    const { assistantMessageId } = await h.core.handlers.retry({ conversationId });
    await h.waitFor('chatDone', (p) => p.message.id === assistantMessageId);
    const loaded = await h.core.handlers.getConversation({ id: conversationId });
    expect(loaded?.messages.map((m) => m.content)).toEqual(['Try me', 'Second time lucky.']);
    const body = chatRequests()[1]!.body as { messages: { content: string }[] };
    expect(body.messages.filter((m) => m.content === 'Try me')).toHaveLength(1);
  });

  it('a connection dropped mid-stream keeps the partial answer and offers Retry', async () => {
    await saveValidKey();
    h.server.enqueue(replies.stream('alpha beta gamma delta', { dropAfter: 2 }));
    const { conversationId } = await send('Go');
    const failed = await h.waitFor('chatError');
    expect(failed.error).toMatchObject({ code: 'network', retryable: true });
    expect(failed.error.message).toMatch(/connection .* was lost/);
    expect(failed.message).toMatchObject({ status: 'error', content: 'alpha beta ' });
    const loaded = await h.core.handlers.getConversation({ id: conversationId });
    expect(loaded?.messages.at(-1)).toMatchObject({ status: 'error', content: 'alpha beta ' });
  });

  it('an unreachable server is a network error naming the host', async () => {
    await saveValidKey();
    await h.core.handlers.updateSettings({ baseUrl: 'http://127.0.0.1:9/v1' });
    await send('Anyone?');
    const failed = await h.waitFor('chatError');
    expect(failed.error.code).toBe('network');
    expect(failed.error.message).toContain('127.0.0.1:9');
  });

  it('without any key, OpenAI itself is not called and the user is sent to Settings', async () => {
    await h.core.handlers.updateSettings({ baseUrl: 'https://api.openai.com/v1' });
    await send('Hello');
    const failed = await h.waitFor('chatError');
    expect(failed.error.code).toBe('no_key');
    expect(chatRequests()).toHaveLength(0);
  });
});

it('never writes the key to the data folder or the logs', async () => {
  await saveValidKey();
  h.server.validKeys.clear();
  await send('trigger a 401 that gets logged');
  await h.waitFor('chatError');
  for (const file of await filesUnder(h.dataDir)) {
    expect(await readFile(file, 'utf8'), file).not.toContain(DEFAULT_API_KEY);
  }
  expect((await readFile(join(h.dataDir, 'logs', 'aide.log'), 'utf8')).length).toBeGreaterThan(0);
});
