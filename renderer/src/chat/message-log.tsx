// The conversation's messages, in the `log` screen readers announce as answers grow.
import { useRef } from 'react';
import type { ViewMessage } from './chat-state';
import { MessageItem } from './message-item';
import { useStickToBottom } from './use-stick-to-bottom';

interface Props {
  conversationId: string | null;
  messages: ViewMessage[];
  loading: boolean;
  /** Leave out the "No messages yet" line (the first-run card says what to do instead). */
  hideEmpty?: boolean;
}

export function MessageLog({ conversationId, messages, loading, hideEmpty = false }: Props) {
  const log = useRef<HTMLDivElement>(null);
  // Opening a chat or sending a message brings the user back to the newest line.
  const asked = messages.filter((m) => m.message.role === 'user').length;
  const onScroll = useStickToBottom(log, messages, `${conversationId}:${asked}`);
  return (
    // Focusable so keyboard users can scroll a long answer.
    <div ref={log} role="log" aria-label="Conversation" className="message-log" tabIndex={0} onScroll={onScroll}>
      {loading && <p className="empty">Loading…</p>}
      {!loading && !hideEmpty && messages.length === 0 && (
        <p className="empty">No messages yet. Ask Aide anything to start.</p>
      )}
      {messages.map((view) => (
        <MessageItem key={view.message.id} view={view} />
      ))}
    </div>
  );
}
