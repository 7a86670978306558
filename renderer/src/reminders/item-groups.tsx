// The Reminders view's lists: Overdue, Upcoming by day, Done (folded away) and the Agenda by day.
import { useId, useState, type ReactNode } from 'react';
import type { Appointment, Reminder } from '../../../common/contract';
import type { Viewpoint } from '../time-format';
import { AppointmentItem } from './appointment-item';
import { groupAgenda, groupReminders, type DayGroup } from './groups';
import { ReminderItem } from './reminder-item';

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
  const reminderItem = (r: Reminder, overdue = false) => (
    <ReminderItem key={r.id} reminder={r} viewpoint={viewpoint} overdue={overdue} onChanged={onChanged} />
  );

  return (
    <>
      {groups.overdue.length > 0 && (
        <section className="group overdue" aria-labelledby={ids.overdue}>
          <h2 id={ids.overdue}>Overdue</h2>
          <ul className="items">{groups.overdue.map((r) => reminderItem(r, true))}</ul>
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
          items={groups.done.map((r) => reminderItem(r))}
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
            item={(a) => <AppointmentItem key={a.id} appointment={a} viewpoint={viewpoint} onChanged={onChanged} />}
          />
        </section>
      )}
    </>
  );
}

function Days<T>({ days, item }: { days: DayGroup<T>[]; item(value: T): ReactNode }) {
  return days.map((day) => (
    <div key={day.key} className="day">
      <h3>{day.label}</h3>
      <ul className="items">{day.items.map(item)}</ul>
    </div>
  ));
}

/** Done reminders, counted, their list shown on request. */
function DoneGroup({ items, shown, onToggle }: { items: ReactNode[]; shown: boolean; onToggle(): void }) {
  const ids = { heading: useId(), list: useId() };
  return (
    <section className="group done" aria-labelledby={ids.heading}>
      <div className="group-head">
        <h2 id={ids.heading}>Done</h2>
        <span className="count">{items.length}</span>
        <button type="button" className="link" aria-expanded={shown} aria-controls={ids.list} onClick={onToggle}>
          {shown ? 'Hide completed' : 'Show completed'}
        </button>
      </div>
      {shown && (
        <ul className="items" id={ids.list}>
          {items}
        </ul>
      )}
    </section>
  );
}
