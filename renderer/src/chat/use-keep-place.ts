// Keeps the lines the reader is looking at where they are when an older page is put in front of
// them: the list's offset moves by the height of what was added, in the same render (so the rows
// drawn are the reader's, not the new page's top) and in the log's scroll position before paint.
import type { Virtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { ViewMessage } from './chat-state';

interface Options {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  log: RefObject<HTMLDivElement | null>;
  /** Whether the log follows its newest line (then the end is its place, see use-follow-end). */
  stuck: RefObject<boolean>;
  messages: ViewMessage[];
  virtual: boolean;
  /** Told how far the view was moved here, so it is not taken for the reader scrolling. */
  onShift(px: number): void;
}

/** The virtual rows' container: the "Show older messages" button above it comes and goes. */
const rowsTop = (log: HTMLDivElement): number =>
  log.querySelector<HTMLElement>('.message-rows')?.offsetTop ?? 0;

export function useKeepPlace({ virtualizer, log, stuck, messages, virtual, onShift }: Options): void {
  const firstId = messages[0]?.message.id;
  const shown = useRef<{ firstId?: string; start: number }>({ start: 0 });
  const pending = useRef<{ firstId: string; shift: number } | null>(null);
  const before = shown.current;
  if (virtual && firstId !== undefined && before.firstId !== undefined && before.firstId !== firstId) {
    const at = messages.findIndex((m) => m.message.id === before.firstId);
    if (at > 0 && !stuck.current) {
      // Sizes are cached by message id, so this is the added rows' measured or estimated height.
      virtualizer.getTotalSize(); // brings the list's offsets up to date with the new rows
      const shift = (virtualizer.measurementsCache[at]?.start ?? before.start) - before.start;
      virtualizer.scrollOffset = (virtualizer.scrollOffset ?? 0) + shift;
      // A scroll to a row the list may still be settling (a search result brought into view) is
      // aimed by index, which now names another message: the reader's place is kept here instead.
      virtualizer.cancelScroll();
      pending.current = { firstId, shift };
    }
  }
  shown.current = { firstId, start: virtual ? (virtualizer.measurementsCache[0]?.start ?? 0) : 0 };

  // Where the rows begin in the log, read only when a page was added (reading layout on every
  // render would force it many times a frame while the list scrolls).
  const top = useRef<number | null>(null);
  useLayoutEffect(() => {
    const el = log.current;
    const shift = pending.current;
    if (!el) return;
    if (shift === null || shift.firstId !== firstId) {
      if (top.current === null && firstId !== undefined) top.current = rowsTop(el);
      return;
    }
    pending.current = null;
    const was = top.current ?? rowsTop(el);
    top.current = rowsTop(el);
    const by = shift.shift + top.current - was;
    el.scrollTop += by;
    onShift(by);
  }, [firstId, log, onShift]);
}
