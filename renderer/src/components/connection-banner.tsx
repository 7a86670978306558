// Tells the user when browser mode has lost its connection to Aide and is trying again.
import { useSyncExternalStore } from 'react';
import type { Connection } from '../connection';

export function ConnectionBanner({ connection }: { connection: Connection }) {
  const state = useSyncExternalStore(connection.subscribe, connection.get);
  if (state !== 'reconnecting') return null;
  return (
    <div role="status" className="notice warning">
      <p>Connection to Aide lost. Reconnecting…</p>
    </div>
  );
}
