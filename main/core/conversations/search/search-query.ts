// Answers a query from the index of search-index.ts. Each word is looked up as typed, by its start
// and (five letters or more) one typo off. The word with the fewest postings is scored first, with
// the date and model filters applied as its messages are gathered; every other word then only adds
// to the messages still in the running, so a common word costs a pass over its postings and no
// more. Scores are BM25 as MiniSearch computes them, and only the best `limit` messages are sorted.
//
// Runs inside the search worker (see search-index.ts): each function may use only its parameters
// and the other functions of this file.
import type { IndexState } from './search-index';

export interface SearchQuery {
  query: string;
  from?: string;
  to?: string;
  model?: string;
  limit: number;
}

export interface QueryAnswer {
  /** Message numbers of the best matches, best first. */
  docs: number[];
  /** The index's words the query matched (as typed, completed or one typo off), for snippets. */
  terms: string[];
}

interface Expansion {
  terms: { id: number; term: string; weight: number }[];
  /** Postings of all its terms together: the cost of scoring the word. */
  postings: number;
}

/** The best `limit` messages holding every word of the query (as typed, as a prefix, or one typo off). */
export function searchIndex(state: IndexState, request: SearchQuery): QueryAnswer {
  const words = [...new Set(state.words(request.query))];
  const expansions = words.map((word) => expandWord(state, word));
  if (expansions.length === 0 || expansions.some((expansion) => expansion.terms.length === 0))
    return { docs: [], terms: [] };
  expansions.sort((a, b) => a.postings - b.postings);
  const first = nextMarks(state, expansions.length);
  let candidates = gather(state, expansions[0]!, request, first);
  for (let round = 1; round < expansions.length && candidates.length > 0; round++)
    candidates = narrow(state, expansions[round]!, candidates, first + round);
  return {
    docs: best(candidates, state.scratch.scores, request.limit),
    terms: expansions.flatMap((expansion) => expansion.terms.map(({ term }) => term)),
  };
}

/** The index's words a query word stands for, with MiniSearch's weights for completions and typos. */
export function expandWord(state: IndexState, word: string): Expansion {
  const { dictionary, postingSizes } = state;
  const found = new Map<number, { id: number; term: string; weight: number }>();
  const exact = dictionary.get(word);
  if (exact !== undefined) found.set(exact, { id: exact, term: word, weight: 1 });
  for (const [term, id] of dictionary.atPrefix(word)) {
    const weight = (0.375 * term.length) / (term.length + 0.3 * (term.length - word.length));
    if (term !== word) found.set(id, { id, term, weight });
  }
  if (word.length >= 5) {
    for (const [term, [id, distance]] of dictionary.fuzzyGet(word, 1)) {
      if (!found.has(id)) found.set(id, { id, term, weight: (0.45 * term.length) / (term.length + distance) });
    }
  }
  // A start of one or two letters can complete to thousands of words: past a budget of postings
  // the farthest completions are left out, so one query never walks the whole index.
  const terms: Expansion['terms'] = [];
  let postings = 0;
  for (const candidate of [...found.values()].sort((a, b) => b.weight - a.weight)) {
    const size = postingSizes[candidate.id]!;
    if (terms.length > 0 && postings + size > 1_500_000) continue;
    terms.push(candidate);
    postings += size;
  }
  return { terms, postings };
}

/** Makes the scratch arrays fit the table; returns the first of `rounds` fresh marks. */
export function nextMarks(state: IndexState, rounds: number): number {
  const { scratch, docs } = state;
  if (scratch.marks.length < docs.count) {
    const size = docs.conversation.length;
    state.scratch = {
      scores: new Float64Array(size),
      marks: new Int32Array(size),
      found: new Int32Array(size),
      mark: 0,
    };
  } else if (scratch.mark > 2 ** 30) {
    scratch.marks.fill(0);
    scratch.mark = 0;
  }
  const first = state.scratch.mark + 1;
  state.scratch.mark += rounds;
  return first;
}

/** BM25+ with MiniSearch's parameters (k 1.2, b 0.7, d 0.5). */
export function bm25(count: number, idf: number, length: number, averageLength: number): number {
  return idf * (0.5 + (count * 2.2) / (count + 1.2 * (0.3 + (0.7 * length) / averageLength)));
}

export function idfOf(state: IndexState, size: number): number {
  // Postings of removed messages still count until the index is saved: keep the weight positive.
  return Math.max(0.01, Math.log(1 + (state.live - size + 0.5) / (size + 0.5)));
}

/**
 * Scores the first word's messages that pass the filters; returns them (marked `mark`).
 *
 * Messages are taken 16,384 numbers at a time, all the word's completions' postings in that range
 * together, so the arrays read per posting stay in the processor's cache: one completion after
 * another over the whole range missed it at nearly every posting (60 ms for a start with 1,000
 * completions over 300,000 messages).
 */
export function gather(state: IndexState, expansion: Expansion, request: SearchQuery, mark: number): Int32Array {
  const from = request.from === undefined ? -Infinity : Date.parse(request.from);
  const to = request.to === undefined ? Infinity : Date.parse(request.to);
  const bounded = from !== -Infinity || to !== Infinity;
  const allowed = conversationsWithModel(state, request.model);
  const { conversation, time, length } = state.docs;
  // Written into a preallocated array: pushing 100,000 numbers onto a new array took most of the time.
  const { scores, marks, found } = state.scratch;
  const averageLength = state.totalLength / Math.max(1, state.live);
  const { terms } = expansion;
  const idfs = terms.map(({ id }) => idfOf(state, state.postingSizes[id]!));
  const cursors = new Int32Array(terms.length);
  let count = 0;
  for (let end = 16_384 * 128, more = true; more; end += 16_384 * 128) {
    more = false;
    for (let t = 0; t < terms.length; t++) {
      const list = state.postings[terms[t]!.id]!;
      const size = state.postingSizes[terms[t]!.id]!;
      const weight = terms[t]!.weight;
      let i = cursors[t]!;
      for (; i < size; i++) {
        const posting = list[i]!;
        if (posting >= end) break;
        const doc = posting >> 7;
        if (marks[doc] !== mark) {
          const number = conversation[doc]!;
          if (number === -1 || (allowed !== null && allowed[number] === 0)) continue;
          if (bounded && (time[doc]! < from || time[doc]! > to)) continue;
          marks[doc] = mark;
          scores[doc] = 0;
          found[count++] = doc;
        }
        scores[doc] = scores[doc]! + weight * bm25(posting & 127, idfs[t]!, length[doc]!, averageLength);
      }
      cursors[t] = i;
      if (i < size) more = true;
    }
  }
  return found.subarray(0, count);
}

/** Adds a further word's score to the candidates holding it (range by range, as `gather`); returns those, in place. */
export function narrow(state: IndexState, expansion: Expansion, candidates: Int32Array, mark: number): Int32Array {
  const { length } = state.docs;
  const { scores, marks } = state.scratch;
  const averageLength = state.totalLength / Math.max(1, state.live);
  const { terms } = expansion;
  const idfs = terms.map(({ id }) => idfOf(state, state.postingSizes[id]!));
  const cursors = new Int32Array(terms.length);
  for (let end = 16_384 * 128, more = true; more; end += 16_384 * 128) {
    more = false;
    for (let t = 0; t < terms.length; t++) {
      const list = state.postings[terms[t]!.id]!;
      const size = state.postingSizes[terms[t]!.id]!;
      const weight = terms[t]!.weight;
      let i = cursors[t]!;
      for (; i < size; i++) {
        const posting = list[i]!;
        if (posting >= end) break;
        const doc = posting >> 7;
        const seen = marks[doc];
        if (seen === mark - 1) marks[doc] = mark;
        else if (seen !== mark) continue;
        scores[doc] = scores[doc]! + weight * bm25(posting & 127, idfs[t]!, length[doc]!, averageLength);
      }
      cursors[t] = i;
      if (i < size) more = true;
    }
  }
  let kept = 0;
  for (const doc of candidates) if (marks[doc] === mark) candidates[kept++] = doc;
  return candidates.subarray(0, kept);
}

/** Per conversation number, 1 if `model` answered in it; null when no model is asked for. */
export function conversationsWithModel(state: IndexState, model: string | undefined): Uint8Array | null {
  if (model === undefined) return null;
  const allowed = new Uint8Array(state.conversations.length);
  for (const [id, file] of state.files) {
    const conversation = state.conversationNumbers.get(id);
    if (conversation !== undefined && file.models.includes(model)) allowed[conversation] = 1;
  }
  return allowed;
}

/** The `limit` best candidates, best first (a tie goes to the newer message), without sorting them all. */
export function best(candidates: Int32Array, scores: Float64Array, limit: number): number[] {
  const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a > b);
  // A heap whose root is the worst of the best so far.
  const heap: number[] = [];
  const siftDown = (at: number) => {
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < heap.length && better(heap[worst]!, heap[left]!)) worst = left;
      if (right < heap.length && better(heap[worst]!, heap[right]!)) worst = right;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst]!, heap[at]!];
      at = worst;
    }
  };
  for (const doc of candidates) {
    if (heap.length < limit) {
      heap.push(doc);
      for (let at = heap.length - 1; at > 0;) {
        const parent = (at - 1) >> 1;
        if (!better(heap[parent]!, heap[at]!)) break;
        [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
        at = parent;
      }
    } else if (better(doc, heap[0]!)) {
      heap[0] = doc;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : 1));
}
