// Which models see pictures (the shipped table's lookup), and what a picture costs when the
// history is fitted to the model's context window: a fixed estimate, never its data URL's length.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { fitToContext, messageTokens } from '../../main/core/chat/context-window';
import { DEFAULT_VISION, lookUp } from '../../main/core/attachments/vision-table';

describe('the vision table', () => {
  it.each([
    ['gpt-4o-mini', true],
    ['gpt-4o-2024-08-06', true],
    ['openai/GPT-4.1-mini', true],
    ['gpt-5', true],
    ['o3', true],
    ['o4-mini', true],
    ['o3-mini', false],
    ['o1-mini-2024-09-12', false],
    ['gpt-3.5-turbo', false],
    ['gpt-4', false],
    ['llava:13b', true],
  ])('knows %s: %s', (model, sees) => {
    expect(lookUp(DEFAULT_VISION, model)).toBe(sees);
  });

  it('does not know a local model it was never told about (pictures are tried)', () => {
    expect(lookUp(DEFAULT_VISION, 'mistral:7b')).toBeNull();
    expect(lookUp(DEFAULT_VISION, 'openchat-3.5')).toBeNull();
  });

  it('prefers the exact name to a prefix, and a longer prefix to a shorter one', () => {
    const table = { 'acme*': true, 'acme-text*': false, 'acme-text-vision': true };
    expect(lookUp(table, 'acme-pro')).toBe(true);
    expect(lookUp(table, 'acme-text-2')).toBe(false);
    expect(lookUp(table, 'acme-text-vision')).toBe(true);
  });
});

describe('pictures in the context window', () => {
  /** A 1.5 MB data URL: counted as text it would be some 500,000 tokens. */
  const picture: ChatCompletionMessageParam = {
    role: 'user',
    content: [
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${'iVBORw0KGgo'.repeat(140_000)}` } },
    ],
  };

  it('counts a picture as at most a high-detail picture costs (1,445 tokens), whatever its bytes', async () => {
    const tokens = await messageTokens(picture, 'gpt-4o-mini');
    expect(tokens).toBeGreaterThan(1_445);
    expect(tokens).toBeLessThan(1_470);
  });

  it('keeps older turns next to a picture in a small window', async () => {
    const history: ChatCompletionMessageParam[] = [
      { role: 'system', content: 'You are Aide.' },
      { role: 'user', content: 'Earlier question' },
      { role: 'assistant', content: 'Earlier answer' },
      picture,
    ];
    const fitted = await fitToContext(history, { model: 'llava:13b', contextTokens: 8_192 });
    expect(fitted.omitted).toBe(0);
    expect(fitted.fits).toBe(true);
  });
});
