// A fenced code block in an answer, with a button that copies its text.
import { useEffect, useRef, useState, type ReactNode } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

const labels: Record<CopyState, string> = { idle: 'Copy code', copied: 'Copied', failed: 'Copy failed' };

export function CodeBlock({ children }: { children?: ReactNode }) {
  const pre = useRef<HTMLPreElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

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
      <pre ref={pre}>{children}</pre>
    </div>
  );
}
