// Whether notifications are on hold ("Pause reminders for 1 hour"): read from the settings, kept
// current by `settingsChanged`, so the tray's pause shows here too.
import { useCallback, useEffect, useRef, useState } from 'react';
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
  // Counts what changed the pause since a fetch started: a fetch's older answer must not undo it.
  const changes = useRef(0);
  const set = useCallback((next: string | null) => {
    changes.current += 1;
    setUntil(next);
  }, []);

  useEffect(() => api.on('settingsChanged', (settings) => set(settings.remindersPausedUntil)), [api, set]);

  // Fetched on first show, and again after a dropped connection (events were lost meanwhile).
  useEffect(() => {
    let live = true;
    const started = changes.current;
    api.getSettings().then(
      (settings) => live && changes.current === started && set(settings.remindersPausedUntil),
      () => undefined, // The pause line is a nicety; the reminders themselves report load errors.
    );
    return () => {
      live = false;
    };
  }, [api, reconnects, set]);

  const pause = useCallback(
    async (minutes: number) => {
      setBusy(true);
      setError(null);
      try {
        set((await api.pauseReminders({ minutes })).remindersPausedUntil);
      } catch (failure) {
        setError(errorText(failure));
      } finally {
        setBusy(false);
      }
    },
    [api, set],
  );

  return { until, busy, error, pause };
}
