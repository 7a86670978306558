// Editing one reminder or appointment in place, and deleting it: the draft while the form is open,
// what is wrong with it, the delete confirmation, and the change on its way to main.
import { useState, type FormEvent } from 'react';
import type { ItemResult } from '../../../common/contract';
import { useItemAction, type ItemAction } from './use-item-action';

export interface ItemEditor<D> {
  action: ItemAction;
  /** The form's values while it is open. */
  draft: D | null;
  invalid: string | null;
  deleting: boolean;
  startEdit(): void;
  setDraft(draft: D): void;
  cancelEdit(): void;
  save(event: FormEvent): Promise<void>;
  askDelete(): void;
  cancelDelete(): void;
  confirmDelete(): void;
}

interface Options<D, C> {
  kind: 'reminder' | 'appointment';
  title: string;
  onChanged(): void;
  /** The form's values for the item as it is. */
  draftOf(): D;
  /** What is wrong with the draft's times, or the time fields it changes. */
  checkTimes(draft: D): string | C;
  update(changes: C & { title?: string }): Promise<ItemResult>;
  remove(): Promise<ItemResult>;
}

export function useItemEditor<D extends { title: string }, C extends object>(options: Options<D, C>): ItemEditor<D> {
  const action = useItemAction(options.onChanged);
  const [draft, setDraft] = useState<D | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  const startEdit = () => {
    action.clearError();
    setInvalid(null);
    setDraft(options.draftOf());
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const title = draft.title.trim();
    const times = title === '' ? `Give the ${options.kind} a title.` : options.checkTimes(draft);
    if (typeof times === 'string') return setInvalid(times);
    setInvalid(null);
    const changes = { ...(title !== options.title ? { title } : {}), ...times };
    if (Object.keys(changes).length === 0) return setDraft(null);
    if (await action.run(() => options.update(changes))) setDraft(null);
  };

  const confirmDelete = () => {
    setDeleting(false);
    void action.run(options.remove);
  };

  return {
    action,
    draft,
    invalid,
    deleting,
    startEdit,
    setDraft,
    cancelEdit: () => setDraft(null),
    save,
    askDelete: () => setDeleting(true),
    cancelDelete: () => setDeleting(false),
    confirmDelete,
  };
}
