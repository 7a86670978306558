// Opening a conversation: at its newest page, or at a search result's message however far back.
import { useCallback } from 'react';
import { PAGE_SIZE, type ChatWiring } from './chat-wiring';
import { baselineRender } from './render-mode';

export function useOpenConversation({ api, dispatch, current }: ChatWiring) {
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

  return { open, openAt };
}
