// One message in the conversation log: the user's text as typed, the assistant's as Markdown.
// Memoised: a finished message is rendered once, however long the answer below it streams.
import { memo } from 'react';
import { MessageAttachments } from '../attachments/message-attachments';
import type { ViewMessage } from './chat-state';
import { LazyMarkdown } from './lazy-markdown';
import { MessageStatus } from './message-status';
import { ToolCardView } from './tool-card';

export const MessageItem = memo(function MessageItem({ view }: { view: ViewMessage }) {
  const { message, streaming } = view;
  const mine = message.role === 'user';
  const omitted = message.contextOmitted ?? 0;
  return (
    <div className={`message ${message.role}`}>
      {!mine && omitted > 0 && <p className="context-note">{omittedText(omitted)}</p>}
      <span className="sr-only">{mine ? 'You:' : 'Aide:'}</span>
      {message.cards && message.cards.length > 0 && (
        <div className="tool-cards">
          {message.cards.map((card, index) => (
            <ToolCardView key={index} card={card} />
          ))}
        </div>
      )}
      {mine && message.attachments && message.attachments.length > 0 && (
        <MessageAttachments attachments={message.attachments} />
      )}
      {mine ? (
        <p className="user-text">{message.content}</p>
      ) : (
        <LazyMarkdown text={message.content} streaming={streaming} />
      )}
      <MessageStatus view={view} />
    </div>
  );
});

export function omittedText(count: number): string {
  return count === 1
    ? "1 older message was left out to fit the model's context."
    : `${count} older messages were left out to fit the model's context.`;
}
