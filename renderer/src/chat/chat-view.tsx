// The Chat screen: conversations on the side, the open one with its composer in the middle.
import type { KeyStatus, Settings } from '../../../common/contract';
import type { SearchHit } from '../../../common/conversation-search-contract';
import { useAide } from '../aide-context';
import { useAttachments } from '../attachments/use-attachments';
import { ConfirmDialog } from '../components/confirm-dialog';
import { useAttempt } from '../use-attempt';
import { ChatMain } from './chat-main';
import { titleOf } from './conversation-item';
import { ConversationList } from './conversation-list';
import { ConversationSearchBox } from './conversation-search';
import { useChat } from './use-chat';
import { useChatSync } from './use-chat-sync';
import { useConversations } from './use-conversations';
import { useDeleteConversation } from './use-delete-conversation';

interface Props {
  hidden: boolean;
  /** Changes each time the connection to main is back after a drop. */
  reconnects: number;
  /** The app's settings (null while loading): the first-run card and the default model read them. */
  settings: Settings | null;
  /** Settings, with the cursor in `focus` ("apiKey" after a rejected key, "baseUrl" for a local model). */
  onOpenSettings(focus?: 'apiKey' | 'baseUrl'): void;
  onOpenUsage(): void;
  onKeySaved(status: KeyStatus): void;
  /** Brings the Chat screen to the front. */
  onReveal(): void;
}

export function ChatView({ hidden, reconnects, settings, onOpenSettings, onOpenUsage, onKeySaved, onReveal }: Props) {
  const api = useAide();
  const conversations = useConversations();
  const chat = useChat(conversations.upsert);
  const { open, openAt, state } = chat;
  const { failure, attempt } = useAttempt();
  useChatSync({ conversations, chat, attempt, reconnects, onReveal });
  const deletion = useDeleteConversation(conversations, chat, attempt);
  const attachments = useAttachments();

  const openHit = (hit: SearchHit) =>
    void attempt(() => openAt(hit.conversationId, hit.messageId), 'Could not open the conversation');
  const rename = (id: string, title: string) =>
    attempt(async () => conversations.upsert(await api.renameConversation({ id, title })), 'Could not rename');
  return (
    <div className="chat" hidden={hidden}>
      <ConversationList
        list={conversations.list}
        selectedId={state.conversationId}
        onNew={() => void attempt(() => open(null), 'Could not start a chat')}
        onOpen={(id) => void attempt(() => open(id), 'Could not open the conversation')}
        onRename={rename}
        onDelete={deletion.ask}
        top={<ConversationSearchBox onOpen={openHit} onReveal={onReveal} />}
      />
      <ChatMain
        chat={chat}
        conversations={conversations}
        attempt={attempt}
        failure={failure}
        attachments={attachments}
        hidden={hidden}
        settings={settings}
        onOpenSettings={onOpenSettings}
        onOpenUsage={onOpenUsage}
        onKeySaved={onKeySaved}
      />
      {deletion.deleting && (
        <ConfirmDialog title="Delete conversation?" onConfirm={deletion.confirm} onCancel={deletion.cancel}>
          <p>“{titleOf(deletion.deleting)}” and all its messages will be deleted for good.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
