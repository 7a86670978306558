// reminders.json, the layout before reminders.jsonl: read once through conf (its migrations and its
// corrupt-file handling as before) when a data folder from an older Aide is first opened, and
// removed once its items are in reminders.jsonl.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreFactory } from '../core-options';
import { openCheckedStore } from '../storage/open-store';
import { emptyRemindersFile, REMINDERS_VERSION, RemindersFile, remindersMigrations } from './reminder-store-schema';

export interface LegacyOptions {
  openStore: StoreFactory;
  dataDir: string;
  now: () => Date;
  timeZone: () => string;
}

const legacyFile = (dataDir: string) => join(dataDir, 'reminders.json');

export function hasLegacyFile(dataDir: string): boolean {
  return existsSync(legacyFile(dataDir));
}

/**
 * The old file's items, migrated and checked; a file that does not parse or fit is moved aside as
 * `reminders.corrupt-<time>.json` (`notice` says so) and no items come back. Synchronous, as conf
 * is: this runs once per data folder.
 */
export function readLegacyFile(options: LegacyOptions): { data: RemindersFile; notice: string | null } {
  const opened = openCheckedStore(
    options.openStore,
    {
      name: 'reminders',
      cwd: options.dataDir,
      defaults: emptyRemindersFile(),
      projectVersion: REMINDERS_VERSION,
      migrations: remindersMigrations(options.timeZone, options.now),
    },
    RemindersFile,
    options.now,
  );
  return { data: opened.data, notice: opened.notice };
}

export function removeLegacyFile(dataDir: string): void {
  rmSync(legacyFile(dataDir), { force: true });
}
