// The model's answer in the popup: streamed in place as Markdown, with Stop, Retry after an
// error, and `Open in Aide` to carry on in the main window.
import { useRef } from 'react';
import type { ChatState } from '../chat/chat-state';
import { ToolCardView } from '../chat/tool-card';
import { useStickToBottom } from '../chat/use-stick-to-bottom';
import { LazyMarkdown } from '../chat/lazy-markdown';

interface Props {
  question: string;
  chat: ChatState;
  streaming: boolean;
  onStop(): void;
  onRetry(): void;
  onOpenInAide(): void;
}

const endings = { complete: null, stopped: 'Stopped', error: 'Answer incomplete' } as const;

export function QuickAskAnswer({ question, chat, streaming, onStop, onRetry, onOpenInAide }: Props) {
  const log = useRef<HTMLDivElement>(null);
  const answers = chat.messages.filter((m) => m.message.role === 'assistant');
  const onScroll = useStickToBottom(log, answers, chat.conversationId);
  return (
    <div className="quick-ask-answer">
      <p className="quick-ask-asked">{question}</p>
      {/* Focusable so keyboard users can scroll a long answer. */}
      <div ref={log} role="log" aria-label="Answer" className="quick-ask-log" tabIndex={0} onScroll={onScroll}>
        {answers.map(({ message, streaming: live, note }) => (
          <div key={message.id} className="message assistant">
            {message.cards?.map((card, index) => (
              <ToolCardView key={index} card={card} />
            ))}
            <LazyMarkdown text={message.content} streaming={live} />
            {live && message.content === '' && !message.cards?.length && <p className="message-meta">Thinking…</p>}
            {note && (
              <p role="status" className="message-note">
                {note}
              </p>
            )}
            {!live && endings[message.status] && <p className="message-meta">{endings[message.status]}</p>}
          </div>
        ))}
      </div>
      {chat.error && (
        <div role="alert" className="alert">
          <p>{chat.error.message}</p>
          {/* A blocked budget is raised in the main window's Usage view, not retried here. */}
          {chat.error.retryable && chat.error.code !== 'budget' && (
            <button type="button" onClick={onRetry}>
              Retry
            </button>
          )}
        </div>
      )}
      <div className="actions">
        {streaming && (
          <button type="button" onClick={onStop}>
            Stop
          </button>
        )}
        <button type="button" className="primary" onClick={onOpenInAide}>
          Open in Aide
        </button>
      </div>
    </div>
  );
}
