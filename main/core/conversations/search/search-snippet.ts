// A result's snippet: a window of the message around its first matched word, cut into pieces that
// are or are not one of the words the query matched.
//
// Runs inside the search worker (see search-index.ts): it may use only its parameters.

/**
 * A window of `content` around its first matched word; `terms` are the index's words the query
 * matched, lower case. Words are cut as the index cuts them (at spaces, punctuation and symbols).
 */
export function snippetOf(content: string, terms: ReadonlySet<string>): { text: string; match: boolean }[] {
  const flat = content.replace(/\s+/g, ' ').trim();
  const words = /[^\s\p{Z}\p{P}\p{S}]+/gu;
  const matches: [number, number][] = [];
  for (const word of flat.matchAll(words)) {
    if (terms.has(word[0].toLowerCase())) matches.push([word.index, word.index + word[0].length]);
  }
  const width = 180;
  const first = matches[0]?.[0] ?? 0;
  let start = Math.max(0, first - 60);
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  const end = Math.min(flat.length, start + width);
  const segments: { text: string; match: boolean }[] = [];
  const push = (text: string, match: boolean) => {
    if (text !== '') segments.push({ text, match });
  };
  let at = start;
  for (const [from, to] of matches) {
    if (from < at || to > end) continue;
    push(flat.slice(at, from), false);
    push(flat.slice(from, to), true);
    at = to;
  }
  push(flat.slice(at, end), false);
  if (start > 0) segments.unshift({ text: '…', match: false });
  if (end < flat.length) segments.push({ text: '…', match: false });
  return segments;
}
