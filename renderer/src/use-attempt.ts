// Runs one action and keeps what went wrong, in words, after what was being tried ("Could not stop:
// …"): the Chat screen's and the quick-ask popup's buttons report failures this way.
import { useCallback, useState } from 'react';
import { errorText } from './error-text';

export interface Attempt {
  failure: string | null;
  /** Resolves true when `action` succeeded; `what` names it in the failure ("Could not rename"). */
  attempt(action: () => Promise<unknown>, what: string): Promise<boolean>;
  clearFailure(): void;
}

export function useAttempt(): Attempt {
  const [failure, setFailure] = useState<string | null>(null);
  const attempt = useCallback(async (action: () => Promise<unknown>, what: string): Promise<boolean> => {
    setFailure(null);
    try {
      await action();
      return true;
    } catch (error) {
      setFailure(`${what}: ${errorText(error)}`);
      return false;
    }
  }, []);
  const clearFailure = useCallback(() => setFailure(null), []);
  return { failure, attempt, clearFailure };
}
