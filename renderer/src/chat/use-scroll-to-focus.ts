// Brings a search result's message into view when the log opens at it: the virtual list is told to
// scroll to its row (centred), and keyboard focus moves to the log so arrow keys scroll from there.
import type { Virtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { ViewMessage } from './chat-state';

interface Options {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  messages: ViewMessage[];
  focusId: string | null;
  virtual: boolean;
  log: RefObject<HTMLDivElement | null>;
}

export function useScrollToFocus({ virtualizer, messages, focusId, virtual, log }: Options): void {
  const shown = useRef<string | null>(null);
  const index = focusId === null ? -1 : messages.findIndex((m) => m.message.id === focusId);
  useLayoutEffect(() => {
    if (focusId === null || index === -1 || shown.current === focusId) return;
    shown.current = focusId;
    if (virtual) virtualizer.scrollToIndex(index, { align: 'center' });
    else log.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'center' });
  }, [focusId, index, virtual, virtualizer, log]);
  if (focusId === null) shown.current = null;
}
