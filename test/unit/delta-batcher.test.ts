import { describe, expect, it } from 'vitest';
import { DeltaBatcher } from '../../main/core/chat/delta-batcher';

describe('DeltaBatcher', () => {
  it('turns a burst of tokens into a few messages that add up to the whole text', async () => {
    const sent: string[] = [];
    const batcher = new DeltaBatcher((text) => sent.push(text), 20);
    const tokens = Array.from({ length: 500 }, (_, i) => `t${i} `);
    for (const token of tokens) batcher.push(token);
    await new Promise((resolve) => setTimeout(resolve, 60));
    batcher.push('end');
    batcher.flush();
    expect(sent.join('')).toBe(`${tokens.join('')}end`);
    expect(sent.length).toBeLessThanOrEqual(3);
  });
});
