// The status line of calendar sync: when it last synced, that it is syncing, or what went wrong
// and what to do; plus changes still waiting for the server and objects the last sync skipped.
import type { CalendarSyncStatus } from '../../../common/calendar-sync-contract';
import { formatWhen } from '../time-format';
import { useNow } from '../use-now';

export function CalendarSyncStatusLine({ status }: { status: CalendarSyncStatus }) {
  const now = useNow(60_000);
  const pending =
    status.pending === 0
      ? ''
      : ` ${status.pending} ${status.pending === 1 ? 'change waits' : 'changes wait'} to be sent.`;
  let line: string;
  if (status.state === 'syncing') line = 'Syncing…';
  else if (status.state === 'error') line = status.error ?? 'The last sync failed.';
  else if (status.lastSyncedAt) line = `Synced ${formatWhen(status.lastSyncedAt, { now })}.`;
  else line = 'Not synced yet.';
  return (
    <>
      <p role="status" className={status.state === 'error' ? 'calendar-sync-status error' : 'calendar-sync-status'}>
        {line}
        {pending}
      </p>
      {status.skipped.length > 0 && (
        <details>
          <summary>{status.skipped.length} skipped in the last sync</summary>
          <ul>
            {status.skipped.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
