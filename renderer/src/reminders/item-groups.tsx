// The Reminders view's lists: Overdue, Upcoming by day, Done (folded away) and the Agenda by day;
// each a windowed list (windowed-list), so thousands of items render only the rows in view.
import { useId, useState } from 'react';
import type { Appointment, Reminder } from '../../../common/contract';
import type { Viewpoint } from '../time-format';
import { AppointmentItem } from './appointment-item';
import { groupAgenda, groupReminders, type DayGroup } from './groups';
import { ReminderItem } from './reminder-item';
import { WHOLE_LIST_ROWS, WindowedList, type ListRow, type Measure } from './windowed-list';

interface Props {
  reminders: Reminder[];
  appointments: Appointment[];
  /** Upcoming and Agenda show (even empty) once there is anything at all. */
  listed: boolean;
  viewpoint: Viewpoint;
  onChanged(): void;
}

export function ItemGroups({ reminders, appointments, listed, viewpoint, onChanged }: Props) {
  const ids = { overdue: useId(), upcoming: useId(), agenda: useId() };
  const [doneShown, setDoneShown] = useState(false);
  const groups = groupReminders(reminders, viewpoint);
  const agenda = groupAgenda(appointments, viewpoint);
  const pendingCount = groups.overdue.length + groups.upcoming.reduce((n, g) => n + g.items.length, 0);
  const reminderItem =
    (r: Reminder, overdue = false) =>
    (measure: Measure | undefined) => (
      <ReminderItem reminder={r} viewpoint={viewpoint} overdue={overdue} onChanged={onChanged} measure={measure} />
    );
  const reminderRow = (r: Reminder, overdue = false): ListRow => ({ key: r.id, render: reminderItem(r, overdue) });

  return (
    <>
      {groups.overdue.length > 0 && (
        <section className="group overdue" aria-labelledby={ids.overdue}>
          <h2 id={ids.overdue}>Overdue</h2>
          <WindowedList rows={groups.overdue.map((r) => reminderRow(r, true))} />
        </section>
      )}

      {listed && (
        <section className="group" aria-labelledby={ids.upcoming}>
          <h2 id={ids.upcoming}>Upcoming</h2>
          {groups.upcoming.length === 0 && (
            <p className="empty">
              {pendingCount === 0 ? 'Nothing left to do.' : 'Nothing else coming up.'} Ask in the chat to add a
              reminder.
            </p>
          )}
          <Days days={groups.upcoming} item={(r) => reminderItem(r)} />
        </section>
      )}

      {groups.done.length > 0 && (
        <DoneGroup
          rows={groups.done.map((r) => reminderRow(r))}
          shown={doneShown}
          onToggle={() => setDoneShown((was) => !was)}
        />
      )}

      {listed && (
        <section className="group agenda" aria-labelledby={ids.agenda}>
          <h2 id={ids.agenda}>Agenda</h2>
          {agenda.length === 0 && <p className="empty">No appointments coming up.</p>}
          <Days
            days={agenda}
            item={(a) => (measure) => (
              <AppointmentItem appointment={a} viewpoint={viewpoint} onChanged={onChanged} measure={measure} />
            )}
          />
        </section>
      )}
    </>
  );
}

type RenderRow = ListRow['render'];

/**
 * The days of a group, each under its heading. A short group is a list per day; a long one is one
 * windowed list with the days' headings among its rows (presentation rows, not items).
 */
function Days<T extends { id: string }>({ days, item }: { days: DayGroup<T>[]; item(value: T): RenderRow }) {
  const count = days.reduce((n, day) => n + day.items.length + 1, 0);
  if (count <= WHOLE_LIST_ROWS) {
    return days.map((day) => (
      <div key={day.key} className="day">
        <h3>{day.label}</h3>
        <WindowedList rows={day.items.map((value) => ({ key: value.id, render: item(value) }))} />
      </div>
    ));
  }
  const rows = days.flatMap((day): ListRow[] => [
    {
      key: `day:${day.key}`,
      heading: true,
      render: (measure) => (
        <li role="presentation" className="day-heading" ref={measure?.ref} data-index={measure?.index}>
          <h3>{day.label}</h3>
        </li>
      ),
    },
    ...day.items.map((value) => ({ key: value.id, render: item(value) })),
  ]);
  return (
    <div className="day">
      <WindowedList rows={rows} />
    </div>
  );
}

/** Done reminders, counted, their list shown on request. */
function DoneGroup({ rows, shown, onToggle }: { rows: ListRow[]; shown: boolean; onToggle(): void }) {
  const ids = { heading: useId(), list: useId() };
  return (
    <section className="group done" aria-labelledby={ids.heading}>
      <div className="group-head">
        <h2 id={ids.heading}>Done</h2>
        <span className="count">{rows.length}</span>
        <button type="button" className="link" aria-expanded={shown} aria-controls={ids.list} onClick={onToggle}>
          {shown ? 'Hide completed' : 'Show completed'}
        </button>
      </div>
      {shown && (
        <div id={ids.list}>
          <WindowedList rows={rows} />
        </div>
      )}
    </section>
  );
}
