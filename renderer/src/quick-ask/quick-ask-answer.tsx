// The model's answer in the popup: streamed in place as Markdown, with Stop, Retry after an
// error, and `Open in Aide` to carry on in the main window.
import { useRef } from 'react';
import type { ChatState } from '../chat/chat-state';
import { Alert } from '../components/alert';
import { ToolCardView } from '../chat/tool-card';
import { useStickToBottom } from '../chat/use-stick-to-bottom';
import { LazyMarkdown } from '../chat/lazy-markdown';
import { MessageStatus } from '../chat/message-status';

interface Props {
  question: string;
  chat: ChatState;
  streaming: boolean;
  onStop(): void;
  onRetry(): void;
  onOpenInAide(): void;
}

export function QuickAskAnswer({ question, chat, streaming, onStop, onRetry, onOpenInAide }: Props) {
  const log = useRef<HTMLDivElement>(null);
  const answers = chat.messages.filter((m) => m.message.role === 'assistant');
  const onScroll = useStickToBottom(log, answers, chat.conversationId);
  return (
    <div className="quick-ask-answer">
      <p className="quick-ask-asked">{question}</p>
      {/* Focusable so keyboard users can scroll a long answer. */}
      <div ref={log} role="log" aria-label="Answer" className="quick-ask-log" tabIndex={0} onScroll={onScroll}>
        {answers.map((view) => (
          <div key={view.message.id} className="message assistant">
            {view.message.cards?.map((card, index) => (
              <ToolCardView key={index} card={card} />
            ))}
            <LazyMarkdown text={view.message.content} streaming={view.streaming} />
            <MessageStatus view={view} />
          </div>
        ))}
      </div>
      <Alert message={chat.error?.message}>
        {/* A blocked budget is raised in the main window's Usage view, not retried here. */}
        {chat.error?.retryable && chat.error.code !== 'budget' && (
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        )}
      </Alert>
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
