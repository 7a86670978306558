// fitToContext on a 1,000-message history: the first count and the next send (cached counts).
// Counting happens in the tokenizer's worker thread; the times include handing the texts over.
// Printed and recorded in out/bench/context-window.json, never asserted (`npm run bench:context`).
// Rows: the next send (counts cached by text) against counting a history never seen before, both
// with the tokenizer already loaded; and a history never counted that surely fits (no count waited for).
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { it } from 'vitest';
import { fitToContext, warmUpTokenizer } from '../../main/core/chat/context-window';
import { median, recordRows } from './report';

const system: ChatCompletionMessageParam = { role: 'system', content: 'You are Aide, a concise assistant.' };
const user = (content: string): ChatCompletionMessageParam => ({ role: 'user', content });
const assistant = (content: string): ChatCompletionMessageParam => ({ role: 'assistant', content });

const VOCABULARY = (
  'the a to and of in is you that it for on with as at be this have from or by not but what all were when we there can ' +
  'reminder appointment tomorrow meeting dentist call mom groceries project deadline flight hotel weekend budget ' +
  'invoice report review draft schedule morning evening Monday Friday week month please could would should ' +
  'remind me about set up move cancel change every day at pm am 5pm 9:30 next later again thanks great done sure ' +
  'Kubernetes PostgreSQL TypeScript Zürich naïve café 東京 🎉 2026-03-02T17:00:00+01:00 https://example.com/path?q=1'
).split(' ');

/** Messages of 20–140 words drawn at random from a mixed vocabulary (plain words, names, code, dates, emoji). */
function varied(count: number, seed = 7): ChatCompletionMessageParam[] {
  const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
  const word = () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const content = Array.from({ length: 20 + Math.floor(random() * 120) }, word).join(' ');
    return i % 2 === 0 ? user(content) : assistant(content);
  });
}

it('fitToContext on 1,000 messages', async () => {
  const messages = [system, ...varied(999)];
  const cold = performance.now();
  const first = await fitToContext(messages, { model: 'gpt-4.1' });
  const coldMs = performance.now() - cold;
  // The next send: the same history, read again from disk (new strings), plus one new question.
  const next = [...messages.map((m) => ({ ...m, content: `${m.content as string}` })), user('And tomorrow?')];
  const runs: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    await fitToContext(next, { model: 'gpt-4.1' });
    runs.push(performance.now() - start);
  }
  // Uncached counts: histories of the same shape with other words (other seeds), never counted, in
  // a window their bytes do not fit (about 500 kB), so that the counts decide and are waited for.
  warmUpTokenizer('gpt-4.1');
  const uncached: number[] = [];
  for (let seed = 101; seed < 106; seed++) {
    const other = [system, ...varied(999, seed)];
    const start = performance.now();
    await fitToContext(other, { model: 'gpt-4.1', contextTokens: 250_000 });
    uncached.push(performance.now() - start);
  }
  // The same never counted, in gpt-4.1's own window (about a million tokens): sent without waiting.
  const surely: number[] = [];
  for (let seed = 201; seed < 206; seed++) {
    const other = [system, ...varied(999, seed)];
    const start = performance.now();
    await fitToContext(other, { model: 'gpt-4.1' });
    surely.push(performance.now() - start);
  }
  console.log(
    `fitToContext, 1,000 messages / at most ${first.promptTokens} tokens: first fit ${coldMs.toFixed(1)} ms (its bytes fit the window: no count waited for)`,
  );
  recordRows('context-window', [
    {
      bench: 'Fitting 1,000 messages to the context window',
      metric: 'next send (counts cached)',
      unit: 'ms',
      value: median(runs),
      baseline: median(uncached),
      baselineLabel: 'a history never counted before',
      runs: runs.length,
    },
    {
      bench: 'Fitting 1,000 messages to the context window',
      metric: 'a history never counted that surely fits (no count waited for)',
      unit: 'ms',
      value: median(surely),
      baseline: median(uncached),
      baselineLabel: 'a history never counted, counts waited for',
      runs: surely.length,
    },
  ]);
});
