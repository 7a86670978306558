// The Chat screen's middle: the open conversation's bar, its messages, errors and the composer,
// the first-run card while no key is set, and files dropped on it as attachments.
import { useCallback, useState, type DragEvent } from 'react';
import type { KeyStatus, Settings } from '../../../common/contract';
import type { ComposerAttachments } from '../attachments/use-attachments';
import { Alert } from '../components/alert';
import { needsKey } from '../onboarding/needs-key';
import { OnboardingCard } from '../onboarding/onboarding-card';
import type { Attempt } from '../use-attempt';
import { isStreaming } from './chat-state';
import { ChatError } from './chat-error';
import { Composer } from './composer';
import { ConversationBar } from './conversation-bar';
import { MessageLog } from './message-log';
import type { Chat } from './use-chat';
import type { Conversations } from './use-conversations';

interface Props {
  chat: Chat;
  conversations: Conversations;
  attempt: Attempt['attempt'];
  failure: string | null;
  attachments: ComposerAttachments;
  hidden: boolean;
  settings: Settings | null;
  onOpenSettings(focus?: 'apiKey' | 'baseUrl'): void;
  onOpenUsage(): void;
  onKeySaved(status: KeyStatus): void;
}

export function ChatMain({
  chat,
  conversations,
  attempt,
  failure,
  attachments,
  hidden,
  settings,
  onOpenSettings,
  onOpenUsage,
  onKeySaved,
}: Props) {
  const { state, loadOlder, loadNewer } = chat;
  const onLoadOlder = useCallback(
    (limit?: number) => attempt(() => loadOlder(limit), 'Could not load older messages'),
    [attempt, loadOlder],
  );
  const onLoadNewer = useCallback(() => attempt(loadNewer, 'Could not load newer messages'), [attempt, loadNewer]);

  const openSummary = conversations.list?.find((c) => c.id === state.conversationId) ?? null;
  const empty = !state.loading && state.messages.length === 0;
  const onboarding = !hidden && empty && needsKey(settings);
  return (
    <section
      className="chat-main"
      aria-label="Chat"
      onDragOver={allowFileDrop}
      onDrop={(e) => dropFiles(e, attachments.add)}
    >
      <ConversationBar summary={openSummary} defaultModel={settings?.model ?? null} onSaved={conversations.upsert} />
      <FirstRun
        onboarding={onboarding}
        empty={empty}
        onKeySaved={onKeySaved}
        onUseLocalModel={() => onOpenSettings('baseUrl')}
      />
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
  );
}

/** The first-run card while no key is set; once a key is saved from it, a line saying what to do next. */
function FirstRun({
  onboarding,
  empty,
  onKeySaved,
  onUseLocalModel,
}: {
  onboarding: boolean;
  empty: boolean;
  onKeySaved(status: KeyStatus): void;
  onUseLocalModel(): void;
}) {
  /** Set once a key was saved from the first-run card, until the first message goes out. */
  const [welcomed, setWelcomed] = useState(false);
  const keySaved = (status: KeyStatus) => {
    onKeySaved(status);
    setWelcomed(true);
  };
  return (
    <>
      {onboarding && <OnboardingCard onKeySaved={keySaved} onUseLocalModel={onUseLocalModel} />}
      {welcomed && !onboarding && empty && (
        <p role="status" className="ok welcome">
          Key saved. Ask Aide anything below.
        </p>
      )}
    </>
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
