// Whether the reader is flinging the log, faster than anyone reads: answers that come into view
// meanwhile are drawn as plain text (no Markdown parsed in the frame), and as Markdown once it slows.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { FAST, type ScrollMotion } from './use-load-ahead';

/**
 * Faster than this (px per ms) a screen passes in under three frames: nobody reads it, and rows
 * come into view several a frame. Slower (a wheel, a gentle fling, Page Up), answers are Markdown.
 */
const FLING = 4 * FAST;
/** A fling is over when no fast step came for this long (ms): a fling scrolls the log every frame. */
const STOPPED_AFTER = 100;

/** Returns whether the log is being flung, and the scroll handler that tells (after the motion's). */
export function useFling(motion: RefObject<ScrollMotion>): { flinging: boolean; onScroll(): void } {
  const [flinging, setFlinging] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  // Only a fast step keeps the fling going: a step of the list's own (a page put in front) or one
  // slow frame in between must not draw the rows in view as Markdown mid-fling.
  const onScroll = useCallback(() => {
    if (motion.current.speed <= FLING) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setFlinging(false), STOPPED_AFTER);
    setFlinging(true);
  }, [motion]);
  return { flinging, onScroll };
}
