// A small local model with tools: the tool definitions (~6 kB) are more than its 8k window leaves
// for a request when counted at their upper bound (a token per byte), so a send cannot go before
// they are counted. The app counts them in its warm-up, a few seconds after start: the person's
// first question then goes at once even when the tokenizer's worker gets no CPU.
import { afterEach, expect, it } from 'vitest';
import { encodingFor } from '../../main/core/chat/context-window';
import { bounds } from '../../main/core/chat/token-counts';
import { holdLowPriorityWorker } from '../../main/core/chat/token-worker';
import { TOOL_SPECS_TEXT } from '../../main/core/tools/tool-definitions';
import { DEFAULT_API_KEY, replies } from '../support/fake-openai-server';
import { startHarness, type Harness } from '../support/core-harness';

let h: Harness | undefined;
let release: (() => void) | undefined;
afterEach(async () => {
  release?.();
  await h?.close();
});

it('the first question to a small local model goes at once once the app has warmed up', async () => {
  h = await startHarness({ timeZone: () => 'UTC' });
  expect((await h.core.handlers.saveKey({ key: DEFAULT_API_KEY })).ok).toBe(true);
  await h.core.handlers.updateSettings({ model: 'llama-local' });
  // The warm-up runs 3 s after start; its counts land in the tokenizer's cache.
  const encoding = encodingFor('llama-local');
  const until = Date.now() + 12_000;
  while (!bounds(encoding, [TOOL_SPECS_TEXT]).exact && Date.now() < until)
    await new Promise((resolve) => setTimeout(resolve, 100));

  release = holdLowPriorityWorker();
  h.server.enqueue(replies.stream('Nothing is on tomorrow.'));
  const conversation = await h.core.handlers.createConversation();
  const start = Date.now();
  const sent = await h.core.handlers.sendMessage({ conversationId: conversation.id, text: 'What is on tomorrow?' });
  const done = await h.waitFor('chatDone', (p) => p.message.id === sent.assistantMessageId, 20_000);
  const request = h.server.requests.find((r) => r.path === '/v1/chat/completions')!;
  // Waiting for a count takes 2 s at least (then the normal-priority worker is asked).
  expect(request.time - start).toBeLessThan(1_000);
  expect(done.message.content).toBe('Nothing is on tomorrow.');
  expect((request.body as { tools?: unknown[] }).tools?.length).toBeGreaterThan(0);
}, 40_000);
