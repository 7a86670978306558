// One reminder in the Reminders view: its title and time, Snooze, Done, Edit in place and Delete.
import { useState, type FormEvent } from 'react';
import type { Reminder } from '../../../common/contract';
import { useAide } from '../aide-context';
import { formatWhen, fromLocalInput, toLocalInput, type Clock } from '../time-format';
import { SnoozeMenu } from './snooze-menu';
import { ItemEditForm, ItemErrorAndDelete } from './item-edit';
import { useItemAction } from './use-item-action';

interface Props {
  reminder: Reminder;
  clock: Clock;
  overdue: boolean;
  onChanged(): void;
}

interface Draft {
  title: string;
  due: string;
}

export function ReminderItem({ reminder, clock, overdue, onChanged }: Props) {
  const api = useAide();
  const action = useItemAction(onChanged);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const { id, title } = reminder;
  const done = reminder.status === 'done';
  const quoted = `"${title}"`;

  const snooze = (minutes: number) => void action.run(() => api.snoozeReminder({ id, minutes }));

  const startEdit = () => {
    action.clearError();
    setInvalid(null);
    setDraft({ title, due: toLocalInput(reminder.due) });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const nextTitle = draft.title.trim();
    const due = fromLocalInput(draft.due);
    if (nextTitle === '') return setInvalid('Give the reminder a title.');
    if (due === null) return setInvalid('Enter a date and time.');
    setInvalid(null);
    const changes = {
      ...(nextTitle !== title ? { title: nextTitle } : {}),
      ...(draft.due !== toLocalInput(reminder.due) ? { due } : {}),
    };
    if (Object.keys(changes).length === 0) return setDraft(null);
    if (await action.run(() => api.updateReminder({ id, ...changes }))) setDraft(null);
  };

  return (
    <li className={`item${done ? ' done' : ''}${overdue ? ' overdue' : ''}`}>
      <div className="item-row">
        <div className="item-main">
          <span className="item-title">{title}</span>
          <span className="item-meta">
            <time dateTime={reminder.due}>{formatWhen(reminder.due, clock)}</time>
            {reminder.recurrenceText && <span> · ↻ {reminder.recurrenceText}</span>}
            {!done && reminder.snoozedUntil && (
              <span>
                {' '}
                · snoozed until <time dateTime={reminder.snoozedUntil}>{formatWhen(reminder.snoozedUntil, clock)}</time>
              </span>
            )}
            {done && reminder.doneAt && <span> · done {formatWhen(reminder.doneAt, clock)}</span>}
          </span>
        </div>
        <div className="item-actions">
          {!done && (
            <>
              <span className="split">
                <button type="button" aria-label={`Snooze ${quoted}`} disabled={action.busy} onClick={() => snooze(10)}>
                  Snooze
                </button>
                <SnoozeMenu title={title} disabled={action.busy} onSnooze={snooze} />
              </span>
              <button
                type="button"
                aria-label={`Done ${quoted}`}
                disabled={action.busy}
                onClick={() => void action.run(() => api.completeReminder({ id }))}
              >
                Done
              </button>
              <button
                type="button"
                className="icon"
                aria-label={`Edit ${quoted}`}
                title="Edit"
                disabled={action.busy || draft !== null}
                onClick={startEdit}
              >
                ✎
              </button>
            </>
          )}
          <button
            type="button"
            className="icon"
            aria-label={`Delete ${quoted}`}
            title="Delete"
            disabled={action.busy}
            onClick={() => setDeleting(true)}
          >
            ×
          </button>
        </div>
      </div>
      {draft && (
        <ItemEditForm
          quoted={quoted}
          title={draft.title}
          onTitle={(title) => setDraft({ ...draft, title })}
          invalid={invalid}
          busy={action.busy}
          onSubmit={save}
          onCancel={() => setDraft(null)}
        >
          <label>
            Due
            <input
              type="datetime-local"
              value={draft.due}
              aria-invalid={invalid !== null}
              onChange={(e) => setDraft({ ...draft, due: e.target.value })}
            />
          </label>
        </ItemEditForm>
      )}
      <ItemErrorAndDelete
        error={action.error}
        deleting={deleting}
        kind="reminder"
        title={title}
        repeats={reminder.rrule !== null}
        onCancelDelete={() => setDeleting(false)}
        onDelete={() => {
          setDeleting(false);
          void action.run(() => api.deleteReminder({ id }));
        }}
      />
    </li>
  );
}
