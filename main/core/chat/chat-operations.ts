// Sending, retrying and stopping an answer, and answering the model's request for confirmation.
import type { Handlers } from '../core-types';
import type { ChatService } from './chat-service';

export function chatOperations(chat: ChatService) {
  return {
    sendMessage: ({ conversationId, text, attachments }) => chat.send(conversationId, text, 'chat', attachments),
    retry: ({ conversationId }) => chat.retry(conversationId),
    stop: ({ conversationId }) => chat.stop(conversationId),
    async answerConfirmation({ id, confirmed }) {
      chat.answerConfirmation(id, confirmed);
    },
  } satisfies Partial<Handlers>;
}
