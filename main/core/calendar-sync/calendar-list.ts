// The server's calendar list as the account store keeps it: read again at a sync (a chosen calendar
// gone from the server is named), and after creating one (which some servers list only later).
import type { CalendarAccountStore } from './calendar-account-store';
import { targetOf } from './calendar-sync-view';
import { goneCalendarsSentence } from './sync-errors';
import { CalDavError, type CalDavConnection, type RemoteCalendar } from './sync-types';

/**
 * Reads the calendar list again; throws, naming it, when a chosen calendar is gone. A gone one
 * stays listed (and chosen) so the sentence holds until the person chooses another.
 */
export async function checkCalendars(store: CalendarAccountStore, connection: CalDavConnection): Promise<void> {
  const target = targetOf(store);
  const chosen = [target.remindersCalendar, target.appointmentsCalendar, ...target.shownCalendars].filter(
    (c): c is RemoteCalendar => c !== null,
  );
  const onServer = await connection.listCalendars();
  const gone = new Map(chosen.filter((c) => !onServer.some((s) => s.url === c.url)).map((c) => [c.url, c]));
  store.update({ calendars: [...onServer, ...gone.values()] });
  const sentence = goneCalendarsSentence(chosen, onServer);
  if (sentence) throw new CalDavError('not-found', sentence);
}

export async function refreshAfterCreating(
  store: CalendarAccountStore,
  connection: CalDavConnection,
  created: RemoteCalendar,
): Promise<void> {
  const listed = await connection.listCalendars().catch(() => null);
  const calendars = listed ?? [...store.data.calendars, created];
  // Some servers list a new collection only a moment later; it exists, so it is listed here.
  store.update({
    calendars: calendars.some((c) => c.url === created.url) ? calendars : [...calendars, created],
  });
}
