// The chat sidebar: `New chat`, the conversations, newest first, and import and export.
import type { ReactNode } from 'react';
import type { ConversationSummary } from '../../../common/contract';
import { TransferPanel } from '../transfer/transfer-panel';
import { ConversationItem } from './conversation-item';

interface Props {
  list: ConversationSummary[] | null;
  selectedId: string | null;
  onNew(): void;
  onOpen(id: string): void;
  onRename(id: string, title: string): Promise<boolean>;
  onDelete(conversation: ConversationSummary): void;
  /** Shown above the list (the search box). */
  top?: ReactNode;
}

export function ConversationList({ list, selectedId, onNew, onOpen, onRename, onDelete, top }: Props) {
  return (
    <nav className="sidebar" aria-label="Conversations">
      {top}
      <button type="button" className="primary new-chat" onClick={onNew}>
        New chat
      </button>
      {list === null && <p className="empty">Loading…</p>}
      {list?.length === 0 && <p className="empty">No conversations yet.</p>}
      <ul>
        {list?.map((c) => (
          <ConversationItem
            key={c.id}
            conversation={c}
            selected={c.id === selectedId}
            onOpen={() => onOpen(c.id)}
            onRename={(title) => onRename(c.id, title)}
            onDelete={() => onDelete(c)}
          />
        ))}
      </ul>
      <TransferPanel />
    </nav>
  );
}
