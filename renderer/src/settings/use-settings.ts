// The settings every screen reads (the key's status for onboarding, the budget for Usage…): fetched
// once by the app, kept current by `settingsChanged` and by what the screens save.
import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../../common/contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';

export interface SettingsStore {
  /** null until the first answer arrived. */
  settings: Settings | null;
  /** Why they could not be loaded. */
  error: string | null;
  set(settings: Settings): void;
  update(change: (settings: Settings) => Settings): void;
  /** Fetches them again (events may have been missed). */
  refresh(): Promise<void>;
}

export function useSettings(reconnects = 0): SettingsStore {
  const api = useAide();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setSettings(await api.getSettings());
      setError(null);
    } catch (failure) {
      setError(errorText(failure));
    }
  }, [api]);

  useEffect(() => api.on('settingsChanged', setSettings), [api]);

  useEffect(() => {
    let live = true;
    api.getSettings().then(
      (first) => {
        if (!live) return;
        setSettings(first);
        setError(null);
      },
      (failure: unknown) => live && setError(errorText(failure)),
    );
    return () => {
      live = false;
    };
  }, [api, reconnects]);

  const update = useCallback((change: (settings: Settings) => Settings) => {
    setSettings((known) => known && change(known));
  }, []);

  return { settings, error, set: setSettings, update, refresh };
}
