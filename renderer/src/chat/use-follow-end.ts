// Keeps the message log on its newest line while an answer streams, until the user scrolls up.
// (Keeping the reader's place when older messages are put in front is use-keep-place's.)
import { useLayoutEffect, type RefObject } from 'react';
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
}

/** Returns the log's scroll handler. */
export function useFollowEnd({ log, stuck, messages, conversationId, focusId }: Options): () => void {
  // Opening a chat or sending a message brings the user back to the newest line. The newest
  // question, not the number of them: an older page put in front adds questions too, and must
  // leave the reader where they are.
  const asked = messages.findLast((m) => m.message.role === 'user')?.message.id;
  useLayoutEffect(() => {
    stuck.current = focusId === null;
  }, [conversationId, asked, stuck, focusId]);
  // After every render (new text, newly measured heights): follow the end if pinned. Only then:
  // reading the log's height forces a layout, many times a frame while the list scrolls.
  useLayoutEffect(() => {
    const el = log.current;
    if (el && stuck.current && el.scrollHeight - el.scrollTop - el.clientHeight > 1) el.scrollTop = el.scrollHeight;
  });
  return () => {
    const el = log.current;
    if (el) stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight < slack;
  };
}
