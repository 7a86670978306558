// Settings' `Calendar sync` section and the Reminders view's `Import calendar`, as operations.
// An `.ics` file arrives as a chunked upload of purpose 'calendar' (it may exceed a WebSocket frame).
import { readFile } from 'node:fs/promises';
import type { Handlers } from '../core-types';
import { errorFields } from '../logger';
import type { Logger } from '../ports';
import type { UploadStore } from '../uploads/upload-store';
import type { CalendarSyncService } from './calendar-sync-service';

/** Only an iCalendar file is sent at all; the sentence matches the one for a file without VCALENDAR. */
export function screenCalendarFile({ name, type }: { name: string; type: string }): string | null {
  return /\.(ics|ical|ifb|icalendar)$/i.test(name) || type === 'text/calendar'
    ? null
    : `${displayName(name)} is not an iCalendar (.ics) file. Nothing was imported.`;
}

export function calendarSyncOperations(deps: {
  calendarSync: CalendarSyncService;
  uploads: UploadStore;
  logger: Logger;
}) {
  const { calendarSync, uploads, logger } = deps;
  uploads.screen('calendar', screenCalendarFile);
  return {
    getCalendarSync: async () => calendarSync.status(),
    connectCalendar: (request) => calendarSync.connect(request),
    createCalendar: (request) => calendarSync.createCalendar(request),
    chooseCalendars: async (request) => calendarSync.chooseCalendars(request),
    setCalendarSyncInterval: async ({ minutes }) => calendarSync.setInterval(minutes),
    syncCalendarNow: () => calendarSync.syncNow(),
    dismissFired: async ({ items }) => calendarSync.dismiss(items),
    disconnectCalendar: () => calendarSync.disconnect(),
    async importCalendar({ fileId }) {
      const upload = uploads.take(fileId, 'calendar');
      if (!upload) {
        return { ok: false, error: 'That file is no longer there (cancelled, or left too long). Choose it again.' };
      }
      const name = displayName(upload.name);
      try {
        const content = await readFile(upload.path, 'utf8');
        if (!content.includes('BEGIN:VCALENDAR')) {
          return { ok: false, error: `${name} is not an iCalendar (.ics) file. Nothing was imported.` };
        }
        return { ok: true, ...calendarSync.importIcs(content) };
      } catch (error) {
        logger.warn('calendar import failed', errorFields(error));
        return { ok: false, error: `${name} could not be read as a calendar. Nothing was imported.` };
      } finally {
        await upload.release();
      }
    },
  } satisfies Partial<Handlers>;
}

/** The file's own name in quotes, without any folder a browser might have sent along. */
function displayName(filename: string): string {
  const base = filename.split(/[\\/]/).pop()?.trim().slice(0, 80) ?? '';
  return base ? `“${base}”` : 'The file';
}
