// Token counts of texts: cached by text, asked of the tokenizer workers, and bounded without them
// while they have not answered, so that a send waits for a count only when it decides something.
import { countPieces, urgentPriority, type CountPriority, type EncodingName } from './token-worker';

export interface Counter {
  count(text: string): number;
}

/** What is known at once: the cached counts, and for every other text a sure lower and upper bound. */
export interface Bounds {
  lower: Counter;
  upper: Counter;
  /** Every text is cached: both bounds are the counts. */
  exact: boolean;
}

/**
 * A count the user waits for is asked of the normal-priority worker too when the low-priority one
 * has not answered by then: on an idle machine it answers in milliseconds (a cold tokenizer in about
 * a second); on a busy one it may get no CPU for tens of seconds.
 */
export const HURRY_AFTER_MS = 2_000;
/** Enough for several long conversations; the oldest entries go first when it is full. */
const CACHE_LIMIT = 20_000;
/** Longest text handed to the tokenizer at once. */
const PIECE_CHARS = 2_000;

/** Counts by text: the same history is counted again on every send and only the newest messages are new. */
const caches = new Map<EncodingName, Map<string, number>>();
/** Counts asked of the low-priority worker and not answered yet, so that no text is asked for twice. */
const pendings = new Map<EncodingName, Map<string, Promise<number>>>();

export function bounds(encoding: EncodingName, texts: string[]): Bounds {
  const cache = cacheOf(encoding);
  const known = (text: string) => (text === '' ? 0 : cache.get(text));
  return {
    // Every BPE token covers one UTF-8 byte or more, so a text has at most as many tokens as bytes,
    upper: { count: (text) => known(text) ?? Buffer.byteLength(text) },
    // and a text that is not empty has at least one.
    lower: { count: (text) => known(text) ?? 1 },
    exact: texts.every((text) => known(text) !== undefined),
  };
}

/** Counts the texts not cached yet in the low-priority worker, without waiting for it. */
export function countLater(encoding: EncodingName, texts: string[]): void {
  ask(encoding, texts, 'low');
}

/** Waits until every text is counted; the counter answers for all of them. */
export async function counted(encoding: EncodingName, texts: string[]): Promise<Counter> {
  const known = new Map<string, number>();
  const priority = urgentPriority();
  const asked = ask(encoding, texts, priority);
  for (const text of texts) {
    const cached = text === '' ? 0 : cacheOf(encoding).get(text);
    if (cached !== undefined) known.set(text, cached);
  }
  if (asked.size > 0) {
    const slow = priority === 'low' && !(await answeredWithin(asked, HURRY_AFTER_MS));
    const cache = cacheOf(encoding);
    const hurried = slow
      ? ask(
          encoding,
          [...asked.keys()].filter((text) => !cache.has(text)),
          'normal',
        )
      : asked;
    for (const [text, count] of asked) known.set(text, await Promise.race([count, hurried.get(text) ?? count]));
  }
  // Every text asked for is known; were one not, its UTF-8 length is more than its tokens.
  return { count: (text) => known.get(text) ?? Buffer.byteLength(text) };
}

/** Whether every count is in within `ms`. */
async function answeredWithin(asked: Map<string, Promise<number>>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const answered = await Promise.race([Promise.all(asked.values()).then(() => true), late]);
  clearTimeout(timer);
  return answered;
}

/** A promise of the count of each text not cached, asking the worker (in one request) for those not asked yet. */
function ask(encoding: EncodingName, texts: string[], priority: CountPriority): Map<string, Promise<number>> {
  const cache = cacheOf(encoding);
  let pending = pendings.get(encoding);
  if (!pending) pendings.set(encoding, (pending = new Map()));
  const asked = new Map<string, Promise<number>>();
  const missing: string[] = [];
  for (const text of texts) {
    if (text === '' || cache.has(text) || asked.has(text)) continue;
    const earlier = priority === 'low' ? pending.get(text) : undefined;
    if (earlier) asked.set(text, earlier);
    else missing.push(text);
  }
  if (missing.length === 0) return asked;
  // BPE is quadratic on long text without spaces (1 MB would block for minutes), so long
  // text is counted in pieces; a token split at a cut costs at most one token per piece.
  const pieces = missing.map(cutIntoPieces);
  const counts = countPieces(encoding, pieces.flat(), priority);
  let next = 0;
  missing.forEach((text, i) => {
    const from = next;
    next += pieces[i]!.length;
    const count = counts.then((all) => {
      let n = 0;
      for (let j = from; j < from + pieces[i]!.length; j++) n += all[j]!;
      remember(cache, text, n);
      return n;
    });
    asked.set(text, count);
    // Settled either way, the text is no longer pending (a failed count is asked again next time);
    // a failure nobody waits for is not an unhandled rejection.
    const settled = () => {
      if (pending.get(text) === count) pending.delete(text);
    };
    count.then(settled, settled);
    if (priority === 'low') pending.set(text, count);
  });
  return asked;
}

/** Pieces of at most PIECE_CHARS, never cut inside a surrogate pair (its halves would count as 6 bytes, not 4). */
function cutIntoPieces(text: string): string[] {
  const cut: string[] = [];
  for (let at = 0; at < text.length;) {
    let end = Math.min(at + PIECE_CHARS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    cut.push(text.slice(at, end));
    at = end;
  }
  return cut;
}

function remember(cache: Map<string, number>, text: string, count: number): void {
  if (cache.has(text)) return;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(text, count);
}

function cacheOf(encoding: EncodingName): Map<string, number> {
  let cache = caches.get(encoding);
  if (!cache) caches.set(encoding, (cache = new Map()));
  return cache;
}
