// Keeps a scrolling log pinned to its newest line while text streams in, until the user scrolls up to read.
import { useLayoutEffect, useRef, type RefObject } from 'react';

const slack = 48;

export function useStickToBottom(element: RefObject<HTMLElement | null>, content: unknown, reset: unknown) {
  const stuck = useRef(true);

  useLayoutEffect(() => {
    stuck.current = true;
  }, [reset]);

  useLayoutEffect(() => {
    const el = element.current;
    if (el && stuck.current) el.scrollTop = el.scrollHeight;
  }, [element, content]);

  return () => {
    const el = element.current;
    if (el) stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight < slack;
  };
}
