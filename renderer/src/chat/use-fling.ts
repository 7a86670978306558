// Whether the reader is flinging the log, faster than anyone reads: answers that come into view
// meanwhile are drawn as plain text (no Markdown parsed in the frame), and as Markdown once it slows.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { FAST, type ScrollMotion } from './use-load-ahead';

/** A log that has not scrolled for this long has stopped (ms): a fling scrolls it every frame. */
const STOPPED_AFTER = 100;

/** Returns whether the log is being flung, and the scroll handler that tells (after the motion's). */
export function useFling(motion: RefObject<ScrollMotion>): { flinging: boolean; onScroll(): void } {
  const [flinging, setFlinging] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onScroll = useCallback(() => {
    const fast = motion.current.speed > FAST;
    clearTimeout(timer.current);
    if (fast) timer.current = setTimeout(() => setFlinging(false), STOPPED_AFTER);
    setFlinging(fast);
  }, [motion]);
  return { flinging, onScroll };
}
