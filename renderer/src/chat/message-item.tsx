// One message in the conversation log: the user's text as typed, the assistant's as Markdown.
// Memoised: a finished message is rendered once, however long the answer below it streams.
import { memo, useState } from 'react';
import type { ChatMessage } from '../../../common/contract';
import { MessageAttachments } from '../attachments/message-attachments';
import type { ViewMessage } from './chat-state';
import { LazyMarkdown } from './lazy-markdown';
import { MessageStatus } from './message-status';
import { ToolCardView } from './tool-card';

interface Props {
  view: ViewMessage;
  /** The reader is flinging the log past this message: an answer not yet drawn waits as plain text. */
  passing?: boolean;
}

export const MessageItem = memo(function MessageItem({ view, passing = false }: Props) {
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
        <AnswerText message={message} streaming={streaming} passing={passing} />
      )}
      <MessageStatus view={view} />
    </div>
  );
});

/** Answers drawn as Markdown before: their trees are cached, so a fling draws them so again. */
const drawnRich = new WeakSet<ChatMessage>();

/**
 * An answer as Markdown; while the reader flings past it, as plain text until the log slows (a
 * parse in every frame of a fling is what made it stutter). Once Markdown, it stays Markdown: a
 * fling that starts must not change the lines in view.
 */
function AnswerText({ message, streaming, passing }: { message: ChatMessage; streaming: boolean; passing: boolean }) {
  const [rich, setRich] = useState(() => !passing || drawnRich.has(message));
  if (!rich && !passing) setRich(true);
  if (!rich && !streaming) return <p className="plain-answer">{message.content}</p>;
  drawnRich.add(message);
  return <LazyMarkdown text={message.content} streaming={streaming} />;
}

export function omittedText(count: number): string {
  return count === 1
    ? "1 older message was left out to fit the model's context."
    : `${count} older messages were left out to fit the model's context.`;
}
