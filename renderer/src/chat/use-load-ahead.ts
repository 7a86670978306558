// Pages older (and newer) messages in before the reader gets to the end of what is loaded: when
// what is left above the view is less than a few screens, or less than the scroll covers in the
// time a page takes to come; and asks for bigger pages when the reader scrolls fast. Whether a
// page is needed is read from the list as it is now, after every render and on a timer, so no
// page depends on a render happening at the right moment (see page-pump).
import type { Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { createPagePump, type PagePump } from './page-pump';

/** How the log is moving: px per ms (smoothed), whether towards older messages, and when it last moved. */
export interface ScrollMotion {
  speed: number;
  up: boolean;
  at: number;
}

/** Speed above which a page is mostly scrolled past before it is read (a fling, a dragged bar). */
export const FAST = 5;
/** Screens of loaded messages to keep above (and below) the view. */
const SCREENS_AHEAD = 6;
/**
 * How long a page takes to be fetched and drawn (ms) at least: a fast scroll needs this much lead;
 * twice what pages lately took when that is more (a busy machine, a big conversation file).
 */
const LEAD_MS = 600;
/**
 * Messages in a page, and in a page asked for while scrolling fast: more than a page, so the fling
 * needs fewer round trips, but not so many that putting them in (checking and rendering the list
 * they join) takes more than a part of a frame.
 */
export const PAGE = 100;
const FAST_PAGE = 200;
/**
 * A fling can need far more than a page at once (its lead is ~700 messages at 3 screens a frame):
 * asked for in one read, they arrive in one render instead of one per page, each of which cost a
 * frame or two at the fling's start. At most what a request may ask for.
 */
const MAX_PAGE = 1_000;
/** How often the need for a page is checked between renders (ms). */
const CHECK_EVERY = 200;

/** Tracks the reader's scroll speed and direction; returns them and the scroll handler that feeds them. */
export function useScrollMotion(log: RefObject<HTMLDivElement | null>) {
  const motion = useRef<ScrollMotion>({ speed: 0, up: false, at: 0 });
  const lastTop = useRef(0);
  const onScroll = () => {
    const el = log.current;
    if (!el) return;
    const now = performance.now();
    const top = el.scrollTop;
    const { speed, at } = motion.current;
    const dt = Math.max(1, now - at);
    // Over a pause the speed starts again from this step alone.
    const step = dt > 200 ? 0 : Math.abs(top - lastTop.current) / dt;
    motion.current = { speed: speed * 0.5 + step * 0.5, up: top < lastTop.current, at: now };
    lastTop.current = top;
  };
  /** The log moved its content by `px` itself (a page put in front): not the reader's motion. */
  const shifted = useCallback((px: number) => {
    lastTop.current += px;
  }, []);
  /** The log was moved to a place of its own accord (a search result brought into view): not a fling. */
  const jumped = useCallback(() => {
    lastTop.current = log.current?.scrollTop ?? 0;
    motion.current = { speed: 0, up: false, at: performance.now() };
  }, [log]);
  return { motion, onScroll, shifted, jumped };
}

/** The reader's speed now: a scroll that stopped a moment ago is no longer fast. */
const speedNow = (motion: ScrollMotion): number => (performance.now() - motion.at > 300 ? 0 : motion.speed);

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
  /** Resolve false (or reject) when the page could not be loaded: it is asked for again later. */
  onLoadOlder?: (limit?: number) => Promise<unknown>;
  onLoadNewer?: () => Promise<unknown>;
}

export function useLoadAhead(options: Options): void {
  const live = useRef(options);
  live.current = options;
  const [pumps] = useState(() => {
    const room = (lead: number) => {
      const { virtualizer, motion, settled, loading, count } = live.current;
      const screen = virtualizer.scrollRect?.height ?? 0;
      if (loading || !settled || count === 0 || screen === 0) return null;
      const offset = virtualizer.scrollOffset ?? 0;
      const speed = speedNow(motion.current);
      const reach = Math.max(SCREENS_AHEAD * screen, speed * Math.max(LEAD_MS, 2 * lead));
      const below = virtualizer.getTotalSize() - offset - screen;
      return { above: offset, below, reach, fast: speed > FAST };
    };
    const older: PagePump = createPagePump(
      () => {
        const { olderCount, stuck } = live.current;
        const at = room(older.latency());
        if (!at || olderCount === 0 || stuck.current || at.above >= at.reach) return null;
        if (!at.fast) return PAGE;
        const { virtualizer, count } = live.current;
        const need = Math.ceil((at.reach - at.above) / (virtualizer.getTotalSize() / count));
        return Math.min(MAX_PAGE, Math.max(FAST_PAGE, need));
      },
      (limit) => live.current.onLoadOlder?.(limit) ?? Promise.resolve(),
    );
    const newer: PagePump = createPagePump(
      () => {
        const at = room(newer.latency());
        return at && live.current.newerCount > 0 && at.below < at.reach ? PAGE : null;
      },
      () => live.current.onLoadNewer?.() ?? Promise.resolve(),
    );
    return [older, newer];
  });
  // After every render: what the log shows may have changed (a page drawn, a scroll, a resize).
  useEffect(() => {
    for (const pump of pumps) {
      pump.drawn();
      pump.check();
    }
  });
  // And between renders, in case none comes: a page that failed, or one that changed nothing.
  useEffect(() => {
    const timer = setInterval(() => {
      for (const pump of pumps) pump.check();
    }, CHECK_EVERY);
    return () => clearInterval(timer);
  }, [pumps]);
}
