// Code highlighting: lowlight with highlight.js's common languages, the biggest part of the
// Markdown code by size. It is loaded the first time a finished code block needs it, and blocks
// are highlighted in idle time, one at a time, so highlighting never lengthens a frame while an
// answer streams. The growing block of a streamed answer is not highlighted until it is finished.
import { useEffect, useState, type ReactNode } from 'react';
import { whenIdle } from '../when-idle';

type Highlight = (code: string, language: string) => ReactNode | null;

let loading: Promise<Highlight> | null = null;

function loadHighlighter(): Promise<Highlight> {
  loading ??= import('./code-highlighter').then((module) => module.highlight);
  return loading;
}

/** Jobs waiting for idle time, oldest first. */
const queue: (() => void)[] = [];
let scheduled = false;

/** One block per idle period: each becomes its own small render, never one long one. */
function drain(): void {
  scheduled = false;
  queue.shift()?.();
  schedule();
}

function schedule(): void {
  if (scheduled || queue.length === 0) return;
  scheduled = true;
  whenIdle(drain);
}

/** The highlighted code once it is ready (null before, and for a language it does not know). */
export function useHighlightedCode(code: string | null, language: string | null, wanted: boolean): ReactNode | null {
  const [done, setDone] = useState<{ code: string; language: string; node: ReactNode } | null>(null);
  useEffect(() => {
    if (!wanted || code === null || language === null) return;
    let live = true;
    void loadHighlighter().then((highlight) => {
      queue.push(() => live && setDone({ code, language, node: highlight(code, language) }));
      schedule();
    });
    return () => {
      live = false;
    };
  }, [code, language, wanted]);
  return done !== null && done.code === code && done.language === language ? done.node : null;
}
