// Settings' `Calendar sync` section and the Reminders view's `Import calendar`, as operations.
import type { Handlers } from '../core-types';
import { errorFields } from '../logger';
import type { Logger } from '../ports';
import type { CalendarSyncService } from './calendar-sync-service';

export function calendarSyncOperations(deps: { calendarSync: CalendarSyncService; logger: Logger }) {
  const { calendarSync, logger } = deps;
  return {
    getCalendarSync: async () => calendarSync.status(),
    connectCalendar: (request) => calendarSync.connect(request),
    createCalendar: (request) => calendarSync.createCalendar(request),
    chooseCalendars: async (request) => calendarSync.chooseCalendars(request),
    setCalendarSyncInterval: async ({ minutes }) => calendarSync.setInterval(minutes),
    syncCalendarNow: () => calendarSync.syncNow(),
    disconnectCalendar: () => calendarSync.disconnect(),
    async importCalendar({ filename, content }) {
      const name = displayName(filename);
      if (!content.includes('BEGIN:VCALENDAR')) {
        return { ok: false, error: `${name} is not an iCalendar (.ics) file. Nothing was imported.` };
      }
      try {
        return { ok: true, ...calendarSync.importIcs(content) };
      } catch (error) {
        logger.warn('calendar import failed', errorFields(error));
        return { ok: false, error: `${name} could not be read as a calendar. Nothing was imported.` };
      }
    },
  } satisfies Partial<Handlers>;
}

/** The file's own name in quotes, without any folder a browser might have sent along. */
function displayName(filename: string): string {
  const base = filename.split(/[\\/]/).pop()?.trim().slice(0, 80) ?? '';
  return base ? `“${base}”` : 'The file';
}
