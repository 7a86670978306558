// Builds calendar sync on its ports: the account store, the password's keychain account or the
// environment, the CalDAV client and the sync engine.
import type { CoreOptions, StoreFactory } from '../core-options';
import type { Emit } from '../event-bus';
import type { Clock, Logger } from '../ports';
import { CalendarAccountStore } from './calendar-account-store';
import type { ConnectCalDav } from './calendar-connection';
import { CalendarSyncService } from './calendar-sync-service';
import { CalDavCredentials } from './caldav-credentials';
import type { SyncEngine } from './sync-types';

export interface CalendarSyncParts {
  openStore: StoreFactory;
  dataDir: string;
  secretStore: CoreOptions['secretStore'];
  env: CoreOptions['env'];
  clock: Clock;
  logger: Logger;
  emit: Emit;
  connect: ConnectCalDav;
  engine: SyncEngine;
  minuteMs?: number | undefined;
  debounceMs?: number | undefined;
}

export function createCalendarSync(parts: CalendarSyncParts): { service: CalendarSyncService; notice: string | null } {
  const store = new CalendarAccountStore(parts.openStore, parts.dataDir);
  const credentials = new CalDavCredentials(parts.secretStore, parts.env);
  const service = new CalendarSyncService({
    store,
    credentials,
    connect: parts.connect,
    engine: parts.engine,
    clock: parts.clock,
    logger: parts.logger,
    emit: parts.emit,
    minuteMs: parts.minuteMs,
    debounceMs: parts.debounceMs,
  });
  return { service, notice: store.notice };
}
