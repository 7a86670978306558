// Saving part of the settings from one form: busy while it goes, then a "saved" line or the error.
import { useState } from 'react';
import type { Request, Settings } from '../../../common/contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';

export interface Patch {
  busy: boolean;
  error: string | null;
  done: string | null;
  save(patch: Request<'updateSettings'>, saved: string): Promise<void>;
}

export function usePatch(onChange: (settings: Settings) => void): Patch {
  const api = useAide();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const save = async (patch: Request<'updateSettings'>, saved: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      onChange(await api.updateSettings(patch));
      setDone(saved);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return { busy, error, done, save };
}

/** The error and "saved" lines under a form. */
export function SaveResult({ error, done }: { error: string | null; done: string | null }) {
  return (
    <>
      {error && (
        <div role="alert" className="alert">
          <p>{error}</p>
        </div>
      )}
      {done && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
    </>
  );
}

/** A whole number typed in a field, or null when it is not one. */
export function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : null;
}
