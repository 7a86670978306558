// Owns the tests of test/support/fake-openai-server.ts, driven through the real `openai` SDK.
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_API_KEY,
  maskApiKey,
  replies,
  startFakeOpenAIServer,
  type FakeOpenAIServer,
} from '../support/fake-openai-server';

const MODEL = 'gpt-4o-mini';

let server: FakeOpenAIServer;
let client: OpenAI;

beforeEach(async () => {
  server = await startFakeOpenAIServer();
  client = new OpenAI({ apiKey: DEFAULT_API_KEY, baseURL: server.url, maxRetries: 0 });
});

afterEach(async () => {
  await server.close();
});

async function collectStream(
  stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>,
): Promise<OpenAI.Chat.Completions.ChatCompletionChunk[]> {
  const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function contentOf(chunks: OpenAI.Chat.Completions.ChatCompletionChunk[]): string[] {
  return chunks.map((chunk) => chunk.choices[0]?.delta.content).filter((c): c is string => typeof c === 'string' && c !== '');
}

async function expectRejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('fake OpenAI server', () => {
  it('listens on 127.0.0.1 with a /v1 base URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('streams the queued chunks in order, then finish_reason stop and the usage chunk', async () => {
    server.enqueue({ kind: 'stream', chunks: ['One', ', two', ', three.'], usage: { prompt_tokens: 11, completion_tokens: 3 } });
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Count to three' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collectStream(stream);

    expect(chunks[0]?.object).toBe('chat.completion.chunk');
    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: 'assistant', content: '' });
    expect(contentOf(chunks)).toEqual(['One', ', two', ', three.']);
    const finish = chunks.find((chunk) => chunk.choices[0]?.finish_reason);
    expect(finish?.choices[0]?.finish_reason).toBe('stop');
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 });
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  });

  it('omits the usage chunk unless stream_options.include_usage is set', async () => {
    server.enqueue(replies.stream('No usage please.'));
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const chunks = await collectStream(stream);
    expect(chunks.every((chunk) => chunk.choices.length === 1)).toBe(true);
    expect(contentOf(chunks).join('')).toBe('No usage please.');
  });

  it('estimates usage from lengths when none is given', async () => {
    server.enqueue(replies.stream('twelve chars'));
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'abcdefgh' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const usage = (await collectStream(stream)).at(-1)?.usage;
    expect(usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
  });

  it('answers with the default streamed reply when the queue is empty', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const chunks = await collectStream(stream);
    expect(contentOf(chunks).length).toBeGreaterThan(1);
    expect(contentOf(chunks).join('')).toBe('Hello from the fake server.');
  });

  it('replies with a chat.completion to non-streamed requests (json and joined stream replies)', async () => {
    server.enqueue({ kind: 'json', content: 'Plain answer.' }, replies.stream('Joined from chunks.'));
    const first = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'a' }] });
    const second = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'b' }] });

    expect(first.object).toBe('chat.completion');
    expect(first.model).toBe(MODEL);
    expect(first.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'Plain answer.' });
    expect(first.choices[0]?.finish_reason).toBe('stop');
    expect(first.usage?.total_tokens).toBeGreaterThan(0);
    expect(second.choices[0]?.message.content).toBe('Joined from chunks.');
  });

  it('sends realistic OpenAI response headers', async () => {
    const { response } = await client.chat.completions
      .create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true })
      .withResponse();
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    for (const name of [
      'x-request-id',
      'openai-processing-ms',
      'x-ratelimit-limit-requests',
      'x-ratelimit-remaining-requests',
      'x-ratelimit-reset-requests',
      'x-ratelimit-limit-tokens',
      'x-ratelimit-remaining-tokens',
      'x-ratelimit-reset-tokens',
    ]) {
      expect(response.headers.get(name), name).toBeTruthy();
    }
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('rejects an unknown key with 401 invalid_api_key, masks the key and keeps the queue', async () => {
    const badKey = 'sk-proj-this-key-is-wrong-0123456789abcd';
    const badClient = new OpenAI({ apiKey: badKey, baseURL: server.url, maxRetries: 0 });
    server.enqueue(replies.stream('Still queued.'));

    const error = await expectRejection(
      badClient.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true }),
    );
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    const authError = error as InstanceType<typeof OpenAI.AuthenticationError>;
    expect(authError.status).toBe(401);
    expect(authError.code).toBe('invalid_api_key');
    expect(authError.type).toBe('invalid_request_error');
    expect(authError.message).toContain(`Incorrect API key provided: ${maskApiKey(badKey)}.`);
    expect(authError.message).toContain('sk-proj-');
    expect(authError.message).toContain('abcd');
    expect(authError.message).not.toContain(badKey);
    expect(authError.requestID).toMatch(/^req_/);

    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    expect(contentOf(await collectStream(stream)).join('')).toBe('Still queued.');
  });

  it('accepts keys added to validKeys at runtime', async () => {
    server.validKeys.add('sk-added-later-0000000000');
    const other = new OpenAI({ apiKey: 'sk-added-later-0000000000', baseURL: server.url, maxRetries: 0 });
    const models = await other.models.list();
    expect(models.data.length).toBeGreaterThan(0);
  });

  it('replies.invalidKey() raises AuthenticationError', async () => {
    server.enqueue(replies.invalidKey());
    const error = await expectRejection(
      client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
  });

  it('raises RateLimitError with code insufficient_quota', async () => {
    server.enqueue(replies.insufficientQuota());
    const error = await expectRejection(
      client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true }),
    );
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateError = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateError.status).toBe(429);
    expect(rateError.code).toBe('insufficient_quota');
    expect(rateError.type).toBe('insufficient_quota');
    expect(rateError.message).toContain('You exceeded your current quota');
  });

  it('rateLimited sets retry-after and x-ratelimit headers with code rate_limit_exceeded', async () => {
    server.enqueue(replies.rateLimited(7));
    const error = await expectRejection(
      client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true }),
    );
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateError = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateError.code).toBe('rate_limit_exceeded');
    expect(rateError.type).toBe('requests');
    expect(rateError.headers.get('retry-after')).toBe('7');
    expect(rateError.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(rateError.headers.get('x-ratelimit-reset-requests')).toBe('7s');
  });

  it('modelNotFound and serverError map to NotFoundError and InternalServerError', async () => {
    server.enqueue(replies.modelNotFound('gpt-nope'), replies.serverError());
    const notFound = await expectRejection(
      client.chat.completions.create({ model: 'gpt-nope', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(notFound).toBeInstanceOf(OpenAI.NotFoundError);
    expect((notFound as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    expect((notFound as Error).message).toContain('The model `gpt-nope` does not exist or you do not have access to it.');

    const serverError = await expectRejection(
      client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(serverError).toBeInstanceOf(OpenAI.InternalServerError);
    expect((serverError as InstanceType<typeof OpenAI.InternalServerError>).type).toBe('server_error');
  });

  it('lists the configured models', async () => {
    await server.close();
    server = await startFakeOpenAIServer({ validKeys: ['sk-custom-1234567890'], models: ['gpt-4o', 'gpt-4o-mini'] });
    const custom = new OpenAI({ apiKey: 'sk-custom-1234567890', baseURL: server.url, maxRetries: 0 });

    const ids: string[] = [];
    for await (const model of custom.models.list()) {
      expect(model.object).toBe('model');
      expect(typeof model.created).toBe('number');
      expect(model.owned_by).toBeTruthy();
      ids.push(model.id);
    }
    expect(ids).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect((await custom.models.retrieve('gpt-4o')).id).toBe('gpt-4o');
    await expect(custom.models.retrieve('gpt-missing')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('streams tool_calls whose arguments reassemble across chunks', async () => {
    const args = JSON.stringify({ text: 'Buy milk', at: '2026-01-01T09:00:00Z' });
    server.enqueue({
      kind: 'toolCalls',
      calls: [
        { name: 'create_reminder', arguments: args, id: 'call_fixed' },
        { name: 'list_reminders', arguments: '{}' },
      ],
    });
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Remind me to buy milk' }],
      stream: true,
    });
    const chunks = await collectStream(stream);

    const assembled = new Map<number, { id: string; name: string; arguments: string; pieces: number }>();
    for (const chunk of chunks) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        const entry = assembled.get(delta.index) ?? { id: '', name: '', arguments: '', pieces: 0 };
        if (delta.id) entry.id = delta.id;
        if (delta.function?.name) entry.name = delta.function.name;
        if (delta.function?.arguments) {
          entry.arguments += delta.function.arguments;
          entry.pieces += 1;
        }
        assembled.set(delta.index, entry);
      }
    }
    expect(assembled.get(0)).toMatchObject({ id: 'call_fixed', name: 'create_reminder', arguments: args });
    expect(assembled.get(0)?.pieces).toBeGreaterThan(1);
    expect(assembled.get(1)).toMatchObject({ name: 'list_reminders', arguments: '{}' });
    expect(assembled.get(1)?.id).toMatch(/^call_/);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('the SDK stream helper reassembles tool calls too', async () => {
    server.enqueue({ kind: 'toolCalls', calls: [{ name: 'get_time', arguments: '{"zone":"Europe/Paris"}' }] });
    const runner = client.chat.completions.stream({
      model: MODEL,
      messages: [{ role: 'user', content: 'time?' }],
      tools: [{ type: 'function', function: { name: 'get_time', parameters: { type: 'object' } } }],
    });
    const completion = await runner.finalChatCompletion();
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.type).toBe('function');
    expect(call?.type === 'function' ? call.function : undefined).toEqual({
      name: 'get_time',
      arguments: '{"zone":"Europe/Paris"}',
    });
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('hangAfter keeps the stream open until the client aborts, and close() does not hang', async () => {
    server.enqueue({ kind: 'stream', chunks: ['first ', 'second ', 'never'], hangAfter: 2 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true },
      { signal: controller.signal },
    );

    // The server has stopped sending; abort while the client is blocked waiting for the next chunk.
    const received: string[] = [];
    for await (const chunk of stream) {
      const content = chunk.choices[0]?.delta.content;
      if (content) received.push(content);
      if (received.length === 2) setTimeout(() => controller.abort(), 50);
    }
    // The SDK ends the iteration quietly on a user abort.
    expect(received).toEqual(['first ', 'second ']);
    expect(controller.signal.aborted).toBe(true);

    // close() must end the open connection instead of waiting for it (a hang fails the test).
    await server.close();
  });

  it('an abort before the response arrives rejects with APIUserAbortError', async () => {
    server.enqueue({ kind: 'stream', chunks: ['never'], hangAfter: 0 });
    const controller = new AbortController();
    const request = client.chat.completions.create(
      { model: MODEL, messages: [{ role: 'user', content: 'hi' }] },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 50);
    await expect(request).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
  });

  it('close() ends a hanging stream that nobody aborts', async () => {
    server.enqueue({ kind: 'stream', chunks: ['only ', 'partly'], hangAfter: 1 });
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const consuming = collectStream(stream).then(
      () => 'ended',
      () => 'errored',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.close();
    expect(['ended', 'errored']).toContain(await consuming);
  });

  it('dropAfter destroys the socket mid-stream and the client sees an error', async () => {
    server.enqueue({ kind: 'stream', chunks: ['a ', 'b ', 'c ', 'd'], dropAfter: 2 });
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const received: string[] = [];
    const error = await expectRejection(
      (async () => {
        for await (const chunk of stream) {
          const content = chunk.choices[0]?.delta.content;
          if (content) received.push(content);
        }
      })(),
    );
    // Node's fetch (undici) reports the cut connection as `TypeError: terminated` (cause: other side closed).
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/terminated|socket|closed/i);
    expect(received).toEqual(['a ', 'b ']);
  });

  it('delayMs spaces the chunks out', async () => {
    server.enqueue({ kind: 'stream', chunks: ['x', 'y', 'z'], delayMs: 40 });
    const started = Date.now();
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    expect(contentOf(await collectStream(stream))).toEqual(['x', 'y', 'z']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('records every request with method, path, lowercased headers and parsed body', async () => {
    const badClient = new OpenAI({ apiKey: 'sk-wrong-key-000000000000', baseURL: server.url, maxRetries: 0 });
    await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'record me' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    await client.models.list();
    await expectRejection(badClient.models.list());

    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/chat/completions',
      'GET /v1/models',
      'GET /v1/models',
    ]);
    const [chat, list, rejected] = server.requests;
    expect(chat?.headers['authorization']).toBe(`Bearer ${DEFAULT_API_KEY}`);
    expect(chat?.headers['content-type']).toContain('application/json');
    expect(chat?.body).toMatchObject({
      model: MODEL,
      messages: [{ role: 'user', content: 'record me' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(list?.body).toBeNull();
    expect(rejected?.headers['authorization']).toBe('Bearer sk-wrong-key-000000000000');
  });

  it('answers unknown routes with a 404 JSON error', async () => {
    const response = await fetch(`${server.url}/does-not-exist`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEFAULT_API_KEY}` },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({
      error: {
        message: 'Invalid URL (POST /v1/does-not-exist)',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });

  it('answers a missing Authorization header with 401', async () => {
    const response = await fetch(`${server.url}/models`);
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_api_key');
    expect(body.error.message).toContain("You didn't provide an API key");
  });
});

describe('maskApiKey', () => {
  it('never returns the full key', () => {
    expect(maskApiKey('sk-proj-abcdefghijklmnop1234')).toMatch(/^sk-proj-\*+1234$/);
    expect(maskApiKey('sk-abc123456')).toMatch(/^sk-\*+3456$/);
    expect(maskApiKey('short')).toBe('*****');
  });
});
