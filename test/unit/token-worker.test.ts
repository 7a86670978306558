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
});
