// The calendar account's status as main last sent it: fetched when Settings opens, kept current by
// `calendarSyncChanged`, and replaced by what each change answers.
import { useCallback, useEffect, useState } from 'react';
import type { CalendarSyncResult, CalendarSyncStatus } from '../../../common/calendar-sync-contract';
import { useAide } from '../aide-context';
import { useActionStatus, type ActionStatus } from '../use-action-status';
import { errorText } from '../error-text';

export interface CalendarSync {
  status: CalendarSyncStatus | null;
  loadError: string | null;
  /** The last change's outcome: a refusal's sentence in `error`. */
  action: ActionStatus;
  /** Runs a change; its answer replaces the status, a refusal becomes `action.error`. */
  change(request: () => Promise<CalendarSyncResult>): Promise<boolean>;
  syncNow(): Promise<void>;
}

export function useCalendarSync(): CalendarSync {
  const api = useAide();
  const [status, setStatus] = useState<CalendarSyncStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const action = useActionStatus();

  useEffect(() => api.on('calendarSyncChanged', setStatus), [api]);
  useEffect(() => {
    let live = true;
    api.getCalendarSync().then(
      (first) => live && setStatus(first),
      (failure: unknown) => live && setLoadError(errorText(failure)),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const { run, fail } = action;
  const change = useCallback(
    async (request: () => Promise<CalendarSyncResult>) => {
      let ok = false;
      await run(async () => {
        const result = await request();
        if (!result.ok) {
          fail(result.error);
          return null;
        }
        setStatus(result.status);
        ok = true;
        return null;
      });
      return ok;
    },
    [run, fail],
  );

  const syncNow = useCallback(
    () =>
      run(async () => {
        setStatus(await api.syncCalendarNow());
        return null;
      }),
    [api, run],
  );

  return { status, loadError, action, change, syncNow };
}
