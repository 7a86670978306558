import { describe, expect, it } from 'vitest';
import { DeltaBatcher } from '../../main/core/chat/delta-batcher';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DeltaBatcher', () => {
  it('turns a burst of tokens into a few messages that add up to the whole text', async () => {
    const sent: string[] = [];
    const batcher = new DeltaBatcher((text) => sent.push(text), 20);
    const tokens = Array.from({ length: 500 }, (_, i) => `t${i} `);
    for (const token of tokens) batcher.push(token);
    await pause(60);
    batcher.push('end');
    batcher.flush();
    expect(sent.join('')).toBe(`${tokens.join('')}end`);
    expect(sent.length).toBeLessThanOrEqual(4);
  });

  it('sends the first token of an answer at once, then holds the rest for the interval', async () => {
    const sent: string[] = [];
    const batcher = new DeltaBatcher((text) => sent.push(text), 50);
    batcher.push('Hello');
    expect(sent).toEqual(['Hello']);
    batcher.push(' there');
    batcher.push(',');
    expect(sent).toEqual(['Hello']);
    await pause(80);
    expect(sent).toEqual(['Hello', ' there,']);
    // After a quiet spell the next token goes out at once again.
    await pause(80);
    batcher.push(' friend');
    expect(sent).toEqual(['Hello', ' there,', ' friend']);
  });
});
