// The openai SDK retries every 429 by default; an account out of credit must not be retried.
import { RateLimitError } from 'openai';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createClient } from '../../main/core/chat/openai-client';
import { DEFAULT_API_KEY, replies, startFakeOpenAIServer, type FakeOpenAIServer } from '../support/fake-openai-server';

let server: FakeOpenAIServer;
beforeEach(async () => {
  server = await startFakeOpenAIServer();
});
afterEach(() => server.close());

const ask = () =>
  createClient({ baseUrl: server.url, apiKey: DEFAULT_API_KEY, maxRetries: 2 }).chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hi' }],
  });

it('does not let the SDK retry insufficient_quota', async () => {
  server.enqueue(replies.insufficientQuota(), replies.stream('should never be asked for'));
  const error = await ask().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimitError);
  expect((error as RateLimitError).code).toBe('insufficient_quota');
  expect(server.requests).toHaveLength(1);
});

it('still lets the SDK retry an ordinary rate limit', async () => {
  server.enqueue(replies.rateLimited(0), replies.stream('second try'));
  const completion = await ask();
  expect(completion.choices[0]?.message.content).toBe('second try');
  expect(server.requests).toHaveLength(2);
});
