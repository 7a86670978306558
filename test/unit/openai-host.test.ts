// Which base URLs count as OpenAI's own service (a key is required) and which as a local or other server.
import { describe, expect, it } from 'vitest';
import { isOpenAIHost } from '../../common/openai-host';

describe('isOpenAIHost', () => {
  it('recognises OpenAI and its subdomains', () => {
    expect(isOpenAIHost('https://api.openai.com/v1')).toBe(true);
    expect(isOpenAIHost('https://openai.com')).toBe(true);
  });

  it('does not mistake a look-alike host, a local server or a non-URL for OpenAI', () => {
    expect(isOpenAIHost('https://notopenai.com/v1')).toBe(false);
    expect(isOpenAIHost('https://api.openai.com.example.net/v1')).toBe(false);
    expect(isOpenAIHost('http://localhost:11434/v1')).toBe(false);
    expect(isOpenAIHost('not a url')).toBe(false);
  });
});
