// Above the open conversation: its own model, if it has one, its settings panel, opened on
// request, and `Export conversation`.
import { useState } from 'react';
import type { ConversationSummary } from '../../../common/contract';
import { ExportConversationButton } from '../transfer/export-conversation-button';
import { ConversationSettings } from './conversation-settings';

interface Props {
  /** The open conversation; nothing shows for a new chat not yet stored. */
  summary: ConversationSummary | null;
  defaultModel: string | null;
  onSaved(summary: ConversationSummary): void;
}

export function ConversationBar({ summary, defaultModel, onSaved }: Props) {
  /** The conversation whose settings panel is open. */
  const [configuring, setConfiguring] = useState<string | null>(null);
  if (!summary) return null;
  return (
    <>
      <div className="chat-header">
        {summary.model && (
          <span className="chat-model" title="This conversation’s model">
            Model: {summary.model}
          </span>
        )}
        <button
          type="button"
          className="icon"
          aria-expanded={configuring === summary.id}
          onClick={() => setConfiguring((id) => (id === summary.id ? null : summary.id))}
        >
          Conversation settings
        </button>
        <ExportConversationButton conversationId={summary.id} />
      </div>
      {configuring === summary.id && (
        <ConversationSettings
          key={summary.id}
          conversation={summary}
          defaultModel={defaultModel}
          onSaved={onSaved}
          onClose={() => setConfiguring(null)}
        />
      )}
    </>
  );
}
