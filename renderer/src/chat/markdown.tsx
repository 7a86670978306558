// Renders an assistant answer as Markdown. Raw HTML in the answer stays text (no rehype-raw):
// the model's output is untrusted.
//
// The answer is rendered block by block (markdown-blocks.ts), each block memoised: while it
// streams only the growing last block is parsed again, and code in it is highlighted (in idle
// time) once the block is finished. New blocks are added a frame's budget at a time, so a burst of
// text (a fast local model, a long answer opened at once) never becomes one long task. An answer
// that is already finished when it shows is parsed whole, once (markdown-cache).
import { memo, useEffect, useLayoutEffect, useRef, useState, type ReactElement } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { CodeBlock, CodeFinished } from './code-block';
import { growBlocks } from './markdown-blocks';
import { cachedMarkdown, prepareInIdle, WHOLE_MAX } from './markdown-cache';
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
 * Characters of new Markdown rendered per frame. It adapts to the machine: each frame that added
 * blocks measures how long they took, and the budget moves towards about 8 ms of render work
 * (the browser's layout and paint of the new text come on top).
 */
const frameBudget = { chars: 2_000 };
const TARGET_MS = 8;

function learn(chars: number, ms: number): void {
  if (chars < 200 || ms <= 0) return;
  const fit = (chars * TARGET_MS) / ms;
  frameBudget.chars = Math.round(Math.min(20_000, Math.max(500, (frameBudget.chars + fit) / 2)));
}

/** How many blocks fit from `from` on within one frame's budget (at least one). */
function fitFrom(blocks: string[], from: number): number {
  let end = from;
  let chars = 0;
  while (end < blocks.length && (end === from || chars + blocks[end]!.length <= frameBudget.chars)) {
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
    let added = 0;
    for (let i = from; i < count; i++) added += blocks[i]!.length;
    learn(added, performance.now() - started);
  });
  useEffect(() => {
    caughtUp.current = count;
    if (count >= blocks.length) return;
    const frame = requestAnimationFrame(() => nextFrame((n) => n + 1));
    return () => cancelAnimationFrame(frame);
  });
  return count;
}

/** A whole finished answer, parsed once (react-markdown's component is a plain function of its props). */
const renderWhole = (text: string): ReactElement =>
  ReactMarkdown({ children: text, remarkPlugins, urlTransform: safeUrl, components });

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
  if (baselineRender) {
    return (
      <div className="markdown">
        <Block text={text} finished />
      </div>
    );
  }
  return (
    <div className="markdown">
      {blocks.slice(0, shown).map((block, index) => (
        <Block key={index} text={block} finished={!streaming || index < blocks.length - 1} />
      ))}
    </div>
  );
}
