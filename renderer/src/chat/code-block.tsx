// A fenced code block in an answer, with a button that copies its text. Highlighted once its
// block of the answer is finished (see highlight.ts).
import { createContext, isValidElement, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useHighlightedCode } from './highlight';

type CopyState = 'idle' | 'copied' | 'failed';

const labels: Record<CopyState, string> = { idle: 'Copy code', copied: 'Copied', failed: 'Copy failed' };

/** False while the Markdown block around the code is still streaming. */
export const CodeFinished = createContext(true);

export function CodeBlock({ children }: { children?: ReactNode }) {
  const pre = useRef<HTMLPreElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const finished = useContext(CodeFinished);
  // react-markdown hands over <code class="language-x">text</code>.
  const code = isValidElement<{ className?: string; children?: ReactNode }>(children) ? children.props : null;
  const language = /\blanguage-([\w+#.-]+)/.exec(code?.className ?? '')?.[1] ?? null;
  const text = typeof code?.children === 'string' ? code.children : null;
  const highlighted = useHighlightedCode(text, language, finished);

  useEffect(() => {
    if (copy === 'idle') return;
    const timer = setTimeout(() => setCopy('idle'), 1500);
    return () => clearTimeout(timer);
  }, [copy]);

  const copyCode = async () => {
    // The rendered text, because highlighting has split the source into many spans.
    const text = pre.current?.textContent ?? '';
    try {
      await navigator.clipboard.writeText(text);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <div className="code-block">
      <button type="button" className="copy-code" onClick={copyCode}>
        {labels[copy]}
      </button>
      <pre ref={pre}>
        {highlighted !== null ? <code className={`hljs language-${language}`}>{highlighted}</code> : children}
      </pre>
    </div>
  );
}
