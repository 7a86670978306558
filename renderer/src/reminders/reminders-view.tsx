// The Reminders screen: what is overdue, what comes next by day, what is done, and the Agenda.
import { useId, useState } from 'react';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';
import { dayKey, formatDay, formatTime } from '../time-format';
import { useNow } from '../use-now';
import { AppointmentItem } from './appointment-item';
import { downloadText } from './download';
import { EnableNotifications } from './enable-notifications';
import { groupAgenda, groupReminders } from './groups';
import { ReminderItem } from './reminder-item';
import { useReminders } from './use-reminders';
import { usePause } from './use-pause';

/** "15:30" today, "tomorrow 09:00" beyond. */
function pausedUntilText(until: string, now: Date): string {
  const time = formatTime(until);
  if (dayKey(until) === dayKey(now)) return time;
  const day = formatDay(until, { now });
  return `${day === 'Tomorrow' ? 'tomorrow' : day} ${time}`;
}

interface Props {
  reconnects: number;
  /** Browser mode shows its own desktop notifications, so it offers to turn them on. */
  browserMode: boolean;
}

export function RemindersView({ reconnects, browserMode }: Props) {
  const api = useAide();
  const data = useReminders(reconnects);
  const pause = usePause(reconnects);
  const now = useNow();
  // A pause that ran out needs no Resume.
  const pausedUntil = pause.until !== null && Date.parse(pause.until) > now.getTime() ? pause.until : null;
  const clock = { now };
  const [showDone, setShowDone] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const ids = { overdue: useId(), upcoming: useId(), done: useId(), doneList: useId(), agenda: useId() };
  const { reload } = data;

  const groups = groupReminders(data.reminders, clock);
  const agenda = groupAgenda(data.appointments, clock);
  const pendingCount = groups.overdue.length + groups.upcoming.reduce((n, g) => n + g.items.length, 0);
  const nothing = data.reminders.length === 0 && data.appointments.length === 0;

  const exportCalendar = async () => {
    setExportError(null);
    try {
      const { filename, content } = await api.exportCalendar();
      downloadText(filename, content, 'text/calendar');
    } catch (error) {
      setExportError(`Could not export the calendar: ${errorText(error)}`);
    }
  };

  return (
    <section className="reminders" aria-label="Reminders">
      <div className="view-head">
        <h1>Reminders</h1>
        <div className="actions">
          {browserMode && <EnableNotifications />}
          {pausedUntil === null && (
            <button type="button" disabled={pause.busy} onClick={() => void pause.pause(60)}>
              Pause reminders for 1 hour
            </button>
          )}
          <button type="button" onClick={() => void exportCalendar()}>
            Export calendar
          </button>
        </div>
      </div>
      {pausedUntil !== null && (
        <div className="paused">
          <p role="status">Reminders paused until {pausedUntilText(pausedUntil, now)}</p>
          <button type="button" disabled={pause.busy} onClick={() => void pause.pause(0)}>
            Resume reminders
          </button>
        </div>
      )}
      {pause.error && (
        <div role="alert" className="alert">
          <p>Could not change the pause: {pause.error}</p>
        </div>
      )}
      {data.error && (
        <div role="alert" className="alert">
          <p>Could not load your reminders: {data.error}</p>
          <button type="button" onClick={() => void reload()}>
            Try again
          </button>
        </div>
      )}
      {exportError && (
        <div role="alert" className="alert">
          <p>{exportError}</p>
        </div>
      )}
      {!data.loaded && !data.error && <p className="empty">Loading…</p>}
      {data.loaded && nothing && (
        <div className="empty-state">
          <p>No reminders or appointments yet.</p>
          <p className="empty">
            Ask in the chat, for example “Remind me to call mom tomorrow at 5pm” or “Dentist on Friday from 3 to 4pm”.
          </p>
        </div>
      )}

      {groups.overdue.length > 0 && (
        <section className="group overdue" aria-labelledby={ids.overdue}>
          <h2 id={ids.overdue}>Overdue</h2>
          <ul className="items">
            {groups.overdue.map((r) => (
              <ReminderItem key={r.id} reminder={r} clock={clock} overdue onChanged={reload} />
            ))}
          </ul>
        </section>
      )}

      {data.loaded && !nothing && (
        <section className="group" aria-labelledby={ids.upcoming}>
          <h2 id={ids.upcoming}>Upcoming</h2>
          {groups.upcoming.length === 0 && (
            <p className="empty">
              {pendingCount === 0 ? 'Nothing left to do.' : 'Nothing else coming up.'} Ask in the chat to add a
              reminder.
            </p>
          )}
          {groups.upcoming.map((day) => (
            <div key={day.key} className="day">
              <h3>{day.label}</h3>
              <ul className="items">
                {day.items.map((r) => (
                  <ReminderItem key={r.id} reminder={r} clock={clock} overdue={false} onChanged={reload} />
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}

      {groups.done.length > 0 && (
        <section className="group done" aria-labelledby={ids.done}>
          <div className="group-head">
            <h2 id={ids.done}>Done</h2>
            <span className="count">{groups.done.length}</span>
            <button
              type="button"
              className="link"
              aria-expanded={showDone}
              aria-controls={ids.doneList}
              onClick={() => setShowDone((shown) => !shown)}
            >
              {showDone ? 'Hide completed' : 'Show completed'}
            </button>
          </div>
          {showDone && (
            <ul className="items" id={ids.doneList}>
              {groups.done.map((r) => (
                <ReminderItem key={r.id} reminder={r} clock={clock} overdue={false} onChanged={reload} />
              ))}
            </ul>
          )}
        </section>
      )}

      {data.loaded && !nothing && (
        <section className="group agenda" aria-labelledby={ids.agenda}>
          <h2 id={ids.agenda}>Agenda</h2>
          {agenda.length === 0 && <p className="empty">No appointments coming up.</p>}
          {agenda.map((day) => (
            <div key={day.key} className="day">
              <h3>{day.label}</h3>
              <ul className="items">
                {day.items.map((a) => (
                  <AppointmentItem key={a.id} appointment={a} clock={clock} onChanged={reload} />
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}
    </section>
  );
}
