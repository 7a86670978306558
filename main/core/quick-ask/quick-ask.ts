// Asking from the quick-ask popup: a plain reminder or appointment command is added at once by
// quick add (no model, no network, no key); anything else starts a conversation with the model.
import type { QuickAskResult } from '../../../common/contract';
import type { ChatService } from '../chat/chat-service';
import type { ConversationStore } from '../conversations/conversation-store';
import { quickAdd, type QuickAddDeps } from '../quick-add/quick-add';

export interface QuickAskOptions extends QuickAddDeps {
  chat: ChatService;
  conversations: ConversationStore;
}

export async function quickAsk(text: string, options: QuickAskOptions): Promise<QuickAskResult> {
  const offline = quickAdd(text, options);
  if (offline.kind !== 'none') return offline;
  const conversation = await options.conversations.create();
  const sent = await options.chat.send(conversation.id, text, 'quick_ask');
  return { kind: 'chat', conversationId: conversation.id, ...sent };
}
