// What the popup did with the last text: a quick-add created offline, a question back ("when?"),
// or a model answer streaming in. The answer is folded with the chat's own reducer.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Response, ToolCard } from '../../../common/contract';
import { useAide } from '../aide-context';
import { onChatEvents } from '../chat/chat-events';
import { chatReducer, emptyChat, isStreaming, type ChatAction, type ChatState } from '../chat/chat-state';
import { errorText } from '../error-text';
import { preloadMarkdown } from '../chat/lazy-markdown';
import { useAttempt } from '../use-attempt';
import { measureStored } from './paint-timing';

export type Outcome =
  | { kind: 'empty' }
  | { kind: 'created'; card: ToolCard; message: string }
  | { kind: 'incomplete'; message: string }
  | { kind: 'chat'; conversationId: string; question: string }
  | { kind: 'failed'; error: string };

export interface QuickAsk {
  outcome: Outcome;
  /** The streamed answer when `outcome` is a chat. */
  chat: ChatState;
  busy: boolean;
  streaming: boolean;
  /** A Stop, Retry, Open in Aide or hide that failed. */
  problem: string | null;
  /** Resolves to the kind of outcome, so the Ask box knows whether to keep its text. */
  ask(text: string): Promise<Outcome['kind'] | null>;
  /** Forgets the last outcome, except an answer still streaming. */
  clear(): void;
  hide(): void;
  stop(): void;
  retry(): void;
  openInAide(): void;
}

const empty: Outcome = { kind: 'empty' };

/** What the popup shows for quickAsk's reply; a chat's answer starts with the events that came first. */
function shown(
  result: Response<'quickAsk'>,
  text: string,
  early: ChatAction[],
  dispatch: (action: ChatAction) => void,
): Outcome {
  if (result.kind === 'chat') {
    preloadMarkdown();
    const { conversationId: id, userMessage, assistantMessageId } = result;
    const at = userMessage.createdAt;
    dispatch({ type: 'loaded', conversation: { id, title: text, createdAt: at, updatedAt: at, messages: [] } });
    dispatch({ type: 'sent', conversationId: id, userMessage, assistantMessageId });
    early.forEach(dispatch);
    return { kind: 'chat', conversationId: id, question: userMessage.content };
  }
  if (result.kind === 'created') measureStored();
  dispatch({ type: 'opening', conversationId: null });
  return result.kind === 'created' ? result : { kind: 'incomplete', message: result.message };
}

export function useQuickAsk(): QuickAsk {
  const api = useAide();
  const [outcome, setOutcome] = useState<Outcome>(empty);
  const [chat, dispatch] = useReducer(chatReducer, emptyChat);
  const [busy, setBusy] = useState(false);
  const { failure: problem, attempt, clearFailure } = useAttempt();
  // Chat events can arrive before quickAsk's reply names their conversation; kept to replay then.
  // Non-null exactly while a quickAsk call is on its way.
  const early = useRef<ChatAction[] | null>(null);
  const streaming = useRef(false);
  streaming.current = isStreaming(chat);
  const conversationId = outcome.kind === 'chat' ? outcome.conversationId : null;

  useEffect(
    () =>
      onChatEvents(api, (action) => {
        early.current?.push(action);
        dispatch(action);
      }),
    [api],
  );

  const ask = useCallback(
    async (text: string): Promise<Outcome['kind'] | null> => {
      if (early.current) return null; // One at a time: a second Enter while waiting does nothing.
      early.current = [];
      setBusy(true);
      clearFailure();
      try {
        const next = shown(await api.quickAsk({ text }), text, early.current, dispatch);
        setOutcome(next);
        return next.kind;
      } catch (error) {
        setOutcome({ kind: 'failed', error: errorText(error) });
        return 'failed';
      } finally {
        early.current = null;
        setBusy(false);
      }
    },
    [api, clearFailure],
  );

  const clear = useCallback(() => {
    clearFailure();
    if (streaming.current) return;
    setOutcome(empty);
    dispatch({ type: 'opening', conversationId: null });
  }, [clearFailure]);

  const hide = () => {
    clear();
    void attempt(() => api.hideQuickAsk(), 'Could not close the popup');
  };

  const stop = () => {
    if (conversationId !== null) void attempt(() => api.stop({ conversationId }), 'Could not stop');
  };

  const retry = () => {
    if (conversationId === null) return;
    void attempt(async () => {
      const { assistantMessageId } = await api.retry({ conversationId });
      dispatch({ type: 'retrying', conversationId, assistantMessageId });
    }, 'Could not retry');
  };

  const openInAide = () => {
    if (conversationId !== null)
      void attempt(() => api.showConversation({ id: conversationId }), 'Could not open Aide');
  };

  return { outcome, chat, busy, streaming: streaming.current, problem, ask, clear, hide, stop, retry, openInAide };
}
