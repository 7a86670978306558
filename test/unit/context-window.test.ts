import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  contextWindow,
  countTokens,
  defaultReserve,
  encodingFor,
  fitToContext,
  messageTokens,
  warmUpTokenizer,
} from '../../main/core/chat/context-window';

const system: ChatCompletionMessageParam = { role: 'system', content: 'You are Aide, a concise assistant.' };
const user = (content: string): ChatCompletionMessageParam => ({ role: 'user', content });
const assistant = (content: string): ChatCompletionMessageParam => ({ role: 'assistant', content });
const toolRound = (n: number): ChatCompletionMessageParam[] => [
  {
    role: 'assistant',
    content: null,
    tool_calls: [
      {
        id: `call_${n}a`,
        type: 'function',
        function: {
          name: 'create_reminder',
          arguments: `{"title":"Task ${n}","due":"2026-03-02T17:00:00+01:00","rrule":null,"notes":null}`,
        },
      },
      {
        id: `call_${n}b`,
        type: 'function',
        function: {
          name: 'list_reminders',
          arguments: '{"from":"2026-03-02T00:00:00+01:00","to":null,"include_done":false}',
        },
      },
    ],
  },
  { role: 'tool', tool_call_id: `call_${n}a`, content: `{"ok":true,"id":"r-${n}","title":"Task ${n}"}` },
  { role: 'tool', tool_call_id: `call_${n}b`, content: `{"ok":true,"items":[{"id":"r-${n}","title":"Task ${n}"}]}` },
];

/** A conversation of `turns` turns, every third one with a tool round inside the answer. */
function conversation(turns: number): ChatCompletionMessageParam[] {
  const messages = [system];
  for (let i = 0; i < turns; i++) {
    messages.push(user(`Turn ${i}: remind me to water the plants on day ${i} at 5pm, and tell me what else is on.`));
    if (i % 3 === 0) messages.push(...toolRound(i));
    messages.push(assistant(`Done — "Water the plants" is set for day ${i} at 17:00. You also have Task ${i}.`));
  }
  return messages;
}

/** "hello hello …": `n` tokens in o200k, 6n − 1 bytes. */
const hellos = (n: number) => `hello${' hello'.repeat(n - 1)}`;

/** Every kept tool message answers a call of the assistant message kept right before its group. */
function expectNoSplitToolCalls(messages: ChatCompletionMessageParam[]) {
  let open = new Set<string>();
  let answered = new Set<string>();
  for (const m of messages) {
    if (m.role === 'tool') {
      expect(open.has(m.tool_call_id)).toBe(true);
      answered.add(m.tool_call_id);
      continue;
    }
    expect([...open].every((id) => answered.has(id))).toBe(true);
    open = new Set(m.role === 'assistant' ? (m.tool_calls ?? []).map((c) => c.id) : []);
    answered = new Set();
  }
  expect([...open].every((id) => answered.has(id))).toBe(true);
}

beforeAll(() => {
  warmUpTokenizer('gpt-4o');
  warmUpTokenizer('gpt-3.5-turbo');
});

describe('context windows and encodings', () => {
  it('knows the windows of OpenAI models, dated and sized variants included, and assumes 8k for others', () => {
    expect(contextWindow('gpt-4o')).toBe(128_000);
    expect(contextWindow('gpt-4o-2024-08-06')).toBe(128_000);
    expect(contextWindow('gpt-4o-mini')).toBe(128_000);
    expect(contextWindow('gpt-4.1')).toBe(1_047_576);
    expect(contextWindow('gpt-4.1-nano')).toBe(1_047_576);
    expect(contextWindow('o3')).toBe(200_000);
    expect(contextWindow('o3-mini')).toBe(200_000);
    expect(contextWindow('o4-mini')).toBe(200_000);
    expect(contextWindow('gpt-5')).toBe(400_000);
    expect(contextWindow('gpt-5-mini')).toBe(400_000);
    expect(contextWindow('gpt-3.5-turbo')).toBe(16_385);
    expect(contextWindow('gpt-4')).toBe(8_192);
    expect(contextWindow('openai/GPT-4o')).toBe(128_000);
    expect(contextWindow('llama3.1:8b')).toBe(8_192);
    expect(contextWindow('gpt-4o-like-local-finetune:q4')).toBe(128_000);
  });

  it('uses o200k for the 4o, 4.1, o-series and 5 families and for unknown models, cl100k for older ones', () => {
    for (const model of ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1-mini', 'o3', 'o4-mini', 'gpt-5', 'llama3.1:8b']) {
      expect(encodingFor(model)).toBe('o200k_base');
    }
    for (const model of ['gpt-3.5-turbo', 'gpt-4', 'gpt-4-turbo', 'gpt-4-0613'])
      expect(encodingFor(model)).toBe('cl100k_base');
  });

  it('keeps 4,096 tokens for the answer, or a quarter of a small window', () => {
    expect(defaultReserve(128_000)).toBe(4_096);
    expect(defaultReserve(8_192)).toBe(2_048);
  });

  it('counts real tokens, and text that looks like a control token is just text', async () => {
    expect(await countTokens('hello world', 'gpt-4o')).toBe(2);
    expect(await countTokens('hello world', 'gpt-3.5-turbo')).toBe(2);
    expect(await countTokens('a <|endoftext|> b', 'gpt-4o')).toBeGreaterThan(3);
  });
});

describe('fitToContext', () => {
  it('sends everything when it fits, with at most its bytes as tokens until the tokenizer has counted it', async () => {
    const messages = conversation(5);
    const first = await fitToContext(messages, { model: 'gpt-4o' });
    expect(first.messages).toEqual(messages);
    expect(first.omitted).toBe(0);
    expect(first.fits).toBe(true);
    let sum = 0;
    for (const m of messages) sum += await messageTokens(m, 'gpt-4o');
    expect(first.promptTokens).toBeGreaterThanOrEqual(sum + 3);
    const again = await fitToContext(messages, { model: 'gpt-4o' });
    expect(again.messages).toEqual(messages);
    expect(again.promptTokens).toBe(sum + 3);
  });

  it('keeps the system message and the newest turns within the window, leaving out the oldest', async () => {
    const messages = conversation(200);
    const fitted = await fitToContext(messages, { model: 'llama3.1:8b', contextTokens: 2_000, reserveForAnswer: 500 });
    expect(fitted.omitted).toBeGreaterThan(0);
    expect(fitted.messages.length + fitted.omitted).toBe(messages.length);
    expect(fitted.messages[0]).toBe(system);
    expect(fitted.messages.slice(1)).toEqual(messages.slice(messages.length - fitted.messages.length + 1));
    expect(fitted.promptTokens).toBeLessThanOrEqual(1_500);
    expect(fitted.promptTokens).toBeGreaterThan(1_300);
    expect(fitted.fits).toBe(true);
  });

  it('uses the model table when no window is given (8,192 for a local model, a quarter reserved)', async () => {
    const fitted = await fitToContext(conversation(400), { model: 'llama3.1:8b' });
    expect(fitted.omitted).toBeGreaterThan(0);
    expect(fitted.promptTokens).toBeLessThanOrEqual(8_192 - 2_048);
    expect(fitted.promptTokens).toBeGreaterThan(8_192 - 2_048 - 200);
  });

  it('counts what the request spends outside the messages (tool definitions)', async () => {
    const messages = conversation(200);
    const plain = await fitToContext(messages, { model: 'gpt-4o', contextTokens: 3_000, reserveForAnswer: 0 });
    const withTools = await fitToContext(messages, {
      model: 'gpt-4o',
      contextTokens: 3_000,
      reserveForAnswer: 0,
      extraPromptTokens: 1_000,
    });
    expect(withTools.omitted).toBeGreaterThan(plain.omitted);
    expect(withTools.promptTokens).toBeLessThanOrEqual(3_000);
    const withText = await fitToContext(messages, {
      model: 'gpt-4o',
      contextTokens: 3_000,
      reserveForAnswer: 0,
      extraPromptTexts: [hellos(1_000)],
    });
    expect(withText.omitted).toBe(withTools.omitted);
  });

  it('never splits an assistant tool call from the tool messages answering it, at any window size', async () => {
    const messages = conversation(12);
    const full = (await fitToContext(messages, { model: 'gpt-4o', reserveForAnswer: 0 })).promptTokens;
    const lastQuestion = messages.findLast((m) => m.role === 'user');
    let sawDroppedRound = false;
    for (let window = 50; window <= full + 10; window += 7) {
      const fitted = await fitToContext(messages, { model: 'gpt-4o', contextTokens: window, reserveForAnswer: 0 });
      expectNoSplitToolCalls(fitted.messages);
      expect(fitted.messages[0]).toBe(system);
      expect(fitted.messages).toContain(lastQuestion);
      if (fitted.messages.some((m) => m.role === 'tool') && fitted.omitted > 0) sawDroppedRound = true;
    }
    expect(sawDroppedRound).toBe(true);
  });

  it('keeps the tool rounds of the answer in progress together with the question', async () => {
    const question = user('Set up my week.');
    const messages = [system, ...conversation(30).slice(1), question, ...toolRound(99), ...toolRound(100)];
    const fitted = await fitToContext(messages, { model: 'gpt-4o', contextTokens: 700, reserveForAnswer: 0 });
    const from = fitted.messages.indexOf(question);
    expect(from).toBeGreaterThan(0);
    expect(fitted.messages.slice(from)).toEqual(messages.slice(messages.indexOf(question)));
    expectNoSplitToolCalls(fitted.messages);
  });

  it('keeps the last user message even when it alone is too long, and says it does not fit', async () => {
    const long = user('word '.repeat(3_000));
    const fitted = await fitToContext([system, user('earlier'), assistant('reply'), long], {
      model: 'gpt-4o',
      contextTokens: 1_000,
    });
    expect(fitted.messages).toEqual([system, long]);
    expect(fitted.omitted).toBe(2);
    expect(fitted.fits).toBe(false);
    expect(fitted.promptTokens).toBeGreaterThan(3_000);
  });
});
