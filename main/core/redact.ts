// Removes API keys and credential headers from text before it reaches a log line or an error shown
// to the user: anything shaped like an OpenAI key, Authorization / api-key header values, and every
// secret the app has told it about (keys of other servers have no recognisable shape).

const KEY_PATTERN = /\b(sk-[A-Za-z0-9_-]{4,})\b/g;
/** An optional quote, JSON-escaped or not, around header names and values. */
const Q = String.raw`(?:\\?["'])?`;
/** A header value ends at whitespace, a quote, an escape or a separator. */
const VALUE = String.raw`[^\s"'\\,;}]+`;
const AUTHORIZATION = new RegExp(String.raw`(\b(?:proxy-)?authorization${Q}\s*[:=]\s*${Q})(?:(bearer|basic|token|digest)\s+)?(${VALUE})`, 'gi');
const BEARER = new RegExp(String.raw`\b(bearer)\s+(${VALUE})`, 'gi');
const API_KEY_HEADER = new RegExp(String.raw`(\b(?:[\w-]*[-_])?api[-_]?key${Q}\s*[:=]\s*${Q})(${VALUE})`, 'gi');
/** Bare JSON literals after a header name are not secrets, and replacing them would break the line's JSON. */
const LITERAL = /^(?:null|true|false|undefined)$/i;
export const REDACTED = '[redacted]';
/** Shorter "secrets" would redact ordinary words. */
const MIN_SECRET_LENGTH = 8;

const known = new Set<string>();

/**
 * Makes `redact` remove this secret wherever it appears from now on, whatever its shape (a key for
 * a local server, a proxy's token). Call it with every key the app reads or saves.
 */
export function rememberSecret(secret: string | null | undefined): void {
  const trimmed = secret?.trim();
  if (trimmed && trimmed.length >= MIN_SECRET_LENGTH) known.add(trimmed);
}

/** `sk-…1234`: enough to recognise a key, never enough to use it. */
export function maskKey(key: string): string {
  const trimmed = key.trim();
  const prefix = trimmed.startsWith('sk-') ? 'sk-' : '';
  return `${prefix}…${trimmed.slice(-4)}`;
}

/** Replaces every given or remembered secret, header credential and `sk-…` token in `text`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of [...secrets, ...known]) {
    if (secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) out = out.split(secret).join(maskKey(secret));
  }
  out = out.replace(AUTHORIZATION, (whole, name: string, scheme: string | undefined, value: string) =>
    scheme === undefined && LITERAL.test(value) ? whole : `${name}${scheme === undefined ? '' : `${scheme} `}${REDACTED}`,
  );
  out = out.replace(BEARER, (whole, scheme: string, value: string) => (value === REDACTED ? whole : `${scheme} ${REDACTED}`));
  out = out.replace(API_KEY_HEADER, (whole, name: string, value: string) => (LITERAL.test(value) ? whole : `${name}${REDACTED}`));
  return out.replace(KEY_PATTERN, (token) => maskKey(token));
}
