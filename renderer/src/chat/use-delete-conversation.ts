// Deleting a conversation after the user confirmed it; deleting the open one opens the next.
import { useState } from 'react';
import type { ConversationSummary } from '../../../common/contract';
import { useAide } from '../aide-context';
import type { Attempt } from '../use-attempt';
import type { Chat } from './use-chat';
import type { Conversations } from './use-conversations';

export interface DeleteConversation {
  /** The conversation waiting for the user's confirmation. */
  deleting: ConversationSummary | null;
  ask(conversation: ConversationSummary): void;
  cancel(): void;
  confirm(): Promise<void>;
}

export function useDeleteConversation(
  conversations: Conversations,
  chat: Chat,
  attempt: Attempt['attempt'],
): DeleteConversation {
  const api = useAide();
  const [deleting, setDeleting] = useState<ConversationSummary | null>(null);

  const confirm = async () => {
    if (!deleting) return;
    const { id } = deleting;
    setDeleting(null);
    await attempt(async () => {
      await api.deleteConversation({ id });
      conversations.remove(id);
      if (chat.state.conversationId === id) {
        const next = conversations.list?.find((c) => c.id !== id);
        await chat.open(next?.id ?? null);
      }
    }, 'Could not delete');
  };

  return { deleting, ask: setDeleting, cancel: () => setDeleting(null), confirm };
}
