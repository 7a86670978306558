// Saving the API key, shared by Settings and the first-run card: main checks the key against the
// server before it stores it (a rejected key replaces nothing), and the field is cleared once saved.
import { useCallback, useRef, useState, type FormEvent } from 'react';
import type { KeyStatus } from '../../../common/contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';

export interface SaveKey {
  /** For the password field. Uncontrolled on purpose: React mirrors a controlled input's value into
   * the DOM attribute, and the key must not linger anywhere in the page. */
  input: React.RefObject<HTMLInputElement | null>;
  busy: boolean;
  error: string | null;
  done: string | null;
  save(event: FormEvent): void;
  /** Runs another key action (Remove) with the same busy, error and done lines. */
  run(action: () => Promise<string | null>): Promise<void>;
}

export function useSaveKey(onSaved: (status: KeyStatus) => void): SaveKey {
  const api = useAide();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = useCallback(async (action: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await action());
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }, []);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const key = input.current?.value.trim() ?? '';
    if (key === '') {
      setError('Paste your OpenAI API key first.');
      return;
    }
    void run(async () => {
      const result = await api.saveKey({ key });
      if (!result.ok) {
        setError(result.error.message);
        return null;
      }
      if (input.current) input.current.value = '';
      onSaved(result.key);
      return 'Key checked and saved.';
    });
  };

  return { input, busy, error, done, save, run };
}
