import { describe, expect, it } from 'vitest';
import { maskKey, redact, rememberSecret } from '../../main/core/redact';

describe('redact', () => {
  it('masks a key to its last four characters', () => {
    expect(maskKey('sk-proj-abcdefgh12345678')).toBe('sk-…5678');
  });

  it('removes every sk- token and every given secret from a log line', () => {
    const line = 'failed with sk-live-AAAABBBBCCCC1234 and custom-secret-value-9876';
    const out = redact(line, ['custom-secret-value-9876']);
    expect(out).not.toContain('AAAABBBBCCCC');
    expect(out).not.toContain('custom-secret-value');
    expect(out).toContain('sk-…1234');
    expect(out).toContain('…9876');
  });

  it('removes OpenAI keys of every shape', () => {
    for (const key of ['sk-AAAABBBBCCCCDDDD1234', 'sk-proj-Ab_cD-efGHijKLmn9876', 'sk-svcacct-XyZ123456789abcd', 'sk-admin-qwertyuiop0000']) {
      const out = redact(`request failed: Incorrect API key provided: ${key}.`);
      expect(out).not.toContain(key);
      expect(out).toContain(`sk-…${key.slice(-4)}`);
    }
  });

  it('removes a remembered secret of any shape from every later line', () => {
    rememberSecret('lmstudio-token-7f3a9c1e55');
    expect(redact('GET /v1/models with lmstudio-token-7f3a9c1e55 failed')).toBe('GET /v1/models with …1e55 failed');
  });

  it.each([
    ['Authorization: Bearer abc.def-123', 'Authorization: Bearer [redacted]'],
    ['authorization: bearer ghp_XYZ', 'authorization: bearer [redacted]'],
    ['AUTHORIZATION=Basic dXNlcjpwYXNz', 'AUTHORIZATION=Basic [redacted]'],
    ['{"authorization":"Bearer tok_123456"}', '{"authorization":"Bearer [redacted]"}'],
    ['{"Authorization":"opaque-token-value"}', '{"Authorization":"[redacted]"}'],
    ['{"message":"headers {\\"Authorization\\": \\"Bearer tok_9\\"}"}', '{"message":"headers {\\"Authorization\\": \\"Bearer [redacted]\\"}"}'],
    ['curl -H "Authorization: Bearer eyJhbGciOi.payload.sig" https://api', 'curl -H "Authorization: Bearer [redacted]" https://api'],
    ['sent bearer token0001 upstream', 'sent bearer [redacted] upstream'],
    ['x-api-key: abcdef123456', 'x-api-key: [redacted]'],
    ['X-API-KEY=abcdef123456', 'X-API-KEY=[redacted]'],
    ['{"api-key":"azure-0123456789"}', '{"api-key":"[redacted]"}'],
    ['{"Api-Key": "azure-0123456789", "x-Api-Key": "other-987654"}', '{"Api-Key": "[redacted]", "x-Api-Key": "[redacted]"}'],
    ['{"apiKey":"local-abcdefgh"}', '{"apiKey":"[redacted]"}'],
    ['OPENAI_API_KEY=whatever-value-1', 'OPENAI_API_KEY=[redacted]'],
  ])('removes the credential in %s', (line, expected) => {
    expect(redact(line)).toBe(expected);
  });

  it('keeps a JSON line valid and leaves empty header fields alone', () => {
    const line = JSON.stringify({ level: 'info', headers: { authorization: null, 'x-api-key': null }, apiKey: false, note: 'Bearer sk-proj-abcdefgh5555' });
    const out = redact(line);
    expect(JSON.parse(out)).toEqual({ level: 'info', headers: { authorization: null, 'x-api-key': null }, apiKey: false, note: 'Bearer [redacted]' });
  });

  it('leaves ordinary text alone', () => {
    const text = 'Remind me to call mom at 5pm about the sky-blue paint; ask for the key to the shed.';
    expect(redact(text)).toBe(text);
  });
});
