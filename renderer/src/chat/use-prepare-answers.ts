// Parses in idle time the finished answers the reader is heading to (the messages above the view,
// nearest first), so reading back draws rows without parsing Markdown in the frame. Not while the
// log is flung: answers flung past are drawn as plain text, and parsing them would only take time
// from the fling's frames.
import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ViewMessage } from './chat-state';
import { prepareAnswers } from './lazy-markdown';

/** Messages above the view whose answers are prepared: two pages of a steady reader's. */
const AHEAD = 200;

interface Options {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  messages: ViewMessage[];
  virtual: boolean;
  flinging: boolean;
}

/** When messages are put in front (a conversation opened, an older page) or a fling ends. */
export function usePrepareAnswers({ virtualizer, messages, virtual, flinging }: Options): void {
  const firstId = messages[0]?.message.id;
  const done = useRef<string | undefined>(undefined);
  useEffect(() => {
    const key = flinging ? 'flinging' : firstId;
    if (!virtual || firstId === undefined || key === done.current) return;
    done.current = key;
    if (flinging) return prepareAnswers([]);
    const end = Math.min(messages.length, virtualizer.range?.startIndex ?? messages.length);
    const answers: string[] = [];
    for (let i = end - 1; i >= Math.max(0, end - AHEAD); i--) {
      const { message, streaming } = messages[i]!;
      if (message.role === 'assistant' && !streaming && message.content !== '') answers.push(message.content);
    }
    prepareAnswers(answers);
  }, [firstId, flinging, messages, virtual, virtualizer]);
}
