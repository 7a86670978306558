// Groups a Markdown answer's blocks into the pieces rendered as one ReactMarkdown each. Blocks that
// are final when they first reach the screen (a backlog: a fast server, a cached answer) go in
// one piece per frame, so 1,000 short paragraphs cost a few dozen parses and components, not
// 1,000. A block already on screen keeps its own piece, so nothing shown is parsed again.

export interface Segment {
  /** The index of its first block: the React key, stable while the answer grows. */
  start: number;
  text: string;
}

export interface SegmentState {
  /** The answer text these segments were made for. */
  text: string;
  segments: Segment[];
  /** Blocks [0, covered) are in `segments`. */
  covered: number;
  /** How many blocks were on screen after the last update. */
  shown: number;
}

export const noSegments: SegmentState = { text: '', segments: [], covered: 0, shown: 0 };

/**
 * Consecutive blocks go in one box on the page per this many (markdown.tsx), so the answer's top
 * level stays short. A segment never spans two boxes, so each box holds exactly its blocks, however
 * the backlog happened to arrive.
 */
export const GROUP_BLOCKS = 32;

/**
 * The segments after an update that shows `shown` of `blocks`, of which the first `final` will
 * not change again. Returns `previous` itself when nothing new became final.
 */
export function growSegments(
  previous: SegmentState,
  text: string,
  blocks: string[],
  shown: number,
  final: number,
): SegmentState {
  const from = text.startsWith(previous.text) ? previous : noSegments;
  const upTo = Math.min(shown, final);
  if (upTo <= from.covered && from.shown === shown && from.text === text) return from;
  const segments = [...from.segments];
  // Blocks already on screen on their own stay on their own (same key, same text: not re-rendered).
  const alone = Math.min(Math.max(from.shown, from.covered), upTo);
  for (let i = from.covered; i < alone; i++) segments.push({ start: i, text: blocks[i]! });
  for (let start = alone; start < upTo;) {
    const end = Math.min(upTo, (Math.floor(start / GROUP_BLOCKS) + 1) * GROUP_BLOCKS);
    segments.push({ start, text: blocks.slice(start, end).join('') });
    start = end;
  }
  return { text, segments, covered: Math.max(from.covered, upTo), shown };
}
