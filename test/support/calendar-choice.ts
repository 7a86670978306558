// Choosing calendars through Aide's own operations, as Settings does, for tests whose calendar
// account comes from AIDE_CALDAV_*: wait for the account's first listing, show one calendar, sync.
import type { AideApi } from '../../common/contract';

type CalendarOperations = Pick<AideApi, 'getCalendarSync' | 'chooseCalendars' | 'syncCalendarNow'>;

/** Shows only `calendarUrl` (no calendar for new items) once the account lists it, then syncs. */
export async function showOnlyCalendar(aide: CalendarOperations, calendarUrl: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await aide.getCalendarSync()).calendars.some((c) => c.url === calendarUrl)) {
    if (Date.now() > deadline) throw new Error(`${calendarUrl} was not listed within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const chosen = await aide.chooseCalendars({
    remindersCalendar: null,
    appointmentsCalendar: null,
    shownCalendars: [calendarUrl],
  });
  if (!chosen.ok) throw new Error(`choosing ${calendarUrl} failed: ${chosen.error}`);
  await aide.syncCalendarNow();
}
