// One appointment in the Agenda: its time range, place and recurrence, edited in place or deleted.
import { useState, type FormEvent } from 'react';
import type { Appointment } from '../../../common/contract';
import { useAide } from '../aide-context';
import { formatRange, fromLocalInput, toLocalInput, type Clock } from '../time-format';
import { ItemEditForm, ItemErrorAndDelete } from './item-edit';
import { useItemAction } from './use-item-action';

interface Props {
  appointment: Appointment;
  clock: Clock;
  onChanged(): void;
}

interface Draft {
  title: string;
  start: string;
  end: string;
}

export function AppointmentItem({ appointment, clock, onChanged }: Props) {
  const api = useAide();
  const action = useItemAction(onChanged);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const { id, title } = appointment;
  const quoted = `"${title}"`;

  const startEdit = () => {
    action.clearError();
    setInvalid(null);
    setDraft({ title, start: toLocalInput(appointment.start), end: toLocalInput(appointment.end) });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const nextTitle = draft.title.trim();
    const start = fromLocalInput(draft.start);
    const end = fromLocalInput(draft.end);
    if (nextTitle === '') return setInvalid('Give the appointment a title.');
    if (start === null || end === null) return setInvalid('Enter a start and an end.');
    if (Date.parse(end) <= Date.parse(start)) return setInvalid('The end must come after the start.');
    setInvalid(null);
    const changes = {
      ...(nextTitle !== title ? { title: nextTitle } : {}),
      ...(draft.start !== toLocalInput(appointment.start) ? { start } : {}),
      ...(draft.end !== toLocalInput(appointment.end) ? { end } : {}),
    };
    if (Object.keys(changes).length === 0) return setDraft(null);
    if (await action.run(() => api.updateAppointment({ id, ...changes }))) setDraft(null);
  };

  return (
    <li className="item appointment">
      <div className="item-row">
        <div className="item-main">
          <span className="item-title">{title}</span>
          <span className="item-meta">
            <time dateTime={appointment.start}>{formatRange(appointment.start, appointment.end, clock)}</time>
            {appointment.location && <span> · {appointment.location}</span>}
            {appointment.recurrenceText && <span> · ↻ {appointment.recurrenceText}</span>}
          </span>
        </div>
        <div className="item-actions">
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
            Start
            <input
              type="datetime-local"
              value={draft.start}
              onChange={(e) => setDraft({ ...draft, start: e.target.value })}
            />
          </label>
          <label>
            End
            <input
              type="datetime-local"
              value={draft.end}
              aria-invalid={invalid !== null}
              onChange={(e) => setDraft({ ...draft, end: e.target.value })}
            />
          </label>
        </ItemEditForm>
      )}
      <ItemErrorAndDelete
        error={action.error}
        deleting={deleting}
        kind="appointment"
        title={title}
        repeats={appointment.rrule !== null}
        onCancelDelete={() => setDeleting(false)}
        onDelete={() => {
          setDeleting(false);
          void action.run(() => api.deleteAppointment({ id }));
        }}
      />
    </li>
  );
}
