// What reminders and appointments share in their list item: the title and its line of details, the
// Edit and Delete buttons, the in-place edit form (title plus the item's own time fields), the error
// of the last change, and the delete confirmation.
import type { FormEvent, ReactNode } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Alert } from '../components/alert';
import { IconButton } from '../components/icon-button';
import type { ItemEditor } from './use-item-editor';
import { SaveButton } from '../components/save-button';
import { ConflictHistory } from './conflict-history';
import type { Measure } from './windowed-list';

interface Props<D> {
  className: string;
  kind: 'reminder' | 'appointment';
  title: string;
  /** The line under the title: time, place, recurrence… */
  meta: ReactNode;
  repeats: boolean;
  /** A synced item's sentences about changes made on both sides (the engine's conflict history). */
  history?: string[];
  editor: ItemEditor<D>;
  /** Buttons before Edit (a reminder's Snooze and Done). */
  actions?: ReactNode;
  editable: boolean;
  /** The item's time fields in the edit form (due, or start and end). */
  timeFields(draft: D): ReactNode;
  /** Set in a long list, which renders only the rows in view (windowed-list). */
  measure?: Measure | undefined;
}

export function EditableItem<D extends { title: string }>(props: Props<D>) {
  const { editor, title } = props;
  const { action, draft } = editor;
  const quoted = `"${title}"`;
  return (
    <li className={props.className} ref={props.measure?.ref} data-index={props.measure?.index}>
      <div className="item-row">
        <div className="item-main">
          <span className="item-title">{title}</span>
          <span className="item-meta">{props.meta}</span>
        </div>
        <div className="item-actions">
          {props.actions}
          {props.editable && (
            <IconButton
              label={`Edit ${quoted}`}
              title="Edit"
              disabled={action.busy || draft !== null}
              onClick={editor.startEdit}
            >
              ✎
            </IconButton>
          )}
          <IconButton label={`Delete ${quoted}`} title="Delete" disabled={action.busy} onClick={editor.askDelete}>
            ×
          </IconButton>
        </div>
      </div>
      <ConflictHistory history={props.history} />
      {draft && (
        <ItemEditForm
          quoted={quoted}
          title={draft.title}
          onTitle={(next) => editor.setDraft({ ...draft, title: next })}
          invalid={editor.invalid}
          busy={action.busy}
          onSubmit={(event) => void editor.save(event)}
          onCancel={editor.cancelEdit}
        >
          {props.timeFields(draft)}
        </ItemEditForm>
      )}
      <Alert message={action.error} />
      {editor.deleting && (
        <ConfirmDialog title={`Delete ${props.kind}?`} onCancel={editor.cancelDelete} onConfirm={editor.confirmDelete}>
          <p>
            “{title}”{props.repeats ? ' and all its repeats' : ''} will be deleted.
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}

function ItemEditForm(props: {
  quoted: string;
  title: string;
  onTitle(title: string): void;
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
        <SaveButton busy={props.busy}>Save</SaveButton>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** One of the edit form's time fields: due, start or end, in the browser's zone. */
export function TimeField(props: { label: string; value: string; invalid?: boolean; onChange(value: string): void }) {
  return (
    <label>
      {props.label}
      <input
        type="datetime-local"
        value={props.value}
        aria-invalid={props.invalid}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
