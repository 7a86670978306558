// What the model is sent of a conversation: the system message (with the conversation's own
// instructions) and the stored turns, past tool results summarised from their cards.
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ChatMessage, Conversation } from '../../../common/contract';

export interface History {
  messages: ChatCompletionMessageParam[];
  /** The id of the last user message: a retried turn keeps it, so its creations are not made twice. */
  turnKey: string;
  /** What the offline parser reads when the model cannot answer. */
  lastUserText: string;
}

/**
 * `parts` holds, by message id, what a user message's attachments add (pictures, documents' text):
 * such a message is sent as its text followed by those parts.
 */
export function historyOf(
  conversationId: string,
  conversation: Conversation | null,
  systemPrompt: string,
  parts: ReadonlyMap<string, ChatCompletionContentPart[]> = new Map(),
): History {
  const instructions = conversation?.systemPrompt?.trim();
  const messages: ChatCompletionMessageParam[] = [
    {
      role: 'system',
      content: instructions
        ? `${systemPrompt}\n\nThe user's custom instructions for this conversation:\n${instructions}`
        : systemPrompt,
    },
  ];
  let turnKey = conversationId;
  let lastUserText = '';
  for (const m of conversation?.messages ?? []) {
    if (m.status === 'error' || (m.role === 'assistant' && m.content === '' && !m.cards?.length)) continue;
    if (m.role === 'user') {
      turnKey = m.id;
      lastUserText = m.content;
    }
    const attached = m.role === 'user' ? parts.get(m.id) : undefined;
    // A message of attachments alone goes without an empty text part.
    const text: ChatCompletionContentPart[] = m.content === '' ? [] : [{ type: 'text', text: m.content }];
    if (attached) messages.push({ role: 'user', content: [...text, ...attached] });
    else messages.push({ role: m.role, content: m.role === 'assistant' ? withCardSummary(m) : m.content });
  }
  return { messages, turnKey, lastUserText };
}

/** Past answers carry their tool results only as cards; a one-line summary keeps the model aware of them. */
function withCardSummary(message: ChatMessage): string {
  const lines = (message.cards ?? [])
    .filter((card) => card.action !== 'listed' && card.items.length > 0)
    .map(
      (card) =>
        `[${card.action} ${card.items.map((i) => `${i.kind} "${i.title}" (id ${i.id}) at ${i.when}`).join(', ')}]`,
    );
  return lines.length === 0 ? message.content : `${message.content}\n\n${lines.join('\n')}`.trim();
}
