// The usage summary: fetched when the Usage screen opens (and after a dropped connection), then
// replaced by each `usageChanged` main sends as requests are recorded.
import { useEffect, useRef, useState } from 'react';
import type { UsageSummary } from '../../../common/contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';

export function useUsage(reconnects: number): { usage: UsageSummary | null; error: string | null } {
  const api = useAide();
  const [usage, setUsage] = useState<UsageSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A summary pushed while the fetch was on its way is newer than the fetch's answer.
  const pushed = useRef(false);

  useEffect(
    () =>
      api.on('usageChanged', (next) => {
        pushed.current = true;
        setUsage(next);
        setError(null);
      }),
    [api],
  );

  useEffect(() => {
    let live = true;
    pushed.current = false;
    api.getUsage().then(
      (first) => {
        if (!live || pushed.current) return;
        setUsage(first);
        setError(null);
      },
      (failure: unknown) => live && setError(errorText(failure)),
    );
    return () => {
      live = false;
    };
  }, [api, reconnects]);

  return { usage, error };
}
