import { describe, expect, it } from 'vitest';
import { maskKey, redact } from '../../main/core/redact';

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
});
