// Renders an assistant answer as Markdown. Raw HTML in the answer stays text (no rehype-raw):
// the model's output is untrusted.
//
// The answer is rendered block by block (markdown-blocks.ts), each block memoised: while it
// streams only the growing last block is parsed again, and code in it is highlighted (in idle
// time) once the block is finished. New blocks are added a frame's budget at a time, so a burst of
// text (a fast local model, a long answer opened at once) never becomes one long task; blocks that
// arrive final in a burst are rendered together (markdown-segments.ts). An answer that is already
// finished when it shows is parsed whole, once (markdown-cache).
import { memo, useLayoutEffect, useRef, useState, type ReactElement } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { CodeBlock, CodeFinished } from './code-block';
import { mayHoldGfm } from './gfm-syntax';
import { growBlocks, settledBlocks } from './markdown-blocks';
import { cachedMarkdown, prepareInIdle, WHOLE_MAX } from './markdown-cache';
import { GROUP_BLOCKS, growSegments, noSegments } from './markdown-segments';
import { baselineRender } from './render-mode';
import { safeUrl } from './safe-url';

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noreferrer">
        {children}
      </a>
    ) : (
      <span className="unsafe-link">{children}</span>
    ),
  // The CSP blocks remote images anyway, and loading one would tell its server we read the answer.
  img: ({ src, alt }) =>
    src ? (
      <a href={src} target="_blank" rel="noreferrer">
        {alt || src}
      </a>
    ) : (
      <span>{alt}</span>
    ),
  pre: ({ children }) => <CodeBlock>{children}</CodeBlock>,
};

const gfm = [remarkGfm];
const commonMark: [] = [];
/** Text that cannot hold GFM syntax parses the same without remark-gfm, and faster (gfm-syntax.ts). */
const remarkPluginsFor = (text: string) => (mayHoldGfm(text) ? gfm : commonMark);

/** One piece of Markdown, parsed again only when its text changes. */
const Parsed = memo(function Parsed({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPluginsFor(text)} urlTransform={safeUrl} components={components}>
      {text}
    </ReactMarkdown>
  );
});

/** A block that becomes finished tells only its code (to highlight it); its text is not parsed again. */
const Block = memo(function Block({ text, finished }: { text: string; finished: boolean }) {
  return (
    <CodeFinished.Provider value={finished}>
      <Parsed text={text} />
    </CodeFinished.Provider>
  );
});

/** The blocks of `text`, reusing the last split while the text only grows (a streamed answer). */
function useBlocks(text: string): string[] {
  const last = useRef<{ text: string; blocks: string[] }>({ text: '', blocks: [] });
  if (last.current.text !== text) last.current = { text, blocks: growBlocks(last.current, text) };
  return last.current.blocks;
}

/**
 * How fast this machine renders new Markdown, in characters per ms of React work. Each frame that
 * added enough text measures itself, and the estimate moves halfway towards what it measured.
 */
const speed = { charsPerMs: 250 };
/**
 * Render work a frame (the browser's layout and paint of the new text come on top). A bigger
 * budget while a backlog waits drained a fast server's answer sooner, but gave a long streamed
 * answer with code and tables tasks over 50 ms (chat-render bench), so a backlog gets the same.
 */
const TARGET_MS = 8;

function learn(chars: number, ms: number): void {
  if (chars < 200 || ms <= 0) return;
  speed.charsPerMs = Math.min(2_500, Math.max(60, (speed.charsPerMs + chars / ms) / 2));
}

/** How many blocks fit from `from` on within one frame's budget (at least one). */
function fitFrom(blocks: string[], from: number): number {
  const budget = speed.charsPerMs * TARGET_MS;
  let end = from;
  let chars = 0;
  while (end < blocks.length && (end === from || chars + blocks[end]!.length <= budget)) {
    chars += blocks[end]!.length;
    end += 1;
  }
  return end;
}

/**
 * How many of `blocks` to show: new blocks within a frame's budget at once, the rest over the
 * next frames. Text that arrives at reading speed is therefore never held back.
 */
function useShownCount(blocks: string[]): number {
  const caughtUp = useRef(0);
  const [, nextFrame] = useState(0);
  const from = Math.min(caughtUp.current, blocks.length);
  const count = fitFrom(blocks, from);
  const started = performance.now();
  useLayoutEffect(() => {
    // Noted now: another update before the next frame must not count these blocks again.
    caughtUp.current = count;
    let added = 0;
    for (let i = from; i < count; i++) added += blocks[i]!.length;
    learn(added, performance.now() - started);
    if (count >= blocks.length) return;
    // Asked for before this frame is painted, so the rest goes on in the very next frame.
    const frame = requestAnimationFrame(() => nextFrame((n) => n + 1));
    return () => cancelAnimationFrame(frame);
  });
  return count;
}

/** The pieces to render: final blocks grouped (markdown-segments.ts), then the rest one by one. */
function useSegments(text: string, blocks: string[], shown: number, streaming: boolean) {
  const state = useRef(noSegments);
  state.current = growSegments(state.current, text, blocks, shown, streaming ? settledBlocks(blocks) : blocks.length);
  const { segments, covered } = state.current;
  const rest = blocks.slice(covered, shown).map((block, i) => ({ start: covered + i, text: block }));
  return [...segments, ...rest];
}

/**
 * Blocks in one box per GROUP_BLOCKS (markdown-segments.ts), so the answer's top level stays short:
 * adding text lays out the last box and steps over the others, where one flat list of a
 * 1,000-paragraph answer's paragraphs had the browser walk all of them each frame (2-4x the layout time).
 */
function groupPieces<T extends { start: number }>(pieces: T[]): { key: number; pieces: T[] }[] {
  const groups: { key: number; pieces: T[] }[] = [];
  for (const piece of pieces) {
    const key = Math.floor(piece.start / GROUP_BLOCKS);
    const last = groups.at(-1);
    if (last?.key === key) last.pieces.push(piece);
    else groups.push({ key, pieces: [piece] });
  }
  return groups;
}

/** A whole finished answer, parsed once (react-markdown's component is a plain function of its props). */
const renderWhole = (text: string): ReactElement =>
  ReactMarkdown({ children: text, remarkPlugins: remarkPluginsFor(text), urlTransform: safeUrl, components });

/** Parses finished answers ahead of their rows, in idle time (see markdown-cache). */
export const prepareMarkdown = (texts: string[]): void => prepareInIdle(texts, renderWhole);

export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  // An answer already finished when it first shows (a conversation opened or scrolled back) and
  // not long is one parse, cached, instead of one per block.
  const whole = useRef(!baselineRender && !streaming && text.length <= WHOLE_MAX);
  return whole.current && !streaming ? (
    <div className="markdown">
      <CodeFinished.Provider value>{cachedMarkdown(text, renderWhole)}</CodeFinished.Provider>
    </div>
  ) : (
    <BlockMarkdown text={text} streaming={streaming} />
  );
}

function BlockMarkdown({ text, streaming }: { text: string; streaming: boolean }) {
  const blocks = useBlocks(text);
  const shown = useShownCount(blocks);
  const pieces = useSegments(text, blocks, shown, streaming);
  if (baselineRender) {
    return (
      <div className="markdown">
        <Block text={text} finished />
      </div>
    );
  }
  return (
    <div className="markdown">
      {groupPieces(pieces).map((group) => (
        // No padding or border: margins collapse through, so the boxes change nothing on screen.
        <div key={group.key} className="markdown-group">
          {/* A block moving from its own piece into a segment keeps its key and its DOM. */}
          {group.pieces.map((piece) => (
            <Block key={piece.start} text={piece.text} finished={!streaming || piece.start < blocks.length - 1} />
          ))}
        </div>
      ))}
    </div>
  );
}
