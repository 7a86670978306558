// Splitting an `.ics` file into one calendar object per UID, with its zones and overrides, and a
// sentence for everything left out.
import { describe, expect, it } from 'vitest';
import { splitIcsFile } from '../../main/core/calendar-sync/ical-import';
import { parseCalendarObject } from '../../main/core/calendar-sync/ical-read';
import { NEW_YORK_VTIMEZONE, blocks, unfolded, vcalendar } from '../support/ical-text';

const file = vcalendar(
  'METHOD:PUBLISH',
  ...NEW_YORK_VTIMEZONE,
  'BEGIN:VTIMEZONE',
  'TZID:Unused Zone',
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0300',
  'TZOFFSETTO:+0300',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:series@x',
  'SUMMARY:Series',
  'DTSTART;TZID=America/New_York:20270304T120000',
  'RRULE:FREQ=WEEKLY;COUNT=4',
  'END:VEVENT',
  'BEGIN:VTODO',
  'UID:task@x',
  'SUMMARY:Floating task',
  'DUE:20270305T090000',
  'END:VTODO',
  'BEGIN:VJOURNAL',
  'UID:j@x',
  'SUMMARY:Diary',
  'END:VJOURNAL',
  'BEGIN:VEVENT',
  'SUMMARY:No id',
  'DTSTART:20270305T090000Z',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:series@x',
  'RECURRENCE-ID;TZID=America/New_York:20270311T120000',
  'SUMMARY:Series (moved)',
  'DTSTART;TZID=America/New_York:20270312T120000',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:nostart@x',
  'SUMMARY:When?',
  'END:VEVENT',
);

describe('splitIcsFile', () => {
  const { objects, skipped } = splitIcsFile(file);

  it('makes one object per UID, overrides with their master, each with only the zones it uses', () => {
    expect(objects).toHaveLength(2);
    const [series, task] = objects as [string, string];
    expect(blocks(series, 'VEVENT').map((lines) => lines.find((l) => l.startsWith('SUMMARY')))).toEqual([
      'SUMMARY:Series',
      'SUMMARY:Series (moved)',
    ]);
    expect(blocks(series, 'VTIMEZONE')).toEqual([NEW_YORK_VTIMEZONE.slice(1, -1)]);
    expect(blocks(task, 'VTIMEZONE')).toEqual([]);
    expect(parseCalendarObject(task, 'Europe/Berlin')).toMatchObject({
      uid: 'task@x',
      kind: 'reminder',
      start: '2027-03-05T09:00:00+01:00',
    });
    expect(parseCalendarObject(series, 'Europe/Berlin')).toMatchObject({ uid: 'series@x', hasExceptions: true });
  });

  it('leaves out METHOD, which a stored calendar object must not have', () => {
    for (const object of objects) expect(unfolded(object).some((line) => line.startsWith('METHOD'))).toBe(false);
  });

  it('says in a sentence what it skipped and why', () => {
    expect(skipped).toEqual([
      'A journal entry was skipped: Aide imports only tasks and events.',
      'The event "No id" was skipped: it has no UID.',
      'The event "When?" was skipped: the event has no start (DTSTART).',
    ]);
  });

  it('takes a file of several calendars, and refuses one that is not a calendar', () => {
    const two =
      vcalendar('BEGIN:VEVENT', 'UID:a@x', 'DTSTART:20270101T100000Z', 'END:VEVENT') +
      vcalendar('BEGIN:VEVENT', 'UID:b@x', 'DTSTART:20270102T100000Z', 'END:VEVENT');
    expect(splitIcsFile(two).objects.map((o) => parseCalendarObject(o, 'UTC').uid)).toEqual(['a@x', 'b@x']);
    expect(splitIcsFile('name,date\nDentist,2027-01-01\n')).toEqual({
      objects: [],
      skipped: ['The file is not an iCalendar (.ics) file, so nothing was imported.'],
    });
  });
});
