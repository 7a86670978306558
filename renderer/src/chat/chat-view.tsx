// The Chat screen: conversations on the side, the open one with its composer in the middle.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationSummary, KeyStatus, Settings } from '../../../common/contract';
import { useAide } from '../aide-context';
import { ConfirmDialog } from '../components/confirm-dialog';
import { errorText } from '../error-text';
import { isStreaming } from './chat-state';
import { ChatError } from './chat-error';
import { Composer } from './composer';
import { needsKey } from '../onboarding/needs-key';
import { OnboardingCard } from '../onboarding/onboarding-card';
import { ConversationList } from './conversation-list';
import { ConversationSettings } from './conversation-settings';
import { titleOf } from './conversation-item';
import { MessageLog } from './message-log';
import { useChat } from './use-chat';
import { useConversations } from './use-conversations';

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
  const { open, reload } = chat;
  const { refresh } = conversations;
  const [failure, setFailure] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ConversationSummary | null>(null);
  /** The conversation whose settings panel is open. */
  const [configuring, setConfiguring] = useState<string | null>(null);
  /** Set once a key was saved from the first-run card, until the first message goes out. */
  const [welcomed, setWelcomed] = useState(false);

  const attempt = useCallback(async (action: () => Promise<void>, what: string): Promise<boolean> => {
    setFailure(null);
    try {
      await action();
      return true;
    } catch (error) {
      setFailure(`${what}: ${errorText(error)}`);
      return false;
    }
  }, []);

  // Opening the app shows the conversation the user was last in.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || conversations.list === null) return;
    started.current = true;
    const newest = conversations.list[0];
    if (newest) void attempt(() => open(newest.id), 'Could not open the conversation');
  }, [conversations.list, open, attempt]);

  // "Open in Aide" from the quick-ask popup: its conversation is new, so the sidebar is fetched too.
  useEffect(
    () =>
      api.on('conversationRequested', ({ id }) => {
        started.current = true;
        onReveal();
        void attempt(async () => {
          await Promise.all([refresh(), open(id)]);
        }, 'Could not open the conversation');
      }),
    [api, onReveal, refresh, open, attempt],
  );

  // Events sent while the connection was down are lost; the stored state is what counts.
  useEffect(() => {
    if (reconnects === 0) return;
    void refresh();
    void attempt(reload, 'Could not reload the conversation');
  }, [reconnects, refresh, reload, attempt]);

  const { loadOlder } = chat;
  const onLoadOlder = useCallback(() => void attempt(loadOlder, 'Could not load older messages'), [attempt, loadOlder]);

  const rename = (id: string, title: string) =>
    attempt(async () => conversations.upsert(await api.renameConversation({ id, title })), 'Could not rename');

  const confirmDelete = async () => {
    if (!deleting) return;
    const { id } = deleting;
    setDeleting(null);
    await attempt(async () => {
      await api.deleteConversation({ id });
      conversations.remove(id);
      if (chat.state.conversationId === id) {
        const next = conversations.list?.find((c) => c.id !== id);
        await open(next?.id ?? null);
      }
    }, 'Could not delete');
  };

  const { state } = chat;
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
        onDelete={setDeleting}
      />
      <section className="chat-main" aria-label="Chat">
        {openSummary && (
          <div className="chat-header">
            {openSummary.model && (
              <span className="chat-model" title="This conversation’s model">
                Model: {openSummary.model}
              </span>
            )}
            <button
              type="button"
              className="icon"
              aria-expanded={configuring === openSummary.id}
              onClick={() => setConfiguring((id) => (id === openSummary.id ? null : openSummary.id))}
            >
              Conversation settings
            </button>
          </div>
        )}
        {openSummary && configuring === openSummary.id && (
          <ConversationSettings
            key={openSummary.id}
            conversation={openSummary}
            defaultModel={settings?.model ?? null}
            onSaved={conversations.upsert}
            onClose={() => setConfiguring(null)}
          />
        )}
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
        {failure && (
          <div role="alert" className="alert">
            <p>{failure}</p>
          </div>
        )}
        <Composer
          streaming={isStreaming(state)}
          onSend={(text) => attempt(() => chat.send(text), 'Your message was not sent')}
          onStop={() => void attempt(chat.stop, 'Could not stop')}
        />
      </section>
      {deleting && (
        <ConfirmDialog title="Delete conversation?" onConfirm={confirmDelete} onCancel={() => setDeleting(null)}>
          <p>“{titleOf(deleting)}” and all its messages will be deleted for good.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
