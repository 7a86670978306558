// Which calendars Aide writes to and shows: `Reminders calendar` (one that takes tasks),
// `Appointments calendar` (one that takes events), the others to show in the agenda, and
// `Create calendar` when the account has none that takes one of them.
import { useId, useState } from 'react';
import type { CalendarInfo, CalendarSyncStatus } from '../../../common/calendar-sync-contract';
import { useAide } from '../aide-context';
import type { CalendarSync } from './use-calendar-sync';

type Choice = Pick<CalendarSyncStatus, 'remindersCalendar' | 'appointmentsCalendar' | 'shownCalendars'>;

const writable = (calendars: CalendarInfo[], component: 'VTODO' | 'VEVENT') =>
  calendars.filter((c) => c.components.includes(component) && !c.readOnly);

export function CalendarChoices({ status, sync }: { status: CalendarSyncStatus; sync: CalendarSync }) {
  const api = useAide();
  const id = useId();
  const forReminders = writable(status.calendars, 'VTODO');
  const forAppointments = writable(status.calendars, 'VEVENT');
  const current: Choice = {
    remindersCalendar: status.remindersCalendar,
    appointmentsCalendar: status.appointmentsCalendar,
    shownCalendars: status.shownCalendars,
  };
  const choose = (next: Partial<Choice>) => void sync.change(() => api.chooseCalendars({ ...current, ...next }));
  const others = status.calendars.filter(
    (c) => c.url !== status.remindersCalendar && c.url !== status.appointmentsCalendar,
  );
  const value = (url: string | null, options: CalendarInfo[]) =>
    options.some((c) => c.url === url) ? (url ?? '') : '';

  return (
    <div className="field-grid">
      <div className="field">
        <label htmlFor={`${id}-reminders`}>Reminders calendar</label>
        <select
          id={`${id}-reminders`}
          value={value(status.remindersCalendar, forReminders)}
          disabled={sync.action.busy}
          onChange={(e) => choose({ remindersCalendar: e.target.value || null })}
        >
          <option value="">Keep on this computer</option>
          {forReminders.map((c) => (
            <option key={c.url} value={c.url}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-appointments`}>Appointments calendar</label>
        <select
          id={`${id}-appointments`}
          value={value(status.appointmentsCalendar, forAppointments)}
          disabled={sync.action.busy}
          onChange={(e) => choose({ appointmentsCalendar: e.target.value || null })}
        >
          <option value="">Keep on this computer</option>
          {forAppointments.map((c) => (
            <option key={c.url} value={c.url}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {others.length > 0 && (
        <fieldset className="field">
          <legend>Also show in Reminders</legend>
          {others.map((c) => (
            <label key={c.url} className="inline">
              <input
                type="checkbox"
                checked={status.shownCalendars.includes(c.url)}
                disabled={sync.action.busy}
                onChange={(e) =>
                  choose({
                    shownCalendars: e.target.checked
                      ? [...status.shownCalendars, c.url]
                      : status.shownCalendars.filter((url) => url !== c.url),
                  })
                }
              />
              {c.name}
            </label>
          ))}
        </fieldset>
      )}
      {(forReminders.length === 0 || forAppointments.length === 0) && (
        <CreateCalendar sync={sync} needsTasks={forReminders.length === 0} needsEvents={forAppointments.length === 0} />
      )}
    </div>
  );
}

function CreateCalendar({
  sync,
  needsTasks,
  needsEvents,
}: {
  sync: CalendarSync;
  needsTasks: boolean;
  needsEvents: boolean;
}) {
  const api = useAide();
  const id = useId();
  const [name, setName] = useState('Aide');
  const components = [...(needsTasks ? (['VTODO'] as const) : []), ...(needsEvents ? (['VEVENT'] as const) : [])];
  const what = needsTasks && needsEvents ? 'reminders or appointments' : needsTasks ? 'reminders' : 'appointments';
  const create = () => {
    if (!name.trim()) {
      sync.action.fail('Give the new calendar a name.');
      return;
    }
    void sync.change(() => api.createCalendar({ name: name.trim(), components }));
  };
  return (
    <div className="field">
      <p className="field-hint">No calendar of this account can hold {what}. Aide can create one.</p>
      <label htmlFor={`${id}-name`}>Calendar name</label>
      <div className="inline">
        <input id={`${id}-name`} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        <button type="button" onClick={create} disabled={sync.action.busy}>
          Create calendar
        </button>
      </div>
    </div>
  );
}
