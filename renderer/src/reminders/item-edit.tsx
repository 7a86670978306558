// The parts reminders and appointments share in their list item: the in-place edit form (title
// plus the item's own time fields), the error of the last change, and the delete confirmation.
import type { FormEvent, ReactNode } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';

export function ItemEditForm(props: {
  quoted: string;
  title: string;
  onTitle(title: string): void;
  /** The item's time fields (due, or start and end). */
  children: ReactNode;
  invalid: string | null;
  busy: boolean;
  onSubmit(event: FormEvent): void;
  onCancel(): void;
}) {
  return (
    <form
      className="item-edit"
      aria-label={`Edit ${props.quoted}`}
      onSubmit={props.onSubmit}
      onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
    >
      <label>
        Title
        <input value={props.title} maxLength={500} autoFocus onChange={(e) => props.onTitle(e.target.value)} />
      </label>
      {props.children}
      {props.invalid && <p className="field-error">{props.invalid}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={props.busy}>
          Save
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function ItemErrorAndDelete(props: {
  error: string | null;
  deleting: boolean;
  kind: 'reminder' | 'appointment';
  title: string;
  repeats: boolean;
  onCancelDelete(): void;
  onDelete(): void;
}) {
  return (
    <>
      {props.error && (
        <div role="alert" className="alert">
          <p>{props.error}</p>
        </div>
      )}
      {props.deleting && (
        <ConfirmDialog title={`Delete ${props.kind}?`} onCancel={props.onCancelDelete} onConfirm={props.onDelete}>
          <p>
            “{props.title}”{props.repeats ? ' and all its repeats' : ''} will be deleted.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
