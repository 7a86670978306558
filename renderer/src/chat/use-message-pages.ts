// Paging a long conversation: the page before the first message shown, or after the last one
// (opened at a search result). One request each way at a time.
import { useCallback, useRef } from 'react';
import { PAGE_SIZE, type ChatWiring } from './chat-wiring';

export function useLoadNewer({ api, dispatch, current }: ChatWiring) {
  const loadingNewer = useRef(false);
  return useCallback(async () => {
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
}

export function useLoadOlder({ api, dispatch, current }: ChatWiring) {
  const loadingOlder = useRef(false);
  return useCallback(
    async (limit = PAGE_SIZE) => {
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
    },
    [api],
  );
}
