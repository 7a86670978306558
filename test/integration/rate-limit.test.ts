// The client-side rate limits through the whole core, counted where it matters: on the server. The
// limits are per minute; the window is shortened here so real timers can check them in seconds.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, replies } from '../support/fake-openai-server';
import { startHarness, type Harness } from '../support/core-harness';

let h: Harness;
afterEach(async () => {
  await h.close();
});

async function start(windowMs: number, limits: { requestsPerMinute: number; tokensPerMinute: number }) {
  h = await startHarness({ rateLimitWindowMs: windowMs });
  expect((await h.core.handlers.saveKey({ key: DEFAULT_API_KEY })).ok).toBe(true);
  await h.core.handlers.updateSettings({ limits });
}

const chatTimes = () => h.server.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.time);

/** The most requests the server saw in any window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.max(...sorted.map((t) => sorted.filter((u) => u >= t && u < t + windowMs).length));
}

async function quickAsks(count: number) {
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      h.core.handlers.quickAsk({ text: `tell me a fun fact about the number ${i + 1}` }),
    ),
  );
  return results.map((r) => {
    if (r.kind !== 'chat') throw new Error(`expected a model answer, got ${r.kind}`);
    return r.assistantMessageId;
  });
}

const doneOrFailed = (ids: string[]) =>
  Promise.all(
    ids.map((id) =>
      Promise.race([
        h.waitFor('chatDone', (p) => p.message.id === id, 30_000).then(() => 'done' as const),
        h.waitFor('chatError', (p) => p.messageId === id, 30_000).then(() => 'failed' as const),
      ]),
    ),
  );

describe('client-side rate limits', () => {
  it('holds 5 requests per window under a burst of 12 quick asks, and shows the wait', async () => {
    const windowMs = 2000;
    await start(windowMs, { requestsPerMinute: 5, tokensPerMinute: 1_000_000 });
    const ids = await quickAsks(12);
    expect(await doneOrFailed(ids)).toEqual(Array(12).fill('done'));

    const times = chatTimes();
    expect(times).toHaveLength(12);
    expect(busiestWindow(times, windowMs)).toBe(5);
    const sorted = [...times].sort((a, b) => a - b);
    expect(sorted[10]! - sorted[0]!).toBeGreaterThanOrEqual(2 * windowMs);

    const statuses = h.events.flatMap((e) => (e.name === 'chatStatus' && e.payload.status ? [e.payload.status] : []));
    expect(statuses.length).toBeGreaterThan(0);
    for (const status of statuses) expect(status).toMatch(/^Waiting [1-4] s — rate limit \(5 requests per minute\)$/);
    // Each waiting answer clears its status once it is sent.
    const cleared = new Set(
      h.events.flatMap((e) => (e.name === 'chatStatus' && e.payload.status === null ? [e.payload.messageId] : [])),
    );
    expect(ids.filter((id) => !cleared.has(id))).toEqual([]);
  });

  it('queues a burst of 30 quick asks instead of failing any', async () => {
    const windowMs = 1000;
    await start(windowMs, { requestsPerMinute: 10, tokensPerMinute: 10_000_000 });
    const ids = await quickAsks(30);
    expect(await doneOrFailed(ids)).toEqual(Array(30).fill('done'));
    expect(chatTimes()).toHaveLength(30);
    expect(busiestWindow(chatTimes(), windowMs)).toBeLessThanOrEqual(10);
  });

  it('holds the token limit: a request estimated above it goes alone in its window', async () => {
    const windowMs = 1500;
    await start(windowMs, { requestsPerMinute: 100, tokensPerMinute: 1_000 });
    const conversations = await Promise.all([1, 2, 3].map(() => h.core.handlers.createConversation()));
    const sent = await Promise.all(
      conversations.map((c, i) => h.core.handlers.sendMessage({ conversationId: c.id, text: `question ${i}` })),
    );
    expect(await doneOrFailed(sent.map((s) => s.assistantMessageId))).toEqual(['done', 'done', 'done']);
    expect(busiestWindow(chatTimes(), windowMs)).toBe(1);
    const statuses = h.events.flatMap((e) => (e.name === 'chatStatus' && e.payload.status ? [e.payload.status] : []));
    expect(statuses.some((s) => /^Waiting \d s — rate limit \(1,000 tokens per minute\)$/.test(s))).toBe(true);
  });

  it('recovers after a 429, honouring retry-after, within the limits', async () => {
    const windowMs = 2000;
    await start(windowMs, { requestsPerMinute: 5, tokensPerMinute: 1_000_000 });
    h.server.enqueue(replies.rateLimited(1), replies.stream('Made it.'));
    const conversation = await h.core.handlers.createConversation();
    const { assistantMessageId } = await h.core.handlers.sendMessage({
      conversationId: conversation.id,
      text: 'Hello',
    });
    expect((await h.waitFor('chatStatus', (p) => p.status !== null)).status).toBe('Rate limited — retrying in 1 s');
    const done = await h.waitFor('chatDone', (p) => p.message.id === assistantMessageId);
    expect(done.message.content).toBe('Made it.');
    const [rejected, retried] = chatTimes();
    expect(retried! - rejected!).toBeGreaterThanOrEqual(1000);
  });

  it("reads a retry-after date on the app's clock, not the machine's", async () => {
    // A year ahead of the wall clock: read against the wall clock, this date would be a year away.
    const offset = 365 * 24 * 3_600_000;
    const clock = { now: () => new Date(Date.now() + offset) };
    h = await startHarness({ clock });
    expect((await h.core.handlers.saveKey({ key: DEFAULT_API_KEY })).ok).toBe(true);
    const retryAt = new Date(Math.ceil(clock.now().getTime() / 1000) * 1000 + 2000);
    h.server.enqueue(
      {
        kind: 'error',
        status: 429,
        headers: { 'retry-after': retryAt.toUTCString() },
        body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
      },
      replies.stream('Made it.'),
    );
    const conversation = await h.core.handlers.createConversation();
    const { assistantMessageId } = await h.core.handlers.sendMessage({
      conversationId: conversation.id,
      text: 'Hello',
    });
    expect((await h.waitFor('chatStatus', (p) => p.status !== null)).status).toMatch(
      /^Rate limited — retrying in [23] s$/,
    );
    expect((await h.waitFor('chatDone', (p) => p.message.id === assistantMessageId)).message.content).toBe('Made it.');
    const [rejected, retried] = chatTimes();
    expect(retried! - rejected!).toBeGreaterThanOrEqual(1500);
  });

  it('never retries a quota error', async () => {
    await start(2000, { requestsPerMinute: 5, tokensPerMinute: 1_000_000 });
    h.server.enqueue(replies.insufficientQuota());
    const conversation = await h.core.handlers.createConversation();
    await h.core.handlers.sendMessage({ conversationId: conversation.id, text: 'Hello' });
    expect((await h.waitFor('chatError')).error.code).toBe('quota');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(chatTimes()).toHaveLength(1);
  });
});
