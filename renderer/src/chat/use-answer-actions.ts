// What the composer and the error line do with the open conversation: send a message, stop the
// answer being streamed, ask for the failed answer again.
import { useCallback } from 'react';
import type { ConversationSummary } from '../../../common/contract';
import type { ChatWiring } from './chat-wiring';

export function useSend(
  { api, dispatch, current }: ChatWiring,
  open: (id: string | null) => Promise<void>,
  onCreated: (summary: ConversationSummary) => void,
) {
  return useCallback(
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
}

export function useStopAnswer({ api, current }: ChatWiring) {
  return useCallback(async () => {
    const { conversationId } = current.current;
    if (conversationId !== null) await api.stop({ conversationId });
  }, [api]);
}

export function useRetry({ api, dispatch, current }: ChatWiring) {
  return useCallback(async () => {
    const { conversationId } = current.current;
    if (conversationId === null) return;
    const { assistantMessageId } = await api.retry({ conversationId });
    dispatch({ type: 'retrying', conversationId, assistantMessageId });
  }, [api]);
}
