// Pages older (and newer) messages in before the reader gets to the end of what is loaded: when
// what is left above the view is less than a few screens, or less than the scroll covers in the
// time a page takes to come; and asks for bigger pages when the reader scrolls fast.
import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type RefObject } from 'react';

/** How the log is moving: px per ms (smoothed), and whether towards older messages. */
export interface ScrollMotion {
  speed: number;
  up: boolean;
}

/** Speed above which a page is mostly scrolled past before it is read (a fling, a dragged bar). */
export const FAST = 5;
/** Screens of loaded messages to keep above (and below) the view. */
const SCREENS_AHEAD = 4;
/** About how long a page takes to be fetched and drawn (ms): a fast scroll needs this much lead. */
const LEAD_MS = 600;
/** Messages in a page, and in a page asked for while scrolling fast. */
export const PAGE = 100;
const FAST_PAGE = 500;

/** Tracks the log's scroll speed and direction; returns them and the scroll handler that feeds them. */
export function useScrollMotion(log: RefObject<HTMLDivElement | null>) {
  const motion = useRef<ScrollMotion>({ speed: 0, up: false });
  const last = useRef({ top: 0, at: 0 });
  const onScroll = () => {
    const el = log.current;
    if (!el) return;
    const now = performance.now();
    const top = el.scrollTop;
    const dt = Math.max(1, now - last.current.at);
    // Over a pause the speed starts again from this step alone.
    const step = dt > 200 ? 0 : Math.abs(top - last.current.top) / dt;
    motion.current = { speed: motion.current.speed * 0.5 + step * 0.5, up: top < last.current.top };
    last.current = { top, at: now };
  };
  return { motion, onScroll };
}

interface Options {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  motion: RefObject<ScrollMotion>;
  stuck: RefObject<boolean>;
  /** False while a search result's message is being brought into view (see use-scroll-to-focus). */
  settled: boolean;
  loading: boolean;
  count: number;
  olderCount: number;
  newerCount: number;
  onLoadOlder?: (limit?: number) => void;
  onLoadNewer?: () => void;
}

export function useLoadAhead(options: Options): void {
  const { virtualizer, motion, stuck, settled, loading, count, olderCount, newerCount } = options;
  const { onLoadOlder, onLoadNewer } = options;
  const screen = virtualizer.scrollRect?.height ?? 0;
  const offset = virtualizer.scrollOffset ?? 0;
  const { speed } = motion.current;
  const reach = Math.max(SCREENS_AHEAD * screen, speed * LEAD_MS);
  const ready = !loading && settled && count > 0 && screen > 0;
  const nearTop = ready && olderCount > 0 && offset < reach;
  const nearEnd = ready && newerCount > 0 && virtualizer.getTotalSize() - offset - screen < reach;
  useEffect(() => {
    if (nearTop && !stuck.current) onLoadOlder?.(motion.current.speed > FAST ? FAST_PAGE : PAGE);
  }, [nearTop, count, stuck, motion, onLoadOlder]);
  useEffect(() => {
    if (nearEnd) onLoadNewer?.();
  }, [nearEnd, count, onLoadNewer]);
}
