// Renders an assistant answer as Markdown. Raw HTML in the answer stays text (no rehype-raw):
// the model's output is untrusted.
//
// The answer is rendered block by block (markdown-blocks.ts), each block memoised: while it
// streams only the growing last block is parsed again, and code in it is highlighted once the
// block is finished.
import { memo, useRef } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './code-block';
import { useHighlight } from './highlight';
import { growBlocks } from './markdown-blocks';
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
const hasCode = /^ {0,3}(```|~~~)|^( {4}|\t)/m;

const Block = memo(function Block({ text, finished }: { text: string; finished: boolean }) {
  const rehypePlugins = useHighlight(finished && hasCode.test(text));
  return (
    <ReactMarkdown
      remarkPlugins={remarkPlugins}
      rehypePlugins={rehypePlugins}
      urlTransform={safeUrl}
      components={components}
    >
      {text}
    </ReactMarkdown>
  );
});

/** The blocks of `text`, reusing the last split while the text only grows (a streamed answer). */
function useBlocks(text: string): string[] {
  const last = useRef<{ text: string; blocks: string[] }>({ text: '', blocks: [] });
  if (last.current.text !== text) last.current = { text, blocks: growBlocks(last.current, text) };
  return last.current.blocks;
}

export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const blocks = useBlocks(text);
  if (baselineRender) {
    return (
      <div className="markdown">
        <Block text={text} finished />
      </div>
    );
  }
  return (
    <div className="markdown">
      {blocks.map((block, index) => (
        <Block key={index} text={block} finished={!streaming || index < blocks.length - 1} />
      ))}
    </div>
  );
}
