// The tokenizer runs in a worker: its tables load without stalling this thread's event loop, and
// its counts are the tokenizer's own.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { countTokens as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { countTokens, warmUpTokenizer } from '../../main/core/chat/context-window';

describe('the tokenizer worker', () => {
  it('loads the tables without blocking the event loop (loading them here blocks for about half a second)', async () => {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    warmUpTokenizer('gpt-4o');
    expect(await countTokens('hello world', 'gpt-4o')).toBe(2);
    delay.disable();
    expect(delay.max / 1e6).toBeLessThan(150);
  });

  it('counts as the tokenizer does, in both encodings', async () => {
    const text = 'Remind me to call mom tomorrow at 5pm — Zürich, 東京 🎉, `code` and https://example.com/?q=1';
    expect(await countTokens(text, 'gpt-4o')).toBe(o200k(text));
    expect(await countTokens(text, 'gpt-3.5-turbo')).toBe(cl100k(text));
  });

  it('counts long text outside the basic plane as the tokenizer does, though it is counted in pieces', async () => {
    // 6,001 UTF-16 units: a cut every 2,000 falls inside a pair. In o200k "😀" is one token and
    // "𠮷" four (one per byte); split pairs counted 3,004 and 11,995.
    const smiles = `a${'😀'.repeat(3_000)}`;
    const rare = `a${'𠮷'.repeat(3_000)}`;
    expect(await countTokens(smiles, 'gpt-4o')).toBe(3_001);
    expect(await countTokens(rare, 'gpt-4o')).toBe(12_001);
    expect([o200k(smiles), o200k(rare)]).toEqual([3_001, 12_001]);
  });
});
