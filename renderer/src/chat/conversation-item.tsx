// One conversation in the sidebar: open it, rename it in place, or ask to delete it.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ConversationSummary } from '../../../common/contract';
import { IconButton } from '../components/icon-button';

interface Props {
  conversation: ConversationSummary;
  selected: boolean;
  onOpen(): void;
  onRename(title: string): Promise<boolean>;
  onDelete(): void;
}

export const titleOf = (c: Pick<ConversationSummary, 'title'>): string => c.title.trim() || 'Untitled';

export function ConversationItem({ conversation, selected, onOpen, onRename, onDelete }: Props) {
  const title = titleOf(conversation);
  const [draft, setDraft] = useState<string | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (draft === null) return;
    const next = draft.trim();
    if (next === '' || next === conversation.title) {
      setDraft(null);
      return;
    }
    if (await onRename(next)) setDraft(null);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') setDraft(null);
  };

  if (draft !== null) {
    return (
      <li className="conversation editing">
        <form onSubmit={save}>
          <input
            aria-label={`New title for ${title}`}
            value={draft}
            maxLength={200}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <button type="submit">Save</button>
          <button type="button" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </form>
      </li>
    );
  }

  return (
    <li className={selected ? 'conversation selected' : 'conversation'}>
      <button type="button" className="conversation-open" aria-current={selected ? 'true' : undefined} onClick={onOpen}>
        {title}
      </button>
      <IconButton label={`Rename ${title}`} title="Rename" onClick={() => setDraft(conversation.title)}>
        ✎
      </IconButton>
      <IconButton label={`Delete ${title}`} title="Delete" onClick={onDelete}>
        ×
      </IconButton>
    </li>
  );
}
