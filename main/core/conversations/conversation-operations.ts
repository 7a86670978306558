// The conversation list and each conversation's pages, title, model and instructions.
import type { AttachmentStore } from '../attachments/attachment-store';
import type { ChatService } from '../chat/chat-service';
import type { Handlers } from '../core-types';
import type { Emit } from '../event-bus';
import type { SettingsService } from '../settings-service';
import type { UsageService } from '../usage/usage-service';
import type { ConversationStore } from './conversation-store';

export interface ConversationsFeature {
  conversations: ConversationStore;
  settings: SettingsService;
  chat: ChatService;
  usage: UsageService;
  emit: Emit;
  /** The conversation's attachments go with it (unless another conversation carries them too). */
  attachments?: AttachmentStore;
}

export function conversationOperations({
  conversations,
  settings,
  chat,
  usage,
  emit,
  attachments,
}: ConversationsFeature) {
  const listChanged = () => emit('conversationsChanged', conversations.list());
  return {
    listConversations: async () => conversations.list(),
    async createConversation() {
      const summary = await conversations.create();
      settings.update({ lastConversationId: summary.id });
      listChanged();
      return summary;
    },
    async getConversation({ id, limit }) {
      const conversation = await conversations.page(id, limit === undefined ? {} : { limit });
      if (conversation) settings.update({ lastConversationId: id });
      return conversation;
    },
    async getOlderMessages({ id, before, limit }) {
      const page = await conversations.page(id, { before, limit });
      return page && { messages: page.messages, olderCount: page.olderCount ?? 0 };
    },
    async renameConversation({ id, title }) {
      const summary = await conversations.rename(id, title);
      listChanged();
      // The Usage view lists spending per conversation by title.
      usage.changed();
      return summary;
    },
    async updateConversation({ id, model, systemPrompt }) {
      const summary = await conversations.update(id, {
        ...(model !== undefined && { model }),
        ...(systemPrompt !== undefined && { systemPrompt }),
      });
      listChanged();
      return summary;
    },
    async deleteConversation({ id }) {
      await chat.stop(id);
      await conversations.delete(id);
      await attachments?.forget(id);
      listChanged();
      usage.changed();
    },
  } satisfies Partial<Handlers>;
}
