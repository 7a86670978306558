// Keeps the message log on its newest line while an answer streams, until the user scrolls up.
// (Keeping the reader's place when older messages are put in front is use-keep-place's.)
import { useEffect, useLayoutEffect, type RefObject } from 'react';
import type { ViewMessage } from './chat-state';

/** How close to the end (px) still counts as "at the newest line". */
const slack = 48;

interface Options {
  log: RefObject<HTMLDivElement | null>;
  /** Set here: whether the log is pinned to its newest line. */
  stuck: RefObject<boolean>;
  messages: ViewMessage[];
  conversationId: string | null;
  /** A search result's message the log opened at: it stays put there instead of following the end. */
  focusId: string | null;
  /** The log's height as the list last saw it: changes when the log is shown again or resized. */
  viewHeight: number;
}

/** Returns the log's scroll handler. */
export function useFollowEnd({ log, stuck, messages, conversationId, focusId, viewHeight }: Options): () => void {
  // Opening a chat or sending a message brings the user back to the newest line. The newest
  // question, not the number of them: an older page put in front adds questions too, and must
  // leave the reader where they are.
  const asked = messages.findLast((m) => m.message.role === 'user')?.message.id;
  useLayoutEffect(() => {
    stuck.current = focusId === null;
  }, [conversationId, asked, stuck, focusId]);
  // New text or messages, or the log shown again: follow the end at once if pinned.
  useLayoutEffect(() => follow(log.current, stuck), [messages, viewHeight, log, stuck]);
  // Heights measured later (the list re-measuring a growing answer) and the log shown again or
  // resized are followed once the browser has laid them out: reading the scroll height after each
  // of those renders would force a layout of the whole answer every frame.
  useEffect(() => {
    const el = log.current;
    const rows = el?.querySelector(':scope > .message-rows');
    if (!el || !rows || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => follow(el, stuck));
    observer.observe(el);
    observer.observe(rows);
    return () => observer.disconnect();
  }, [log, stuck]);
  return () => {
    const el = log.current;
    if (el) stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight < slack;
  };
}

function follow(el: HTMLDivElement | null, stuck: RefObject<boolean>): void {
  if (el && stuck.current && el.scrollHeight - el.scrollTop - el.clientHeight > 1) el.scrollTop = el.scrollHeight;
}
