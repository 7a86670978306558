// One action started from a form or a button: busy while it runs, then the line it reports, or what
// went wrong in words. Settings, the key field and the Chat screen's panels all report this way.
import { useCallback, useState } from 'react';
import { errorText } from './error-text';

export interface ActionStatus {
  busy: boolean;
  error: string | null;
  /** What the last action reported, e.g. "Settings saved." */
  done: string | null;
  /**
   * Runs `action`, clearing the last outcome first; what it resolves to becomes `done`. A failure
   * becomes `error`, after "`failedTo`: " when given ("Could not save the prices").
   */
  run(action: () => Promise<string | null>, failedTo?: string): Promise<void>;
  /** A problem found without a failure: a field left empty, or a refusal the server answered with. */
  fail(message: string): void;
  clear(): void;
}

export function useActionStatus(): ActionStatus {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = useCallback(async (action: () => Promise<string | null>, failedTo?: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await action());
    } catch (failure) {
      setError(failedTo === undefined ? errorText(failure) : `${failedTo}: ${errorText(failure)}`);
    } finally {
      setBusy(false);
    }
  }, []);

  const clear = useCallback(() => {
    setError(null);
    setDone(null);
  }, []);

  return { busy, error, done, run, fail: setError, clear };
}
