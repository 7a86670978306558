// Removes API keys from text before it reaches a log line or an error shown to the user.

const KEY_PATTERN = /\b(sk-[A-Za-z0-9_-]{4,})\b/g;

/** `sk-…1234`: enough to recognise a key, never enough to use it. */
export function maskKey(key: string): string {
  const trimmed = key.trim();
  const prefix = trimmed.startsWith('sk-') ? 'sk-' : '';
  return `${prefix}…${trimmed.slice(-4)}`;
}

/** Replaces every `sk-…` token and every given secret in `text` with its masked form. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.split(secret).join(maskKey(secret));
  }
  return out.replace(KEY_PATTERN, (token) => maskKey(token));
}
