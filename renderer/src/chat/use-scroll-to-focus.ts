// Brings a search result's message into view when the log opens at it: the virtual list is told to
// scroll to its row (centred). Until that has settled (a few frames, as rows are measured), the
// log must not page older or newer messages in: the rows it sees in between are not where it is.
import type { Virtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useState, type RefObject } from 'react';
import type { ViewMessage } from './chat-state';

interface Options {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  messages: ViewMessage[];
  focusId: string | null;
  virtual: boolean;
  log: RefObject<HTMLDivElement | null>;
  /** Told after each move to the message, so the jump is not taken for the reader flinging the log. */
  onJump(): void;
}

/** Frames the list gets to measure the rows around the message and land on it. */
const SETTLE_FRAMES = 6;

/** Returns whether the log is settled: no message to bring into view, or it is in view. */
export function useScrollToFocus({ virtualizer, messages, focusId, virtual, log, onJump }: Options): boolean {
  const [settled, setSettled] = useState<string | null>(null);
  const index = focusId === null ? -1 : messages.findIndex((m) => m.message.id === focusId);
  const ready = index !== -1;
  useLayoutEffect(() => {
    if (focusId === null || !ready) return;
    let frames = 0;
    let handle = 0;
    const step = () => {
      const at = messages.findIndex((m) => m.message.id === focusId);
      if (virtual) virtualizer.scrollToIndex(at, { align: 'center' });
      else log.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'center' });
      onJump();
      if (++frames < SETTLE_FRAMES) handle = requestAnimationFrame(step);
      else setSettled(focusId);
    };
    step();
    return () => cancelAnimationFrame(handle);
    // Once per message opened at; later changes to the list (pages loaded) must not scroll back.
  }, [focusId, ready]);
  return focusId === null || settled === focusId;
}
