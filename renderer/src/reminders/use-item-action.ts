// Runs one change from the Reminders view and keeps what went wrong, in words, beside the item.
import { useCallback, useState } from 'react';
import type { ItemResult } from '../../../common/contract';
import { errorText } from '../error-text';

export interface ItemAction {
  busy: boolean;
  error: string | null;
  /** Resolves true when the change was made. */
  run(change: () => Promise<ItemResult>): Promise<boolean>;
  clearError(): void;
}

export function useItemAction(onDone: () => void): ItemAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async (change: () => Promise<ItemResult>) => {
      setBusy(true);
      setError(null);
      try {
        const result = await change();
        if (!result.ok) {
          setError(result.error);
          return false;
        }
        onDone();
        return true;
      } catch (failure) {
        setError(errorText(failure));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [onDone],
  );

  return { busy, error, run, clearError: useCallback(() => setError(null), []) };
}
