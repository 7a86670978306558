// The `Search conversations` box's operations: the search itself, and the page of messages around
// a hit, so a conversation opens at that message however far back it is.
import type { Handlers } from '../../core-types';
import type { ConversationStore } from '../conversation-store';
import type { SearchService } from './search-service';

export function searchOperations({
  search,
  conversations,
}: {
  search: SearchService;
  conversations: ConversationStore;
}) {
  return {
    async searchConversations({ query, from, to, model, limit }) {
      try {
        return await search.search({ query, limit, ...(from && { from }), ...(to && { to }), ...(model && { model }) });
      } catch {
        throw new Error('Search is not available right now. Try again in a moment.');
      }
    },
    getMessagesAround: async ({ id, messageId, before, after }) => conversations.around(id, messageId, before, after),
  } satisfies Partial<Handlers>;
}
