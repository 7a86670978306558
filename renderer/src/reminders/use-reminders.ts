// The stored reminders and appointments: fetched once, then kept current by `remindersChanged`.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Appointment, Reminder } from '../../../common/contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';

export interface RemindersData {
  reminders: Reminder[];
  appointments: Appointment[];
  loaded: boolean;
  error: string | null;
  /** Fetches both lists again, e.g. after a change whose event may have been missed. */
  reload(): Promise<void>;
}

export function useReminders(reconnects: number): RemindersData {
  const api = useAide();
  const [lists, setLists] = useState<{ reminders: Reminder[]; appointments: Appointment[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // An event newer than a fetch wins: a fetch answered late must not bring back older lists.
  const version = useRef(0);

  useEffect(
    () =>
      api.on('remindersChanged', (payload) => {
        version.current += 1;
        setLists(payload);
        setError(null);
      }),
    [api],
  );

  const reload = useCallback(async () => {
    const started = version.current;
    try {
      const [reminders, appointments] = await Promise.all([api.listReminders(), api.listAppointments()]);
      if (version.current !== started) return;
      version.current += 1;
      setLists({ reminders, appointments });
      setError(null);
    } catch (failure) {
      if (version.current === started) setError(errorText(failure));
    }
  }, [api]);

  // Loads on first show, and again when browser mode is reconnected (events were lost meanwhile).
  useEffect(() => {
    void reload();
  }, [reload, reconnects]);

  return {
    reminders: lists?.reminders ?? [],
    appointments: lists?.appointments ?? [],
    loaded: lists !== null,
    error,
    reload,
  };
}
