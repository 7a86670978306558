// Renders an assistant answer as Markdown. Raw HTML in the answer stays text (no rehype-raw):
// the model's output is untrusted.
//
// The answer is rendered block by block (markdown-blocks.ts), each block memoised: while it
// streams only the growing last block is parsed again, and code in it is highlighted (in idle
// time) once the block is finished. New blocks are added a frame's budget at a time, so a burst of
// text (a fast local model, a long answer opened at once) never becomes one long task; blocks that
// arrive final in a burst are rendered together (markdown-segments.ts).
import { memo, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { CodeBlock, CodeFinished } from './code-block';
import { growBlocks, settledBlocks } from './markdown-blocks';
import { growSegments, noSegments } from './markdown-segments';
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

const remarkPlugins = [remarkGfm];

const Block = memo(function Block({ text, finished }: { text: string; finished: boolean }) {
  return (
    <CodeFinished.Provider value={finished}>
      <ReactMarkdown remarkPlugins={remarkPlugins} urlTransform={safeUrl} components={components}>
        {text}
      </ReactMarkdown>
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
 * How fast this machine renders new Markdown, in characters per ms, the browser's layout of the
 * new text included. Each frame that added enough blocks measures itself; the budget is then
 * about 8 ms of work a frame, or 24 ms while a backlog waits (a fast server, a cached answer),
 * when getting the text on screen matters more than spare time in the frame.
 */
const speed = { charsPerMs: 250 };
const CALM_MS = 8;
const BACKLOG_MS = 24;

function learn(chars: number, ms: number): void {
  if (chars < 200 || ms <= 0) return;
  const measured = chars / ms;
  // Slower at once (a long task is what the budget is there to prevent), faster only gradually.
  const next = measured < speed.charsPerMs ? measured : (speed.charsPerMs + measured) / 2;
  speed.charsPerMs = Math.min(600, Math.max(30, next));
}

/** How many blocks fit from `from` on within one frame's budget (at least one). */
function fitFrom(blocks: string[], from: number): number {
  let waiting = 0;
  for (let i = from; i < blocks.length && waiting <= speed.charsPerMs * CALM_MS; i++) waiting += blocks[i]!.length;
  const budget = speed.charsPerMs * (waiting > speed.charsPerMs * CALM_MS ? BACKLOG_MS : CALM_MS);
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
function useShownCount(blocks: string[], container: RefObject<HTMLDivElement | null>): number {
  const caughtUp = useRef(0);
  const [, nextFrame] = useState(0);
  const from = Math.min(caughtUp.current, blocks.length);
  const count = fitFrom(blocks, from);
  const started = performance.now();
  useLayoutEffect(() => {
    // Noted now, not after paint: another update in the same frame must not count these blocks again.
    caughtUp.current = count;
    let added = 0;
    for (let i = from; i < count; i++) added += blocks[i]!.length;
    if (added < 200) return;
    // Lay the new text out now, so its cost is measured (the browser needs it for this frame anyway).
    void container.current?.offsetHeight;
    learn(added, performance.now() - started);
  });
  useEffect(() => {
    if (count >= blocks.length) return;
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
  return { segments, rest };
}

export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const container = useRef<HTMLDivElement>(null);
  const blocks = useBlocks(text);
  const shown = useShownCount(blocks, container);
  const { segments, rest } = useSegments(text, blocks, shown, streaming);
  if (baselineRender) {
    return (
      <div className="markdown">
        <Block text={text} finished />
      </div>
    );
  }
  return (
    <div className="markdown" ref={container}>
      {/* One list: a block moving from `rest` into `segments` keeps its key and its DOM. */}
      {[...segments, ...rest].map((piece) => (
        <Block key={piece.start} text={piece.text} finished={!streaming || piece.start < blocks.length - 1} />
      ))}
    </div>
  );
}
