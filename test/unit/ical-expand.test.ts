// Occurrences of objects other clients wrote, in the person's zone. Expected times are worked
// out by hand from the zones' 2027 rules: US DST 14 March – 7 November (-05:00 → -04:00),
// EU DST 28 March – 31 October (+01:00 → +02:00).
import { describe, expect, it } from 'vitest';
import { nextOccurrence, occurrencesBetween } from '../../main/core/calendar-sync/ical-expand';
import { MalformedCalendarObjectError } from '../../main/core/calendar-sync/ical-read';
import { NEW_YORK_VTIMEZONE, vcalendar } from '../support/ical-text';

const weeklyInNewYork = (...extra: string[]) => [
  'BEGIN:VEVENT',
  'UID:weekly-ny@example.com',
  'DTSTAMP:20270101T000000Z',
  'SUMMARY:Call with New York',
  'DTSTART;TZID=America/New_York:20270304T120000',
  'DTEND;TZID=America/New_York:20270304T130000',
  'RRULE:FREQ=WEEKLY;UNTIL=20271118T170000Z',
  ...extra,
  'END:VEVENT',
];
const year = (ics: string) =>
  occurrencesBetween(ics, new Date('2027-01-01T00:00:00Z'), new Date('2028-01-01T00:00:00Z'), 'Europe/Berlin');
const starts = (ics: string) => year(ics).map((o) => o.start);

describe('a weekly New York event read in Berlin across both zones’ DST changes', () => {
  // 12:00 in New York is 18:00 in Berlin, except in the weeks when only one side is on summer time.
  const expectedAround = {
    '2027-03-04': '2027-03-04T18:00:00+01:00',
    '2027-03-11': '2027-03-11T18:00:00+01:00',
    '2027-03-18': '2027-03-18T17:00:00+01:00', // US on DST since 14 March, EU not yet
    '2027-03-25': '2027-03-25T17:00:00+01:00',
    '2027-04-01': '2027-04-01T18:00:00+02:00', // both on DST since 28 March
    '2027-10-28': '2027-10-28T18:00:00+02:00',
    '2027-11-04': '2027-11-04T17:00:00+01:00', // EU back on 31 October, US still on DST until 7 November
    '2027-11-11': '2027-11-11T18:00:00+01:00',
    '2027-11-18': '2027-11-18T18:00:00+01:00',
  };

  for (const [label, zoneLines] of [
    ['with the sender’s VTIMEZONE', NEW_YORK_VTIMEZONE],
    ['with only the IANA TZID', []],
  ] as const) {
    it(`shows each week at the right Berlin time (${label})`, () => {
      const all = starts(vcalendar(...zoneLines, ...weeklyInNewYork()));
      expect(all).toHaveLength(38); // 4 March to 18 November, every Thursday
      for (const [day, start] of Object.entries(expectedAround)) {
        expect(all.find((s) => s.startsWith(day))).toBe(start);
      }
    });
  }

  it('keeps the hour length and names each occurrence by its RECURRENCE-ID', () => {
    const march18 = year(vcalendar(...weeklyInNewYork())).find((o) => o.start.startsWith('2027-03-18'));
    expect(march18).toEqual({
      start: '2027-03-18T17:00:00+01:00',
      end: '2027-03-18T18:00:00+01:00',
      recurrenceId: '2027-03-18T17:00:00+01:00',
    });
  });

  it('leaves out a date removed by EXDATE', () => {
    const all = starts(vcalendar(...weeklyInNewYork('EXDATE;TZID=America/New_York:20270318T120000')));
    expect(all).toHaveLength(37);
    expect(all.some((s) => s.startsWith('2027-03-18'))).toBe(false);
    expect(all).toContain('2027-03-25T17:00:00+01:00');
  });

  it('moves one occurrence to its RECURRENCE-ID override and drops a cancelled one', () => {
    const ics = vcalendar(
      ...weeklyInNewYork(),
      'BEGIN:VEVENT',
      'UID:weekly-ny@example.com',
      'RECURRENCE-ID;TZID=America/New_York:20270325T120000',
      'SUMMARY:Call with New York (moved)',
      'DTSTART;TZID=America/New_York:20270326T150000',
      'DTEND;TZID=America/New_York:20270326T160000',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:weekly-ny@example.com',
      'RECURRENCE-ID:20270408T160000Z',
      'STATUS:CANCELLED',
      'DTSTART;TZID=America/New_York:20270408T120000',
      'END:VEVENT',
    );
    const all = year(ics);
    expect(all).toHaveLength(37);
    const moved = all.find((o) => o.recurrenceId === '2027-03-25T17:00:00+01:00');
    // Friday 26 March, 15:00 EDT = 19:00Z = 20:00 CET (Berlin changes two days later).
    expect(moved).toEqual({
      start: '2027-03-26T20:00:00+01:00',
      end: '2027-03-26T21:00:00+01:00',
      recurrenceId: '2027-03-25T17:00:00+01:00',
    });
    expect(all.some((o) => o.start.startsWith('2027-04-08'))).toBe(false);
  });

  it('finds an override moved into a window from a week outside it', () => {
    const ics = vcalendar(
      ...weeklyInNewYork(),
      'BEGIN:VEVENT',
      'UID:weekly-ny@example.com',
      'RECURRENCE-ID;TZID=America/New_York:20270513T120000',
      'DTSTART;TZID=America/New_York:20270507T090000',
      'DTEND;TZID=America/New_York:20270507T100000',
      'END:VEVENT',
    );
    // The window is Friday 7 May only; the occurrence of Thursday 13 May was moved into it.
    const found = occurrencesBetween(
      ics,
      new Date('2027-05-07T00:00:00+02:00'),
      new Date('2027-05-08T00:00:00+02:00'),
      'Europe/Berlin',
    );
    expect(found).toEqual([
      {
        start: '2027-05-07T15:00:00+02:00',
        end: '2027-05-07T16:00:00+02:00',
        recurrenceId: '2027-05-13T18:00:00+02:00',
      },
    ]);
    expect(nextOccurrence(ics, new Date('2027-05-06T17:00:00Z'), 'Europe/Berlin')?.start).toBe(
      '2027-05-07T15:00:00+02:00',
    );
  });
});

describe('other kinds of time', () => {
  it('keeps an all-day event on its date in the person’s zone', () => {
    const ics = vcalendar(
      'BEGIN:VEVENT',
      'UID:birthday@example.com',
      'SUMMARY:Birthday',
      'DTSTART;VALUE=DATE:20270711',
      'DTEND;VALUE=DATE:20270712',
      'RRULE:FREQ=YEARLY;COUNT=3',
      'END:VEVENT',
    );
    const inTokyo = occurrencesBetween(
      ics,
      new Date('2027-01-01T00:00:00Z'),
      new Date('2030-01-01T00:00:00Z'),
      'Asia/Tokyo',
    );
    expect(inTokyo.map((o) => [o.start, o.end])).toEqual([
      ['2027-07-11T00:00:00+09:00', '2027-07-12T00:00:00+09:00'],
      ['2028-07-11T00:00:00+09:00', '2028-07-12T00:00:00+09:00'],
      ['2029-07-11T00:00:00+09:00', '2029-07-12T00:00:00+09:00'],
    ]);
    const inLosAngeles = occurrencesBetween(
      ics,
      new Date('2027-07-01T00:00:00Z'),
      new Date('2027-08-01T00:00:00Z'),
      'America/Los_Angeles',
    );
    expect(inLosAngeles.map((o) => o.start)).toEqual(['2027-07-11T00:00:00-07:00']);
  });

  it('reads a floating time on the person’s own wall clock', () => {
    const ics = vcalendar(
      'BEGIN:VEVENT',
      'UID:gym@example.com',
      'SUMMARY:Gym',
      'DTSTART:20270105T070000',
      'DTEND:20270105T080000',
      'END:VEVENT',
    );
    const at = (zone: string) =>
      occurrencesBetween(ics, new Date('2027-01-04T00:00:00Z'), new Date('2027-01-07T00:00:00Z'), zone)[0]?.start;
    expect(at('Europe/Berlin')).toBe('2027-01-05T07:00:00+01:00');
    expect(at('America/New_York')).toBe('2027-01-05T07:00:00-05:00');
  });

  it('adds RDATE dates to the rule', () => {
    const ics = vcalendar(
      'BEGIN:VEVENT',
      'UID:rdate@example.com',
      'DTSTART:20270104T090000Z',
      'RRULE:FREQ=WEEKLY;COUNT=2',
      'RDATE:20270120T090000Z',
      'END:VEVENT',
    );
    expect(
      occurrencesBetween(ics, new Date('2027-01-01T00:00:00Z'), new Date('2027-02-01T00:00:00Z'), 'UTC').map(
        (o) => o.start,
      ),
    ).toEqual(['2027-01-04T09:00:00+00:00', '2027-01-11T09:00:00+00:00', '2027-01-20T09:00:00+00:00']);
  });

  it('rings a recurring task at DUE and gives no end', () => {
    const ics = vcalendar(
      'BEGIN:VTODO',
      'UID:task@example.com',
      'SUMMARY:Water plants',
      'DTSTART;TZID=Europe/Berlin:20270325T080000',
      'DUE;TZID=Europe/Berlin:20270325T090000',
      'RRULE:FREQ=DAILY;COUNT=5',
      'END:VTODO',
    );
    expect(
      occurrencesBetween(ics, new Date('2027-03-27T00:00:00Z'), new Date('2027-03-29T00:00:00Z'), 'Europe/Berlin'),
    ).toEqual([
      { start: '2027-03-27T09:00:00+01:00', end: null, recurrenceId: '2027-03-27T08:00:00+01:00' },
      { start: '2027-03-28T09:00:00+02:00', end: null, recurrenceId: '2027-03-28T08:00:00+02:00' },
    ]);
  });
});

describe('nextOccurrence', () => {
  it('gives the next occurrence after an instant, a single item once, and null after the end', () => {
    const weekly = vcalendar(...weeklyInNewYork());
    expect(nextOccurrence(weekly, new Date('2027-03-12T00:00:00Z'), 'Europe/Berlin')?.start).toBe(
      '2027-03-18T17:00:00+01:00',
    );
    expect(nextOccurrence(weekly, new Date('2027-11-18T17:00:00Z'), 'Europe/Berlin')).toBeNull();
    const single = vcalendar('BEGIN:VEVENT', 'UID:one@example.com', 'DTSTART:20270105T120000Z', 'END:VEVENT');
    expect(nextOccurrence(single, new Date('2027-01-01T00:00:00Z'), 'UTC')).toEqual({
      start: '2027-01-05T12:00:00+00:00',
      end: '2027-01-05T12:00:00+00:00',
      recurrenceId: null,
    });
    expect(nextOccurrence(single, new Date('2027-01-05T12:00:00Z'), 'UTC')).toBeNull();
  });

  it('finds today in a daily rule without end that started in 1970', () => {
    const daily = vcalendar(
      'BEGIN:VEVENT',
      'UID:daily@example.com',
      'DTSTART;TZID=Europe/Berlin:19700101T090000',
      'RRULE:FREQ=DAILY',
      'END:VEVENT',
    );
    expect(nextOccurrence(daily, new Date('2027-07-01T00:00:00Z'), 'Europe/Berlin')?.start).toBe(
      '2027-07-01T09:00:00+02:00',
    );
  });

  it('returns within seconds on a rule every minute without end, started in 1970', () => {
    const endless = vcalendar(
      'BEGIN:VEVENT',
      'UID:often@example.com',
      'DTSTART:19700101T000000Z',
      'RRULE:FREQ=MINUTELY',
      'END:VEVENT',
    );
    const started = Date.now();
    occurrencesBetween(endless, new Date('2027-01-01T00:00:00Z'), new Date('2027-01-02T00:00:00Z'), 'UTC');
    nextOccurrence(endless, new Date('2027-01-01T00:00:00Z'), 'UTC');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('a series Aide cannot expand', () => {
  it('says why instead of failing inside the library', () => {
    const badExdate = vcalendar(...weeklyInNewYork('EXDATE:next thursday'));
    const noStart = vcalendar('BEGIN:VEVENT', 'UID:n@x', 'RRULE:FREQ=DAILY', 'END:VEVENT');
    const window = [new Date('2027-03-01T00:00:00Z'), new Date('2027-04-01T00:00:00Z')] as const;
    expect(() => occurrencesBetween(badExdate, ...window, 'Europe/Berlin')).toThrow(MalformedCalendarObjectError);
    expect(() => occurrencesBetween(badExdate, ...window, 'Europe/Berlin')).toThrow(
      'it has a value that cannot be read',
    );
    expect(() => nextOccurrence(noStart, window[0], 'Europe/Berlin')).toThrow('the event has no start (DTSTART)');
  });
});
