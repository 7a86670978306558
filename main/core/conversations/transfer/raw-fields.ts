// Reading fields of untrusted parsed JSON: own properties only (a "__proto__" or "constructor" key
// in an export is data, never a way into Object.prototype), with the type checked at each step.
export type Raw = Record<string, unknown>;

export function record(value: unknown): Raw | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : null;
}

/** An own property of an object; undefined for inherited names and anything not an object. */
export function own(value: unknown, key: string): unknown {
  const object = record(value);
  return object && Object.hasOwn(object, key) ? object[key] : undefined;
}

export function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** An ISO time from seconds since 1970 (ChatGPT) or an ISO string (Claude, Aide); null if neither. */
export function isoTime(value: unknown): string | null {
  const date =
    typeof value === 'number' && Number.isFinite(value)
      ? new Date(value * 1000)
      : typeof value === 'string'
        ? new Date(value)
        : null;
  if (!date || Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1990 || date.getUTCFullYear() > 9999)
    return null;
  return date.toISOString();
}

/** A title fit for the conversation list: one line, at most 200 characters. */
export function titleOf(value: unknown, fallback: string): string {
  // By code points, so an emoji at the cut is not split in half.
  const line = Array.from((text(value) ?? '').slice(0, 1_000).replace(/\s+/g, ' ').trim())
    .slice(0, 200)
    .join('')
    .trim();
  return line === '' ? fallback : line;
}
