// Reading one calendar object from the server into Aide's terms, and the reason given for each
// kind of object Aide cannot read.
import { describe, expect, it } from 'vitest';
import { MalformedCalendarObjectError, parseCalendarObject } from '../../main/core/calendar-sync/ical-read';
import { NEW_YORK_VTIMEZONE, vcalendar } from '../support/ical-text';

describe('parseCalendarObject', () => {
  it('reads an event from another client in its own zone, with its alarm, exceptions and stamp', () => {
    const ics = vcalendar(
      ...NEW_YORK_VTIMEZONE,
      'BEGIN:VEVENT',
      'UID:dentist@phone',
      'DTSTAMP:20270101T100000Z',
      'LAST-MODIFIED:20270102T110000Z',
      'SUMMARY:Dentist\\, Dr. Lee',
      'LOCATION:5th Ave',
      'DESCRIPTION:Bring the card',
      'DTSTART;TZID=America/New_York:20270115T090000',
      'DURATION:PT45M',
      'RRULE:FREQ=MONTHLY;COUNT=3',
      'EXDATE;TZID=America/New_York:20270215T090000',
      'BEGIN:VALARM',
      'ACTION:EMAIL',
      'TRIGGER:-P1D',
      'END:VALARM',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:Dentist',
      'TRIGGER:-PT30M',
      'ACKNOWLEDGED:20270115T133000Z',
      'END:VALARM',
      'END:VEVENT',
    );
    expect(parseCalendarObject(ics, 'Europe/Berlin')).toEqual({
      uid: 'dentist@phone',
      kind: 'appointment',
      title: 'Dentist, Dr. Lee',
      notes: 'Bring the card',
      location: '5th Ave',
      start: '2027-01-15T09:00:00-05:00',
      end: '2027-01-15T09:45:00-05:00',
      allDay: false,
      timeZone: 'America/New_York',
      rrule: 'FREQ=MONTHLY;COUNT=3',
      hasExceptions: true,
      done: false,
      completedAt: null,
      remindMinutesBefore: 30,
      acknowledgedAt: '2027-01-15T08:30:00-05:00',
      lastModified: '2027-01-02T06:00:00-05:00',
    });
  });

  it('reads a completed task at its DUE, in the person’s zone when written in UTC', () => {
    const ics = vcalendar(
      'BEGIN:VTODO',
      'UID:task-1@tasks.org',
      'DTSTAMP:20270301T080000Z',
      'SUMMARY:Pay rent',
      'DUE:20270301T090000Z',
      'STATUS:COMPLETED',
      'COMPLETED:20270301T091500Z',
      'END:VTODO',
    );
    expect(parseCalendarObject(ics, 'Europe/Berlin')).toMatchObject({
      kind: 'reminder',
      title: 'Pay rent',
      start: '2027-03-01T10:00:00+01:00',
      end: null,
      timeZone: 'Europe/Berlin',
      rrule: null,
      hasExceptions: false,
      done: true,
      completedAt: '2027-03-01T10:15:00+01:00',
      remindMinutesBefore: null,
      lastModified: '2027-03-01T09:00:00+01:00',
    });
  });

  it('reads an all-day event as starting at midnight in the person’s zone, one day long', () => {
    const ics = vcalendar(
      'BEGIN:VEVENT',
      'UID:holiday@x',
      'SUMMARY:Holiday',
      'DTSTART;VALUE=DATE:20270704',
      'END:VEVENT',
    );
    expect(parseCalendarObject(ics, 'America/Chicago')).toMatchObject({
      start: '2027-07-04T00:00:00-05:00',
      end: '2027-07-05T00:00:00-05:00',
      allDay: true,
      timeZone: 'America/Chicago',
    });
  });

  it('reads a zone named the Windows way through the object’s own VTIMEZONE', () => {
    const ics = vcalendar(
      'BEGIN:VTIMEZONE',
      'TZID:W. Europe Standard Time',
      'BEGIN:STANDARD',
      'DTSTART:16010101T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:16010101T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'UID:outlook@x',
      'DTSTART;TZID=W. Europe Standard Time:20270706T100000',
      'DTEND;TZID=W. Europe Standard Time:20270706T110000',
      'END:VEVENT',
    );
    // 10:00 at +02:00 in July is 08:00Z, 04:00 in New York (EDT).
    expect(parseCalendarObject(ics, 'America/New_York')).toMatchObject({
      start: '2027-07-06T04:00:00-04:00',
      end: '2027-07-06T05:00:00-04:00',
      timeZone: 'America/New_York',
    });
  });

  it('takes an IANA name behind an old Mozilla prefix', () => {
    const ics = vcalendar(
      'BEGIN:VEVENT',
      'UID:moz@x',
      'DTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20270106T090000',
      'END:VEVENT',
    );
    expect(parseCalendarObject(ics, 'UTC')).toMatchObject({
      start: '2027-01-06T09:00:00+01:00',
      timeZone: 'Europe/Berlin',
    });
  });
});

describe('odd dates', () => {
  it('reads an event in the year 9999 and one from 1601 without scanning the zone for millennia', () => {
    const started = Date.now();
    const far = vcalendar('BEGIN:VEVENT', 'UID:far@x', 'DTSTART;TZID=Europe/Berlin:99990706T090000', 'END:VEVENT');
    const old = vcalendar(
      'BEGIN:VEVENT',
      'UID:old@x',
      'DTSTART;TZID=Europe/Berlin:16010101T120000',
      'DTEND;TZID=Europe/Berlin:99991231T120000',
      'END:VEVENT',
    );
    expect(parseCalendarObject(far, 'UTC').start).toBe('9999-07-06T09:00:00+02:00');
    expect(parseCalendarObject(old, 'UTC').uid).toBe('old@x');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('objects Aide cannot read', () => {
  const reasonFor = (ics: string): string => {
    try {
      parseCalendarObject(ics, 'Europe/Berlin');
    } catch (error) {
      if (error instanceof MalformedCalendarObjectError) return error.reason;
      throw error;
    }
    throw new Error('parsed without complaint');
  };

  it.each([
    ['text that is not iCalendar', 'Hello, this is not a calendar', 'it is not valid iCalendar text'],
    ['a vCard', 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jane\r\nEND:VCARD\r\n', 'it is not a single VCALENDAR'],
    [
      'a journal entry only',
      vcalendar('BEGIN:VJOURNAL', 'UID:j@x', 'END:VJOURNAL'),
      'it holds no task (VTODO) or event (VEVENT)',
    ],
    ['an event without UID', vcalendar('BEGIN:VEVENT', 'DTSTART:20270101T100000Z', 'END:VEVENT'), 'it has no UID'],
    [
      'an event without start',
      vcalendar('BEGIN:VEVENT', 'UID:e@x', 'SUMMARY:When?', 'END:VEVENT'),
      'the event has no start (DTSTART)',
    ],
    [
      'a task without due time',
      vcalendar('BEGIN:VTODO', 'UID:t@x', 'SUMMARY:Someday', 'END:VTODO'),
      'the task has no due time (DUE or DTSTART)',
    ],
    [
      'an unknown zone without VTIMEZONE',
      vcalendar('BEGIN:VEVENT', 'UID:z@x', 'DTSTART;TZID=Mars/Olympus_Mons:20270101T100000', 'END:VEVENT'),
      'it uses the time zone "Mars/Olympus_Mons" without defining it',
    ],
    [
      'a start that is not a date',
      vcalendar('BEGIN:VEVENT', 'UID:d@x', 'DTSTART:tomorrow-ish', 'END:VEVENT'),
      'it has a value that cannot be read',
    ],
  ])('gives a short reason for %s', (_label, ics, reason) => {
    expect(reasonFor(ics)).toBe(reason);
  });

  it('says what is wrong in a sentence', () => {
    expect(() =>
      parseCalendarObject(vcalendar('BEGIN:VEVENT', 'DTSTART:20270101T100000Z', 'END:VEVENT'), 'UTC'),
    ).toThrow('The calendar object cannot be read: it has no UID.');
  });
});
