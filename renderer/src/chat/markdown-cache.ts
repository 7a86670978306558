// Finished answers' rendered Markdown, by text: a message scrolled back into view (or into view
// again) is not parsed again, and a page of older messages is parsed in idle time before the
// reader gets to it, so scrolling back draws rows without parsing Markdown in the frame.
import type { ReactElement } from 'react';

/** Answers kept: a few pages' worth (a short answer's tree is a few kB). */
const KEEP = 1_500;
/** Answers longer than this are drawn block by block within a frame budget instead (markdown.tsx). */
export const WHOLE_MAX = 4_000;

/** The most idle time taken at once (ms). */
const SLICE_MS = 6;

const rendered = new Map<string, ReactElement>();

/** The element tree for `text`, from the cache or made by `render` (and kept, oldest dropped first). */
export function cachedMarkdown(text: string, render: (text: string) => ReactElement): ReactElement {
  const hit = rendered.get(text);
  if (hit) {
    rendered.delete(text);
    rendered.set(text, hit);
    return hit;
  }
  const made = render(text);
  rendered.set(text, made);
  if (rendered.size > KEEP) rendered.delete(rendered.keys().next().value!);
  return made;
}

let queue: string[] = [];
let scheduled = false;

/**
 * Renders `texts` into the cache in idle time, in the order given, never past an idle period's
 * end. Replaces what was still queued: the newest request is where the reader is heading.
 */
export function prepareInIdle(texts: string[], render: (text: string) => ReactElement): void {
  queue = texts.filter((t) => t.length <= WHOLE_MAX && !rendered.has(t));
  if (scheduled || queue.length === 0 || typeof requestIdleCallback !== 'function') return;
  scheduled = true;
  const work = (deadline: IdleDeadline) => {
    // A long idle period may end with the reader's next scroll: a few ms at a time, however long.
    const until = performance.now() + Math.min(SLICE_MS, deadline.timeRemaining() - 1);
    while (queue.length > 0 && performance.now() < until) cachedMarkdown(queue.shift()!, render);
    if (queue.length > 0) requestIdleCallback(work);
    else scheduled = false;
  };
  requestIdleCallback(work);
}
