// fitToContext on a 1,000-message history: the first count and the next send (cached counts).
// Printed, never asserted (`npm run bench:context`).
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { it } from 'vitest';
import { fitToContext } from '../../main/core/chat/context-window';

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
function varied(count: number): ChatCompletionMessageParam[] {
  let seed = 7;
  const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
  const word = () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const content = Array.from({ length: 20 + Math.floor(random() * 120) }, word).join(' ');
    return i % 2 === 0 ? user(content) : assistant(content);
  });
}

it('fitToContext on 1,000 messages', () => {
  const messages = [system, ...varied(999)];
  const cold = performance.now();
  const first = fitToContext(messages, { model: 'gpt-4.1' });
  const coldMs = performance.now() - cold;
  // The next send: the same history, read again from disk (new strings), plus one new question.
  const next = [...messages.map((m) => ({ ...m, content: `${m.content as string}` })), user('And tomorrow?')];
  const runs: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    fitToContext(next, { model: 'gpt-4.1' });
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `fitToContext, 1,000 messages / ${first.promptTokens} tokens: first count ${coldMs.toFixed(1)} ms, next send median ${runs[4]!.toFixed(2)} ms`,
  );
});
