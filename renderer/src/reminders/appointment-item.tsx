// One appointment in the Agenda: its time range, place and recurrence, edited in place or deleted.
import type { Appointment } from '../../../common/contract';
import { useAide } from '../aide-context';
import { formatRange, fromLocalInput, toLocalInput, type Viewpoint } from '../time-format';
import { EditableItem, TimeField } from './editable-item';
import { useItemEditor } from './use-item-editor';
import { CalendarTag } from './calendar-tag';
import type { Measure } from './windowed-list';

interface Props {
  appointment: Appointment;
  viewpoint: Viewpoint;
  onChanged(): void;
  measure?: Measure | undefined;
}

export function AppointmentItem({ appointment, viewpoint, onChanged, measure }: Props) {
  const api = useAide();
  const { id, title } = appointment;
  const editor = useItemEditor({
    kind: 'appointment',
    title,
    onChanged,
    draftOf: () => ({ title, start: toLocalInput(appointment.start), end: toLocalInput(appointment.end) }),
    checkTimes: (draft) => {
      const start = fromLocalInput(draft.start);
      const end = fromLocalInput(draft.end);
      if (start === null || end === null) return 'Enter a start and an end.';
      if (Date.parse(end) <= Date.parse(start)) return 'The end must come after the start.';
      return {
        ...(draft.start !== toLocalInput(appointment.start) ? { start } : {}),
        ...(draft.end !== toLocalInput(appointment.end) ? { end } : {}),
      };
    },
    update: (changes) => api.updateAppointment({ id, ...changes }),
    remove: () => api.deleteAppointment({ id }),
  });

  return (
    <EditableItem
      measure={measure}
      className="item appointment"
      kind="appointment"
      title={title}
      repeats={appointment.rrule !== null}
      history={appointment.history}
      editor={editor}
      editable
      meta={
        <>
          <time dateTime={appointment.start}>{formatRange(appointment.start, appointment.end, viewpoint)}</time>
          {appointment.location && <span> · {appointment.location}</span>}
          {appointment.recurrenceText && <span> · ↻ {appointment.recurrenceText}</span>}
          <CalendarTag calendar={appointment.calendar} />
        </>
      }
      timeFields={(draft) => (
        <>
          <TimeField label="Start" value={draft.start} onChange={(start) => editor.setDraft({ ...draft, start })} />
          <TimeField
            label="End"
            value={draft.end}
            invalid={editor.invalid !== null}
            onChange={(end) => editor.setDraft({ ...draft, end })}
          />
        </>
      )}
    />
  );
}
