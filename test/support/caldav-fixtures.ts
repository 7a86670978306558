// Hand-written iCalendar objects and small assertions shared by the CalDAV tests.
import { CalDavError } from '../../main/core/calendar-sync/sync-types';

export function todo(uid: string, summary: string): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Aide tests//EN',
    'BEGIN:VTODO',
    `UID:${uid}`,
    'DTSTAMP:20260301T090000Z',
    'DUE:20260302T170000Z',
    `SUMMARY:${summary}`,
    'END:VTODO',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

export async function caught(promise: Promise<unknown>): Promise<CalDavError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof CalDavError)) throw new Error(`expected a CalDavError, got ${String(error)}`);
  return error;
}

export function summaryOf(ics: string): string | null {
  return /^SUMMARY:(.*)$/m.exec(ics)?.[1]?.trim() ?? null;
}
