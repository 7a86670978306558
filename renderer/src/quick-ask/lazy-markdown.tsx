// The Markdown renderer, loaded only when the popup first shows an answer: it is most of the
// renderer's code and a quick-add never needs it. Until it is there the text shows as typed.
import { lazy, Suspense } from 'react';

const load = () => import('../chat/markdown');
const Markdown = lazy(() => load().then((m) => ({ default: m.Markdown })));

/** Starts loading early, e.g. while the model is still thinking. */
export const preloadMarkdown = (): void => void load();

export function LazyMarkdown({ text }: { text: string }) {
  return (
    <Suspense fallback={<p className="plain-answer">{text}</p>}>
      <Markdown text={text} />
    </Suspense>
  );
}
