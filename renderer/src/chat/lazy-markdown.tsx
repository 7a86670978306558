// The Markdown renderer, loaded on first use so the first paint never waits for it: it is the
// biggest part of the renderer's code and a quick-add never needs it. Until it is there the text
// shows as typed.
import { lazy, Suspense } from 'react';

const load = () => import('./markdown');
const Markdown = lazy(() => load().then((m) => ({ default: m.Markdown })));

/** Starts loading early, e.g. while the model is still thinking. */
export const preloadMarkdown = (): void => void load();

/** Parses finished answers in idle time, nearest first, so their rows draw without parsing. */
export const prepareAnswers = (texts: string[]): void => void load().then((m) => m.prepareMarkdown(texts));

export function LazyMarkdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  return (
    <Suspense fallback={<p className="plain-answer">{text}</p>}>
      <Markdown text={text} streaming={streaming} />
    </Suspense>
  );
}
