// The message log's virtual rows: only the messages in view (and a few either side) are in the page,
// so a chat of 5,000 messages opens and scrolls like one of five. Heights are measured as they render.
import { elementScroll, observeElementRect, useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual';
import { useRef, type RefObject } from 'react';
import type { ViewMessage } from './chat-state';
import { FAST, type ScrollMotion } from './use-load-ahead';

/**
 * A log that is hidden (or laid out by a DOM without layout) has no height yet: plan for a
 * window's worth, so its newest messages are ready when it shows.
 */
function observeRect(
  instance: Virtualizer<HTMLDivElement, Element>,
  cb: (rect: { width: number; height: number }) => void,
) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { ...rect, height: window.innerHeight }));
}

interface Options {
  log: RefObject<HTMLDivElement | null>;
  /** Whether the log follows its newest line (see use-follow-end). */
  stuck: RefObject<boolean>;
  messages: ViewMessage[];
  conversationId: string | null;
  /** Off for the benchmarks' baseline, which renders every message. */
  virtual: boolean;
  /** A search result's message the log opens at, instead of its end. */
  focusId: string | null;
  motion: RefObject<ScrollMotion>;
}

/** Rows drawn beyond the view on the side the reader scrolls towards, and on the other side. */
const AHEAD = 6;
const BEHIND = 2;

/**
 * The rows to draw: a few beyond the view, most of them on the side the reader is heading to. In a
 * fast scroll the next frame is screens away, so rows beyond the view would be drawn for nothing.
 */
function rowsToDraw(range: Range, motion: ScrollMotion): number[] {
  const fast = motion.speed > FAST;
  const before = fast ? 1 : motion.up ? AHEAD : BEHIND;
  const after = fast ? 1 : motion.up ? BEHIND : AHEAD;
  const start = Math.max(0, range.startIndex - before);
  const end = Math.min(range.count - 1, range.endIndex + after);
  return Array.from({ length: Math.max(0, end - start + 1) }, (_, i) => start + i);
}

/**
 * A row measured taller or shorter than planned above the view moves the view by the difference
 * from where it is now. The list's own idea of where that is can be a step behind (the reader
 * scrolled, and the scroll event saying so has not come yet): writing that back would undo the
 * reader's step, and the lines on screen would jump by it.
 */
const scrollToFn: typeof elementScroll = (offset, { adjustments = 0, behavior }, instance) => {
  const el = instance.scrollElement;
  if (el && adjustments !== 0 && behavior !== 'smooth') el.scrollTop += adjustments;
  else elementScroll(offset, { adjustments, behavior }, instance);
};

export function useMessageRows({ log, stuck, messages, conversationId, virtual, focusId, motion }: Options) {
  const virtualizer = useVirtualizer({
    count: virtual ? messages.length : 0,
    getScrollElement: () => log.current,
    estimateSize: () => 96,
    overscan: AHEAD,
    rangeExtractor: (range) => rowsToDraw(range, motion.current),
    getItemKey: (index) => messages[index]?.message.id ?? index,
    observeElementRect: observeRect,
    scrollToFn,
    // Re-render on scroll in React's own time, not synchronously inside the scroll event.
    useFlushSync: false,
  });
  // While pinned, the log follows the end itself; keeping the first visible line in place as
  // heights above it are measured would fight that.
  virtualizer.shouldAdjustScrollPositionOnItemSizeChange = (item, _delta, instance) =>
    !stuck.current && item.start < (instance.scrollOffset ?? 0);

  // A chat opens at its newest messages: the first render with them plans for the end of the
  // list, not its top (the scroll event that would tell the list so comes a frame later).
  const planned = useRef<string | null>(null);
  if (virtual && stuck.current && focusId === null && messages.length > 0 && planned.current !== conversationId) {
    planned.current = conversationId;
    virtualizer.scrollOffset = Math.max(virtualizer.scrollOffset ?? 0, virtualizer.getTotalSize());
  }
  // Opened at a search result: the first render plans for that message's place, so the rows
  // around it (not the top's, which would fetch older pages at once) are the ones drawn.
  const focusIndex = focusId === null ? -1 : messages.findIndex((m) => m.message.id === focusId);
  if (virtual && focusIndex !== -1 && planned.current !== `found:${focusId}`) {
    planned.current = `found:${focusId}`;
    virtualizer.scrollOffset = virtualizer.getOffsetForIndex(focusIndex, 'center')?.[0] ?? 0;
  }
  return virtualizer;
}
