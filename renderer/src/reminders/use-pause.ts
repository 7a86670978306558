// Whether notifications are on hold ("Pause reminders for 1 hour"): read from the settings, kept
// current by `settingsChanged`, so the tray's pause shows here too.
import { useCallback, useEffect, useState } from 'react';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';

export interface Pause {
  /** ISO time notifications are held until; null when not paused. */
  until: string | null;
  busy: boolean;
  error: string | null;
  /** Holds notifications for `minutes`; 0 resumes them. */
  pause(minutes: number): Promise<void>;
}

export function usePause(reconnects: number): Pause {
  const api = useAide();
  const [until, setUntil] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => api.on('settingsChanged', (settings) => setUntil(settings.remindersPausedUntil)), [api]);

  // Fetched on first show, and again after a dropped connection (events were lost meanwhile).
  useEffect(() => {
    let live = true;
    api.getSettings().then(
      (settings) => live && setUntil(settings.remindersPausedUntil),
      () => undefined, // The pause line is a nicety; the reminders themselves report load errors.
    );
    return () => {
      live = false;
    };
  }, [api, reconnects]);

  const pause = useCallback(
    async (minutes: number) => {
      setBusy(true);
      setError(null);
      try {
        setUntil((await api.pauseReminders({ minutes })).remindersPausedUntil);
      } catch (failure) {
        setError(errorText(failure));
      } finally {
        setBusy(false);
      }
    },
    [api],
  );

  return { until, busy, error, pause };
}
