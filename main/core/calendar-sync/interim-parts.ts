// Stand-ins until the CalDAV client and the sync engine are merged; this file goes then.
import type { ConnectCalDav } from './calendar-sync-service';
import { CalDavError, type SyncEngine } from './sync-types';

export const interimConnect: ConnectCalDav = () =>
  Promise.reject(new CalDavError('unreachable', 'Calendar sync is not available in this build yet.'));

export const interimEngine: SyncEngine = {
  sync: () => Promise.resolve({ pulled: 0, pushed: 0, conflicts: 0, skipped: [] }),
  onLocalChange: () => () => undefined,
  pendingCount: () => 0,
  importIcs: () => ({ imported: 0, duplicates: 0, skipped: [] }),
  forget: () => undefined,
};
