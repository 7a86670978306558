import { APIConnectionError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyError } from '../../main/core/chat/user-errors';

const context = { model: 'gpt-test', baseUrl: 'http://127.0.0.1:9999/v1' };
const apiError = (status: number, body: object, headers: Record<string, string> = {}) =>
  APIError.generate(status, body, undefined, new Headers(headers));

describe('classifyError', () => {
  it('says a rejected key must be replaced', () => {
    const error = classifyError(
      apiError(401, { error: { code: 'invalid_api_key', message: 'Incorrect API key provided: sk-…abcd' } }),
      context,
    );
    expect(error.code).toBe('auth');
    expect(error.message).toMatch(/key was rejected/);
    expect(error.message).toMatch(/Settings/);
  });

  it('tells an out-of-credit account apart from a rate limit', () => {
    const quota = classifyError(
      apiError(429, {
        error: { code: 'insufficient_quota', type: 'insufficient_quota', message: 'You exceeded your current quota' },
      }),
      context,
    );
    expect(quota.code).toBe('quota');
    expect(quota.message).toMatch(/out of credit/);
    const limited = classifyError(
      apiError(429, { error: { code: 'rate_limit_exceeded', message: 'Rate limit' } }, { 'retry-after': '3' }),
      context,
    );
    expect(limited.code).toBe('rate_limit');
    expect(limited.message).toMatch(/rate limiting/);
  });

  it('names the missing model', () => {
    const error = classifyError(
      apiError(404, { error: { code: 'model_not_found', message: 'The model `gpt-test` does not exist' } }),
      context,
    );
    expect(error.code).toBe('model_not_found');
    expect(error.message).toContain('"gpt-test"');
    expect(error.retryable).toBe(false);
  });

  it('offers a retry for server and network errors', () => {
    expect(classifyError(apiError(503, { error: { message: 'busy' } }), context)).toMatchObject({
      code: 'server',
      retryable: true,
    });
    const network = classifyError(
      new APIConnectionError({ cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }),
      context,
    );
    expect(network).toMatchObject({ code: 'network', retryable: true });
    expect(network.message).toContain('127.0.0.1:9999');
    expect(network.message).toContain('ECONNREFUSED');
  });
});
