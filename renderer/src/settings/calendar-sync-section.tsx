// Settings' `Calendar sync` section: connect a CalDAV account, choose its calendars, sync now,
// disconnect, and the status line. The password never comes back from main.
import { useId, useState } from 'react';
import type { CalendarSyncStatus } from '../../../common/calendar-sync-contract';
import { useAide } from '../aide-context';
import { Alert } from '../components/alert';
import { wholeNumber } from '../typed-number';
import { CalendarChoices } from './calendar-choices';
import { CalendarConnectForm, EnvironmentAccount } from './calendar-connect-form';
import { CalendarSyncStatusLine } from './calendar-sync-status';
import { useCalendarSync, type CalendarSync } from './use-calendar-sync';

export function CalendarSyncSection() {
  const api = useAide();
  const sync = useCalendarSync();
  const { status, action } = sync;

  const disconnect = () => void sync.change(() => api.disconnectCalendar());

  return (
    <section className="card" aria-labelledby="calendar-sync-heading">
      <h2 id="calendar-sync-heading">Calendar sync</h2>
      <p className="field-hint">
        Keep reminders and appointments in your own calendar (Nextcloud, Fastmail, iCloud, Radicale and other CalDAV
        servers), so your phone and other computers see them too.
      </p>
      <Alert message={sync.loadError} />
      {status && !status.connected && <CalendarConnectForm sync={sync} />}
      {status?.connected && (
        <>
          {status.source === 'environment' ? (
            <EnvironmentAccount serverUrl={status.serverUrl ?? ''} user={status.user ?? ''} />
          ) : (
            <p>
              Connected to <code>{status.serverUrl}</code> as <strong>{status.user}</strong>.
            </p>
          )}
          <CalendarChoices status={status} sync={sync} />
          <IntervalField status={status} sync={sync} />
          <div className="actions">
            <button type="button" className="primary" onClick={() => void sync.syncNow()} disabled={action.busy}>
              Sync now
            </button>
            {status.source === 'settings' && (
              <button type="button" onClick={disconnect} disabled={action.busy}>
                Disconnect
              </button>
            )}
          </div>
          <CalendarSyncStatusLine status={status} />
        </>
      )}
      <Alert message={action.error} />
    </section>
  );
}

function IntervalField({ status, sync }: { status: CalendarSyncStatus; sync: CalendarSync }) {
  const api = useAide();
  const id = useId();
  const [value, setValue] = useState(String(status.intervalMinutes));
  const save = () => {
    const minutes = wholeNumber(value);
    if (minutes === null || minutes < 1 || minutes > 1_440) {
      sync.action.fail('Enter a whole number of minutes from 1 to 1,440.');
      return;
    }
    if (minutes !== status.intervalMinutes) void sync.change(() => api.setCalendarSyncInterval({ minutes }));
  };
  return (
    <div className="field">
      <label htmlFor={id}>Sync every (minutes)</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        className="narrow"
        min={1}
        max={1_440}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onBlur={save}
      />
    </div>
  );
}
