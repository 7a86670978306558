// Counts the times browser mode got its connection back, so views can fetch what they missed meanwhile.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Connection } from './connection';

export function useReconnects(connection: Connection): number {
  const state = useSyncExternalStore(connection.subscribe, connection.get);
  const lost = useRef(false);
  const [reconnects, setReconnects] = useState(0);

  useEffect(() => {
    if (state === 'reconnecting') lost.current = true;
    if (state === 'open' && lost.current) {
      lost.current = false;
      setReconnects((n) => n + 1);
    }
  }, [state]);

  return reconnects;
}
