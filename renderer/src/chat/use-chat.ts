// Connects the open conversation to `window.aide`: loading it, sending, stopping, retrying,
// and folding the streamed events into chat-state.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ConversationSummary } from '../../../common/contract';
import { useAide } from '../aide-context';
import { onChatEvents } from './chat-events';
import { chatReducer, emptyChat, type ChatState } from './chat-state';
import { FrameBatcher } from './frame-batcher';
import { baselineRender } from './render-mode';

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

/** Messages fetched at a time: a long conversation opens with its newest page. */
export const PAGE_SIZE = 100;

export function useChat(onCreated: (summary: ConversationSummary) => void): Chat {
  const api = useAide();
  const [state, dispatch] = useReducer(chatReducer, emptyChat);
  // Async actions need the conversation open when they finish, not when they started.
  const current = useRef(state);
  current.current = state;

  useEffect(() => {
    // Streamed text is drawn at most once per frame; other events wait for the text before them.
    const deltas = new FrameBatcher((p) => dispatch({ type: 'delta', ...p }));
    const off = onChatEvents(
      api,
      (action) => {
        deltas.flush();
        dispatch(action);
      },
      (p) => (baselineRender ? dispatch({ type: 'delta', ...p }) : deltas.push(p)),
    );
    return () => {
      off();
      deltas.flush();
    };
  }, [api]);

  const open = useCallback(
    async (id: string | null) => {
      dispatch({ type: 'opening', conversationId: id });
      if (id === null) return;
      // The benchmarks' baseline loads the whole conversation, as before paging.
      const conversation = await api.getConversation(baselineRender ? { id } : { id, limit: PAGE_SIZE });
      if (conversation) dispatch({ type: 'loaded', conversation });
      else if (current.current.conversationId === id) dispatch({ type: 'opening', conversationId: null });
    },
    [api],
  );

  const openAt = useCallback(
    async (id: string, messageId: string) => {
      dispatch({ type: 'opening', conversationId: id });
      const half = PAGE_SIZE / 2;
      const [conversation, page] = await Promise.all([
        api.getConversation({ id, limit: 1 }),
        api.getMessagesAround({ id, messageId, before: half, after: half }),
      ]);
      if (!conversation || !page) {
        if (current.current.conversationId === id) dispatch({ type: 'opening', conversationId: null });
        return;
      }
      const { messages, olderCount, newerCount } = page;
      dispatch({
        type: 'around',
        conversation: { ...conversation, messages, olderCount },
        newerCount,
        focusId: messageId,
      });
    },
    [api],
  );

  const loadingNewer = useRef(false);
  const loadNewer = useCallback(async () => {
    const { conversationId, messages, newerCount } = current.current;
    const last = messages.at(-1);
    if (conversationId === null || newerCount === 0 || !last || loadingNewer.current) return;
    loadingNewer.current = true;
    try {
      const page = await api.getMessagesAround({
        id: conversationId,
        messageId: last.message.id,
        before: 0,
        after: PAGE_SIZE,
      });
      if (page)
        dispatch({ type: 'newer', conversationId, messages: page.messages.slice(1), newerCount: page.newerCount });
    } finally {
      loadingNewer.current = false;
    }
  }, [api]);

  const reload = useCallback(() => open(current.current.conversationId), [open]);

  const loadingOlder = useRef(false);
  const loadOlder = useCallback(async (limit = PAGE_SIZE) => {
    const { conversationId, messages, olderCount } = current.current;
    const first = messages[0];
    if (conversationId === null || olderCount === 0 || !first || loadingOlder.current) return;
    loadingOlder.current = true;
    try {
      const page = await api.getOlderMessages({ id: conversationId, before: first.message.id, limit });
      if (page) dispatch({ type: 'older', conversationId, ...page });
    } finally {
      loadingOlder.current = false;
    }
  }, [api]);

  const send = useCallback(
    async (text: string, attachments: string[] = []) => {
      let conversationId = current.current.conversationId;
      // Opened further back at a search result: a new message goes after the newest, shown first.
      if (conversationId !== null && current.current.newerCount > 0) await open(conversationId);
      if (conversationId === null) {
        const created = await api.createConversation();
        onCreated(created);
        dispatch({ type: 'loaded', conversation: { ...created, messages: [] } });
        conversationId = created.id;
      }
      const request = attachments.length > 0 ? { conversationId, text, attachments } : { conversationId, text };
      const { userMessage, assistantMessageId } = await api.sendMessage(request);
      dispatch({ type: 'sent', conversationId, userMessage, assistantMessageId });
    },
    [api, onCreated, open],
  );

  const stop = useCallback(async () => {
    const { conversationId } = current.current;
    if (conversationId !== null) await api.stop({ conversationId });
  }, [api]);

  const retry = useCallback(async () => {
    const { conversationId } = current.current;
    if (conversationId === null) return;
    const { assistantMessageId } = await api.retry({ conversationId });
    dispatch({ type: 'retrying', conversationId, assistantMessageId });
  }, [api]);

  return { state, open, openAt, reload, loadOlder, loadNewer, send, stop, retry };
}
