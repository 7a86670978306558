// The Reminders screen: pausing notifications, exporting and importing the calendar, and the lists
// (item-groups).
import { useAide } from '../aide-context';
import { Alert } from '../components/alert';
import { dayKey, formatDay, formatTime } from '../time-format';
import { useDownload } from '../use-download';
import { useNow } from '../use-now';
import { EnableNotifications } from './enable-notifications';
import { ImportSummary, useImportCalendar } from './import-calendar';
import { ItemGroups } from './item-groups';
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
  const calendar = useDownload('the calendar', 'text/calendar', () => api.exportCalendar());
  const { reload } = data;
  const importer = useImportCalendar(() => void reload());
  const nothing = data.reminders.length === 0 && data.appointments.length === 0;

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
          <button type="button" onClick={() => void calendar.download()}>
            Export calendar
          </button>
          <button type="button" disabled={importer.status.busy} onClick={importer.choose}>
            Import calendar
          </button>
          {importer.picker}
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
      <Alert message={pause.error && <>Could not change the pause: {pause.error}</>} />
      <Alert message={data.error && <>Could not load your reminders: {data.error}</>}>
        <button type="button" onClick={() => void reload()}>
          Try again
        </button>
      </Alert>
      <Alert message={calendar.error} />
      <Alert message={importer.status.error} />
      <ImportSummary done={importer.status.done} skipped={importer.skipped} />
      {!data.loaded && !data.error && <p className="empty">Loading…</p>}
      {data.loaded && nothing && (
        <div className="empty-state">
          <p>No reminders or appointments yet.</p>
          <p className="empty">
            Ask in the chat, for example “Remind me to call mom tomorrow at 5pm” or “Dentist on Friday from 3 to 4pm”.
          </p>
        </div>
      )}
      <ItemGroups
        reminders={data.reminders}
        appointments={data.appointments}
        listed={data.loaded && !nothing}
        viewpoint={{ now }}
        onChanged={reload}
      />
    </section>
  );
}
