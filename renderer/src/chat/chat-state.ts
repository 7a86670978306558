// The open conversation as the user sees it: stored messages plus the answer being streamed.
// Events are matched by conversation id here, so a late event for another chat changes nothing.
import type { ChatMessage, Conversation, ToolCard, UserError } from '../../../common/contract';

export interface ViewMessage {
  message: ChatMessage;
  streaming: boolean;
  /** A passing note while waiting, e.g. "Rate limited — retrying in 3 s". */
  note: string | null;
}

export interface ChatState {
  conversationId: string | null;
  loading: boolean;
  messages: ViewMessage[];
  /** Earlier messages not loaded yet (a long conversation opens with its newest page). */
  olderCount: number;
  /** Later messages not loaded yet (opened at a search result, further back). */
  newerCount: number;
  /** The message a search result opened the conversation at: scrolled to and highlighted. */
  focusId: string | null;
  error: UserError | null;
}

export type ChatAction =
  | { type: 'opening'; conversationId: string | null }
  | { type: 'loaded'; conversation: Conversation }
  | { type: 'older'; conversationId: string; messages: ChatMessage[]; olderCount: number }
  | { type: 'around'; conversation: Conversation; newerCount: number; focusId: string }
  | { type: 'newer'; conversationId: string; messages: ChatMessage[]; newerCount: number }
  | { type: 'sent'; conversationId: string; userMessage: ChatMessage; assistantMessageId: string }
  | { type: 'retrying'; conversationId: string; assistantMessageId: string }
  | { type: 'delta'; conversationId: string; messageId: string; text: string }
  | { type: 'status'; conversationId: string; messageId: string; status: string | null }
  | { type: 'card'; conversationId: string; messageId: string; card: ToolCard }
  | { type: 'done'; conversationId: string; message: ChatMessage }
  | {
      type: 'failed';
      conversationId: string;
      messageId: string;
      error: UserError;
      message: ChatMessage | null;
    };

export const emptyChat: ChatState = {
  conversationId: null,
  loading: false,
  messages: [],
  olderCount: 0,
  newerCount: 0,
  focusId: null,
  error: null,
};

const placeholder = (id: string): ViewMessage => ({
  message: { id, role: 'assistant', content: '', createdAt: new Date().toISOString(), status: 'complete' },
  streaming: true,
  note: null,
});

const stored = (message: ChatMessage): ViewMessage => ({ message, streaming: false, note: null });

/** The stored message replaces the streamed one; it carries the same cards, but keep the live ones if it has none. */
const settled = (message: ChatMessage, live: ViewMessage): ViewMessage => {
  const cards = message.cards ?? live.message.cards;
  return stored(cards && cards.length > 0 ? { ...message, cards } : message);
};

/** Applies `change` to the message with `id`, first adding a placeholder: events can outrun sendMessage's reply. */
function withMessage(
  messages: ViewMessage[],
  id: string,
  change: (current: ViewMessage) => ViewMessage,
): ViewMessage[] {
  // Searched from the end: events are nearly always about the newest message.
  const index = messages.findLastIndex((m) => m.message.id === id);
  const current = messages[index];
  if (current === undefined) return [...messages, change(placeholder(id))];
  const next = messages.slice();
  next[index] = change(current);
  return next;
}

const ids = (messages: ViewMessage[]): Set<string> => new Set(messages.map((m) => m.message.id));

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  if (action.type === 'opening') {
    return { ...emptyChat, conversationId: action.conversationId, loading: action.conversationId !== null };
  }
  if (action.type === 'loaded') {
    if (state.loading && state.conversationId !== action.conversation.id) return state;
    return {
      ...emptyChat,
      conversationId: action.conversation.id,
      messages: action.conversation.messages.map(stored),
      olderCount: action.conversation.olderCount ?? 0,
    };
  }
  if (action.type === 'around') {
    if (state.conversationId !== action.conversation.id) return state;
    return {
      ...chatReducer(state, { type: 'loaded', conversation: action.conversation }),
      newerCount: action.newerCount,
      focusId: action.focusId,
    };
  }
  if (action.conversationId !== state.conversationId) return state;
  // Viewing a page further back: live events belong after messages not loaded yet, which bring them.
  if (state.newerCount > 0 && action.type !== 'older' && action.type !== 'newer') return state;

  switch (action.type) {
    case 'older': {
      // A page ends where the shown messages begin: only as many of those can repeat it.
      const known = ids(state.messages.slice(0, action.messages.length));
      const older = action.messages.filter((m) => !known.has(m.id)).map(stored);
      return { ...state, messages: [...older, ...state.messages], olderCount: action.olderCount };
    }
    case 'newer': {
      const known = ids(state.messages.slice(-action.messages.length));
      const newer = action.messages.filter((m) => !known.has(m.id)).map(stored);
      return { ...state, messages: [...state.messages, ...newer], newerCount: action.newerCount };
    }
    case 'sent': {
      const user = stored(action.userMessage);
      const answerIndex = state.messages.findIndex((m) => m.message.id === action.assistantMessageId);
      const messages =
        answerIndex === -1
          ? [...state.messages, user, placeholder(action.assistantMessageId)]
          : [...state.messages.slice(0, answerIndex), user, ...state.messages.slice(answerIndex)];
      return { ...state, messages, error: null };
    }
    case 'retrying':
      return {
        ...state,
        error: null,
        messages: withMessage(state.messages, action.assistantMessageId, (m) => m),
      };
    case 'delta':
      return {
        ...state,
        messages: withMessage(state.messages, action.messageId, (m) => ({
          ...m,
          message: { ...m.message, content: m.message.content + action.text },
        })),
      };
    case 'status':
      return {
        ...state,
        messages: withMessage(state.messages, action.messageId, (m) => ({ ...m, note: action.status })),
      };
    case 'card':
      return {
        ...state,
        messages: withMessage(state.messages, action.messageId, (m) => ({
          ...m,
          message: { ...m.message, cards: [...(m.message.cards ?? []), action.card] },
        })),
      };
    case 'done':
      return {
        ...state,
        messages: withMessage(state.messages, action.message.id, (m) => settled(action.message, m)),
      };
    case 'failed': {
      const { message } = action;
      const messages = message
        ? withMessage(state.messages, action.messageId, (m) => settled(message, m))
        : state.messages
            .map((m) =>
              m.message.id === action.messageId
                ? { message: { ...m.message, status: 'error' as const }, streaming: false, note: null }
                : m,
            )
            .filter(
              (m) =>
                m.message.id !== action.messageId || m.message.content !== '' || (m.message.cards?.length ?? 0) > 0,
            );
      return { ...state, messages, error: action.error };
    }
  }
}

export const isStreaming = (state: ChatState): boolean => state.messages.some((m) => m.streaming);
