// A chat through the real core while the tokenizer's low-priority worker gets no CPU (held in its
// thread, as on a machine busy with a compile): the question still reaches the server at once
// when what is left out of the window cannot depend on the counts, and is trimmed exactly when it can.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdLowPriorityWorker } from '../../main/core/chat/token-worker';
import { DEFAULT_API_KEY, replies } from '../support/fake-openai-server';
import { startHarness, type Harness } from '../support/core-harness';

let h: Harness;
let release: (() => void) | null = null;

beforeEach(async () => {
  // One minute all along, so that the system message is the same text on every send.
  h = await startHarness({ clock: { now: () => new Date('2026-03-02T09:00:00Z') }, timeZone: () => 'UTC' });
  expect((await h.core.handlers.saveKey({ key: DEFAULT_API_KEY })).ok).toBe(true);
});
afterEach(async () => {
  release?.();
  release = null;
  await h.close();
});

const chatRequests = () => h.server.requests.filter((r) => r.path === '/v1/chat/completions');
type Sent = { messages: { role: string; content: string }[] };
/** The first ten characters of each message the last request carried. */
const lastSentStarts = () => (chatRequests().at(-1)!.body as Sent).messages.map((m) => m.content.slice(0, 10));

/** Sends `text` and waits for the answer; how long the request took to reach the server. */
async function ask(conversationId: string, text: string): Promise<{ waitedMs: number; omitted: number }> {
  const start = Date.now();
  const sent = await h.core.handlers.sendMessage({ conversationId, text });
  const done = await h.waitFor('chatDone', (p) => p.message.id === sent.assistantMessageId, 20_000);
  return { waitedMs: chatRequests().at(-1)!.time - start, omitted: done.message.contextOmitted ?? 0 };
}

/** "Message n: hello hello …": 1,700 hellos, about 1,705 tokens (in o200k, as for any unknown model). */
const long = (n: number) => `Message ${n}: hello${' hello'.repeat(1_699)}`;

describe('with the tokenizer worker getting no CPU', () => {
  it('the first question of a new app reaches the server at once', async () => {
    release = holdLowPriorityWorker();
    h.server.enqueue(replies.stream('Nothing is on tomorrow.'));
    const conversation = await h.core.handlers.createConversation();
    const { waitedMs, omitted } = await ask(conversation.id, 'What is on tomorrow?');
    expect(waitedMs).toBeLessThan(1_000);
    expect(omitted).toBe(0);
    expect((chatRequests().at(-1)!.body as Sent).messages.at(-1)).toEqual({
      role: 'user',
      content: 'What is on tomorrow?',
    });
  });

  it('a conversation too long for the window still leaves out exactly the oldest turns, and the next short question goes at once', async () => {
    // An unknown local model: an 8,192-token window, 2,048 kept for the answer, so 6,144 for the
    // request: 3 + the tool definitions (about 1,600 tokens) + the system message (about 130) + the
    // messages (4 tokens of framing each). Two long questions and the two short answers between
    // them fit (about 5,200 in all); a third long question (about 1,710 more) does not.
    await h.core.handlers.updateSettings({ model: 'llama-local' });
    const conversation = await h.core.handlers.createConversation();
    for (let n = 1; n <= 3; n++) {
      h.server.enqueue(replies.stream(`Answer ${n}.`));
      await ask(conversation.id, long(n));
    }
    release = holdLowPriorityWorker();
    h.server.enqueue(replies.stream('Answer 4.'), replies.stream('Answer 5.'));
    const fourth = await ask(conversation.id, long(4));
    expect(fourth.omitted).toBe(3);
    expect(lastSentStarts()).toEqual(['You are Ai', 'Answer 2.', 'Message 3:', 'Answer 3.', 'Message 4:']);
    // The new long question could cost 1 to 10,210 tokens: that decides, so the counts were waited for.
    expect(fourth.waitedMs).toBeGreaterThanOrEqual(1_900);

    // The new texts ("Answer 4." and the question, 22 bytes) cost 2 to 22 tokens: the same two long
    // questions fit at 22, and a third does not at 2, whatever their real counts.
    const fifth = await ask(conversation.id, 'And tomorrow?');
    expect(fifth.waitedMs).toBeLessThan(1_000);
    expect(fifth.omitted).toBe(3);
    expect(lastSentStarts()).toEqual([
      'You are Ai',
      'Answer 2.',
      'Message 3:',
      'Answer 3.',
      'Message 4:',
      'Answer 4.',
      'And tomorr',
    ]);
  });
});
