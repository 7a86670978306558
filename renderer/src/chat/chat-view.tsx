// The Chat screen: conversations on the side, the open one with its composer in the middle.
import { useCallback, useState, type DragEvent } from 'react';
import type { KeyStatus, Settings } from '../../../common/contract';
import type { SearchHit } from '../../../common/conversation-search-contract';
import { useAide } from '../aide-context';
import { useAttachments } from '../attachments/use-attachments';
import { Alert } from '../components/alert';
import { ConfirmDialog } from '../components/confirm-dialog';
import { needsKey } from '../onboarding/needs-key';
import { OnboardingCard } from '../onboarding/onboarding-card';
import { useAttempt } from '../use-attempt';
import { isStreaming } from './chat-state';
import { ChatError } from './chat-error';
import { Composer } from './composer';
import { ConversationBar } from './conversation-bar';
import { titleOf } from './conversation-item';
import { ConversationList } from './conversation-list';
import { ConversationSearchBox } from './conversation-search';
import { MessageLog } from './message-log';
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
  const { open, openAt, loadOlder, loadNewer, state } = chat;
  const { failure, attempt } = useAttempt();
  useChatSync({ conversations, chat, attempt, reconnects, onReveal });
  const deletion = useDeleteConversation(conversations, chat, attempt);
  /** Set once a key was saved from the first-run card, until the first message goes out. */
  const [welcomed, setWelcomed] = useState(false);
  const attachments = useAttachments();

  const onLoadOlder = useCallback(
    (limit?: number) => attempt(() => loadOlder(limit), 'Could not load older messages'),
    [attempt, loadOlder],
  );
  const onLoadNewer = useCallback(() => attempt(loadNewer, 'Could not load newer messages'), [attempt, loadNewer]);
  const openHit = (hit: SearchHit) =>
    void attempt(() => openAt(hit.conversationId, hit.messageId), 'Could not open the conversation');

  const rename = (id: string, title: string) =>
    attempt(async () => conversations.upsert(await api.renameConversation({ id, title })), 'Could not rename');

  const openSummary = conversations.list?.find((c) => c.id === state.conversationId) ?? null;
  const empty = !state.loading && state.messages.length === 0;
  const onboarding = !hidden && empty && needsKey(settings);
  const keySaved = (status: KeyStatus) => {
    onKeySaved(status);
    setWelcomed(true);
  };
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
      <section
        className="chat-main"
        aria-label="Chat"
        onDragOver={allowFileDrop}
        onDrop={(e) => dropFiles(e, attachments.add)}
      >
        <ConversationBar summary={openSummary} defaultModel={settings?.model ?? null} onSaved={conversations.upsert} />
        {onboarding && <OnboardingCard onKeySaved={keySaved} onUseLocalModel={() => onOpenSettings('baseUrl')} />}
        {welcomed && !onboarding && empty && (
          <p role="status" className="ok welcome">
            Key saved. Ask Aide anything below.
          </p>
        )}
        <MessageLog
          conversationId={state.conversationId}
          messages={state.messages}
          olderCount={state.olderCount}
          onLoadOlder={onLoadOlder}
          newerCount={state.newerCount}
          onLoadNewer={onLoadNewer}
          focusId={state.focusId}
          loading={state.loading}
          hideEmpty={onboarding}
        />
        {state.error && (
          <ChatError
            error={state.error}
            onRetry={() => void attempt(chat.retry, 'Could not retry')}
            onOpenSettings={() => onOpenSettings(state.error?.code === 'auth' ? 'apiKey' : undefined)}
            onOpenUsage={onOpenUsage}
          />
        )}
        <Alert message={failure} />
        <Composer
          streaming={isStreaming(state)}
          attachments={attachments}
          onSend={(text) => attempt(() => chat.send(text, attachments.ids()), 'Your message was not sent')}
          onStop={() => void attempt(chat.stop, 'Could not stop')}
        />
      </section>
      {deletion.deleting && (
        <ConfirmDialog title="Delete conversation?" onConfirm={deletion.confirm} onCancel={deletion.cancel}>
          <p>“{titleOf(deletion.deleting)}” and all its messages will be deleted for good.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** Files dragged over the chat may be dropped on it (text and links keep the browser's own handling). */
function allowFileDrop(event: DragEvent) {
  if (event.dataTransfer.types.includes('Files')) event.preventDefault();
}

function dropFiles(event: DragEvent, add: (files: File[]) => void) {
  if (event.dataTransfer.files.length === 0) return;
  event.preventDefault();
  add([...event.dataTransfer.files]);
}
