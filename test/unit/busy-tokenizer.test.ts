// On a busy machine the tokenizer's low-priority worker may get no CPU for tens of seconds. Held
// here (blocked in its thread, as a starved one is), a conversation that surely fits is fitted at
// once, and one that does not waits for real counts, from a normal-priority worker after 2 s.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countTokens, fitToContext, warmUpTokenizer } from '../../main/core/chat/context-window';
import { holdLowPriorityWorker } from '../../main/core/chat/token-worker';

const user = (content: string): ChatCompletionMessageParam => ({ role: 'user', content });
const assistant = (content: string): ChatCompletionMessageParam => ({ role: 'assistant', content });
/** "hello hello …": `n` tokens in o200k, 6n − 1 bytes. */
const hellos = (n: number) => `hello${' hello'.repeat(n - 1)}`;

let release: (() => void) | null = null;
const hold = () => (release = holdLowPriorityWorker());
afterEach(() => release?.());

beforeAll(async () => {
  warmUpTokenizer('gpt-4o');
  expect(await countTokens('hello world', 'gpt-4o')).toBe(2);
});

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work;
  return { value, ms: performance.now() - start };
}

describe('with the tokenizer worker getting no CPU', () => {
  it('fits a conversation that surely fits at once, leaving nothing out', async () => {
    hold();
    const messages = [
      user('Never counted before: what is on tomorrow?'),
      assistant('Dentist at 9:30.'),
      user('And Friday?'),
    ];
    const { value: fitted, ms } = await timed(fitToContext(messages, { model: 'gpt-4o' }));
    expect(ms).toBeLessThan(500);
    expect(fitted.messages).toEqual(messages);
    expect(fitted.omitted).toBe(0);
    expect(fitted.fits).toBe(true);
    // 3 (reply) + 3 × 4 (framing) + their 42, 16 and 11 bytes at most.
    expect(fitted.promptTokens).toBe(3 + 12 + 42 + 16 + 11);
  });

  it('waits for real counts when they decide what is left out, and leaves out exactly the oldest that do not fit', async () => {
    hold();
    // Each 100-hello message costs 104 tokens, the question 54, the reply 3: in 400, the question
    // and three more (369 tokens) fit, a fourth (473) does not.
    const messages = [
      user(hellos(100)),
      assistant(hellos(100)),
      user(`${hellos(99)} again`),
      assistant(`${hellos(99)} more`),
      user(`${hellos(99)} please`),
      assistant(`${hellos(99)} done`),
      user(hellos(50)),
    ];
    const { value: fitted, ms } = await timed(
      fitToContext(messages, { model: 'gpt-4o', contextTokens: 400, reserveForAnswer: 0 }),
    );
    expect(fitted.omitted).toBe(3);
    expect(fitted.messages).toEqual(messages.slice(3));
    expect(fitted.promptTokens).toBe(369);
    expect(fitted.fits).toBe(true);
    // It waited 2 s for the held worker, then the normal-priority one counted (loading its tables).
    expect(ms).toBeGreaterThanOrEqual(1_900);
    expect(ms).toBeLessThan(15_000);
  });

  it('sends the next short question of a long conversation at once when what it leaves out cannot change', async () => {
    // Counted while the worker answers: eight messages of 104 tokens.
    const earlier = [
      user(hellos(100)),
      assistant(hellos(100)),
      user(hellos(100)),
      assistant(hellos(100)),
      user(hellos(100)),
      assistant(hellos(100)),
      user(hellos(100)),
      assistant(hellos(100)),
    ];
    await fitToContext(earlier, { model: 'gpt-4o', contextTokens: 400, reserveForAnswer: 0 });
    hold();
    // The new question's 21 bytes cost 5 to 25 tokens: 3 + 25 + 3 × 104 = 340 fits in 400 and a
    // fourth message does not even at 5 (3 + 5 + 4 × 104 = 424), whatever the real count.
    const messages = [...earlier, user('Thanks, and tomorrow?')];
    const { value: fitted, ms } = await timed(
      fitToContext(messages, { model: 'gpt-4o', contextTokens: 400, reserveForAnswer: 0 }),
    );
    expect(ms).toBeLessThan(500);
    expect(fitted.omitted).toBe(5);
    expect(fitted.messages).toEqual(messages.slice(5));
    expect(fitted.fits).toBe(true);
  });

  it('counts a text the user waits for in the normal-priority worker, as the tokenizer does, and the next at once', async () => {
    hold();
    // Answered by the normal-priority worker: after 2 s, or at once when the held one still owes
    // counts from the test before and the other is running (as it is after the test before that).
    const { value, ms } = await timed(countTokens(hellos(321), 'gpt-4o'));
    expect(value).toBe(321);
    expect(ms).toBeLessThan(15_000);
    // A send that surely fits leaves its new text to the held worker, which owes it from now on:
    // the next count the user waits for goes to the normal-priority one at once.
    await fitToContext([user('Never counted either: and on Sunday?')], { model: 'gpt-4o' });
    const next = await timed(countTokens(hellos(123), 'gpt-4o'));
    expect(next.value).toBe(123);
    expect(next.ms).toBeLessThan(500);
  });
});
