// Connects the open conversation to `window.aide`: loading it, sending, stopping, retrying,
// and folding the streamed events into chat-state. Each of those is a hook of its own; this joins them.
import { useCallback, useReducer, useRef } from 'react';
import type { ConversationSummary } from '../../../common/contract';
import { useAide } from '../aide-context';
import { chatReducer, emptyChat, type ChatState } from './chat-state';
import type { ChatWiring } from './chat-wiring';
import { useRetry, useSend, useStopAnswer } from './use-answer-actions';
import { useChatStream } from './use-chat-stream';
import { useLoadNewer, useLoadOlder } from './use-message-pages';
import { useOpenConversation } from './use-open-conversation';

export interface Chat {
  state: ChatState;
  open(id: string | null): Promise<void>;
  /** Fetches the open conversation again, e.g. after events may have been missed. */
  reload(): Promise<void>;
  /** Opens a conversation at one of its messages (a search result), however far back it is. */
  openAt(id: string, messageId: string): Promise<void>;
  /** Loads the page of messages before the first one shown (scrolling up a long chat); `limit` messages (a fast scroll asks for more). */
  loadOlder(limit?: number): Promise<void>;
  /** Loads the page after the last one shown (scrolling down from a search result). */
  loadNewer(): Promise<void>;
  /** Resolves once main stored the message (with the attachments' ids); rejects (and changes nothing) if it could not. */
  send(text: string, attachments?: string[]): Promise<void>;
  stop(): Promise<void>;
  retry(): Promise<void>;
}

export function useChat(onCreated: (summary: ConversationSummary) => void): Chat {
  const api = useAide();
  const [state, dispatch] = useReducer(chatReducer, emptyChat);
  // Async actions need the conversation open when they finish, not when they started.
  const current = useRef(state);
  current.current = state;
  const wiring: ChatWiring = { api, dispatch, current };

  useChatStream(api, dispatch);
  const { open, openAt } = useOpenConversation(wiring);
  const loadNewer = useLoadNewer(wiring);
  const reload = useCallback(() => open(current.current.conversationId), [open]);
  const loadOlder = useLoadOlder(wiring);
  const send = useSend(wiring, open, onCreated);
  const stop = useStopAnswer(wiring);
  const retry = useRetry(wiring);

  return { state, open, openAt, reload, loadOlder, loadNewer, send, stop, retry };
}
