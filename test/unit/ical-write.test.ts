// What Aide writes to the server: the properties of a reminder's VTODO and an appointment's
// VEVENT (checked as raw lines and through ical.js), round trips, and write-back onto another
// client's object keeping everything Aide does not own.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Appointment } from '../../common/contract';
import { occurrencesBetween } from '../../main/core/calendar-sync/ical-expand';
import { parseCalendarObject } from '../../main/core/calendar-sync/ical-read';
import { appointmentToIcs, reminderToIcs } from '../../main/core/calendar-sync/ical-write';
import { NEW_YORK_VTIMEZONE, blocks, unfolded, vcalendar } from '../support/ical-text';
import { reminderRecord } from '../support/reminder-records';

const now = new Date('2026-11-27T16:00:00Z');
const reminder = reminderRecord(
  {
    due: '2026-12-01T17:00:00+01:00',
    start: '2026-12-01T17:00:00+01:00',
    notes: 'Ask about Sunday',
    updatedAt: '2026-11-20T08:00:00.000Z',
  },
  '2026-11-01T10:00:00.000Z',
);
const appointment: Appointment = {
  id: 'a1',
  title: 'Call with New York',
  start: '2027-03-18T12:00:00-04:00',
  end: '2027-03-18T13:30:00-04:00',
  firstStart: '2027-03-04T12:00:00-05:00',
  location: 'Zoom',
  notes: null,
  rrule: 'FREQ=WEEKLY',
  remindMinutesBefore: 15,
  timeZone: 'America/New_York',
  firedFor: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-02T10:00:00.000Z',
  recurrenceText: 'every Thursday at 12:00',
};

describe('a reminder as a VTODO', () => {
  const ics = reminderToIcs(reminder, { existing: null, now });

  it('has the fields, its zone and an absolute alarm at the due time', () => {
    const [todo] = blocks(ics, 'VTODO');
    expect(todo).toEqual(
      expect.arrayContaining([
        'UID:r1@aide',
        'DTSTAMP:20261127T160000Z',
        'CREATED:20261101T100000Z',
        'LAST-MODIFIED:20261120T080000Z',
        'SUMMARY:Call mom',
        'DESCRIPTION:Ask about Sunday',
        'DTSTART;TZID=Europe/Berlin:20261201T170000',
        'DUE;TZID=Europe/Berlin:20261201T170000',
        'STATUS:NEEDS-ACTION',
      ]),
    );
    expect(todo?.some((line) => line.startsWith('RRULE') || line.startsWith('COMPLETED'))).toBe(false);
    const alarms = blocks(ics, 'VALARM');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toEqual(
      expect.arrayContaining(['ACTION:DISPLAY', 'DESCRIPTION:Call mom', 'TRIGGER;VALUE=DATE-TIME:20261201T160000Z']),
    );
    expect(alarms[0]?.filter((line) => line.startsWith('UID:'))).toHaveLength(1);
  });

  it('is one calendar that ical.js reads, with the zone defined before the task', () => {
    const lines = unfolded(ics);
    expect(lines.slice(0, 3)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Aide//Aide//EN']);
    expect(lines.indexOf('TZID:Europe/Berlin')).toBeLessThan(lines.indexOf('BEGIN:VTODO'));
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const root = new ICAL.Component(ICAL.parse(ics));
    const todo = root.getFirstSubcomponent('vtodo')!;
    expect(root.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual([
      'Europe/Berlin',
    ]);
    const due = todo.getFirstPropertyValue('due') as ICAL.Time;
    expect(due.toJSDate().toISOString()).toBe('2026-12-01T16:00:00.000Z');
    const trigger = todo.getFirstSubcomponent('valarm')!.getFirstProperty('trigger')!;
    expect(trigger.type).toBe('date-time');
  });

  it('rings at the snoozed time when snoozed, and carries COMPLETED when done', () => {
    const snoozed = reminderToIcs({ ...reminder, snoozedUntil: '2026-12-01T17:10:00+01:00' }, { existing: null, now });
    expect(blocks(snoozed, 'VALARM')[0]).toContain('TRIGGER;VALUE=DATE-TIME:20261201T161000Z');
    const done = reminderToIcs(
      { ...reminder, status: 'done', doneAt: '2026-12-01T16:05:00.000Z' },
      { existing: null, now },
    );
    expect(blocks(done, 'VTODO')[0]).toEqual(
      expect.arrayContaining(['STATUS:COMPLETED', 'COMPLETED:20261201T160500Z']),
    );
  });

  it('starts a recurring reminder at the series start and rings at its next occurrence', () => {
    const weekly = reminderToIcs(
      { ...reminder, rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '2026-11-03T17:00:00+01:00' },
      { existing: null, now },
    );
    expect(blocks(weekly, 'VTODO')[0]).toEqual(
      expect.arrayContaining([
        'DTSTART;TZID=Europe/Berlin:20261103T170000',
        'DUE;TZID=Europe/Berlin:20261103T170000',
        'RRULE:FREQ=WEEKLY;BYDAY=TU',
      ]),
    );
    expect(blocks(weekly, 'VALARM')[0]).toContain('TRIGGER;VALUE=DATE-TIME:20261201T160000Z');
  });

  it('reads back as done, with when, after it was completed', () => {
    const done = reminderToIcs(
      { ...reminder, status: 'done', doneAt: '2026-12-01T16:05:00.000Z' },
      { existing: ics, now },
    );
    expect(parseCalendarObject(done, 'Europe/Berlin')).toMatchObject({
      uid: 'r1@aide',
      done: true,
      completedAt: '2026-12-01T17:05:00+01:00',
    });
    const reopened = reminderToIcs(reminder, { existing: done, now });
    expect(parseCalendarObject(reopened, 'Europe/Berlin')).toMatchObject({ done: false, completedAt: null });
    expect(unfolded(reopened).some((line) => line.startsWith('COMPLETED'))).toBe(false);
  });

  it('refuses to write a reminder over an event', () => {
    const event = vcalendar('BEGIN:VEVENT', 'UID:e@x', 'DTSTART:20261201T160000Z', 'END:VEVENT');
    expect(() => reminderToIcs(reminder, { existing: event, now })).toThrow(
      'The calendar object cannot be read: it holds an event, not the task being written.',
    );
  });

  it('reads back as the same reminder, in its own zone wherever the reader is', () => {
    expect(parseCalendarObject(ics, 'Asia/Tokyo')).toMatchObject({
      uid: 'r1@aide',
      kind: 'reminder',
      title: 'Call mom',
      notes: 'Ask about Sunday',
      start: '2026-12-01T17:00:00+01:00',
      timeZone: 'Europe/Berlin',
      rrule: null,
      done: false,
      lastModified: '2026-11-20T09:00:00+01:00',
    });
  });
});

describe('an appointment as a VEVENT', () => {
  const ics = appointmentToIcs(appointment, { existing: null, now });

  it('starts at the series’ first occurrence in its zone, keeps its length, and alarms minutes before', () => {
    expect(blocks(ics, 'VEVENT')[0]).toEqual(
      expect.arrayContaining([
        'UID:a1@aide',
        'SUMMARY:Call with New York',
        'LOCATION:Zoom',
        'DTSTART;TZID=America/New_York:20270304T120000',
        'DTEND;TZID=America/New_York:20270304T133000',
        'RRULE:FREQ=WEEKLY',
      ]),
    );
    const event = blocks(ics, 'VEVENT')[0] ?? [];
    expect(event.slice(0, event.indexOf('BEGIN:VALARM')).some((line) => line.startsWith('DESCRIPTION'))).toBe(false);
    expect(blocks(ics, 'VALARM')[0]).toEqual(expect.arrayContaining(['ACTION:DISPLAY', 'TRIGGER:-PT15M']));
    expect(blocks(ics, 'VTIMEZONE')[0]).toContain('TZID:America/New_York');
  });

  it('reads back as the same appointment and shows at Berlin time after the US change', () => {
    expect(parseCalendarObject(ics, 'Europe/Berlin')).toMatchObject({
      kind: 'appointment',
      start: '2027-03-04T12:00:00-05:00',
      end: '2027-03-04T13:30:00-05:00',
      location: 'Zoom',
      rrule: 'FREQ=WEEKLY',
      remindMinutesBefore: 15,
      timeZone: 'America/New_York',
    });
    const week = occurrencesBetween(
      ics,
      new Date('2027-03-15T00:00:00Z'),
      new Date('2027-03-22T00:00:00Z'),
      'Europe/Berlin',
    );
    expect(week.map((o) => [o.start, o.end])).toEqual([['2027-03-18T17:00:00+01:00', '2027-03-18T18:30:00+01:00']]);
  });
});

describe('writing back onto another client’s object', () => {
  const phone = vcalendar(
    ...NEW_YORK_VTIMEZONE,
    'BEGIN:VEVENT',
    'UID:team-sync@phone',
    'DTSTAMP:20270101T000000Z',
    'SEQUENCE:2',
    'SUMMARY:Team sync',
    'ORGANIZER;CN=Boss:mailto:boss@example.com',
    'ATTENDEE;CN="Doe, Jane";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:jane@example.com',
    'CATEGORIES:Work,Weekly',
    'X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC',
    'X-CUSTOM;X-PARAM=keep:some\\,raw;value',
    'DTSTART;TZID=America/New_York:20270304T120000',
    'DTEND;TZID=America/New_York:20270304T130000',
    'RRULE:FREQ=WEEKLY',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'DESCRIPTION:Team sync',
    'TRIGGER:-PT10M',
    'X-WR-ALARMUID:abc',
    'END:VALARM',
    'BEGIN:VALARM',
    'ACTION:EMAIL',
    'SUMMARY:Mail',
    'DESCRIPTION:Team sync tomorrow',
    'ATTENDEE:mailto:me@example.com',
    'TRIGGER:-P1D',
    'END:VALARM',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:team-sync@phone',
    'RECURRENCE-ID;TZID=America/New_York:20270311T120000',
    'DTSTART;TZID=America/New_York:20270311T140000',
    'DTEND;TZID=America/New_York:20270311T150000',
    'SUMMARY:Team sync (moved)',
    'X-OVERRIDE-NOTE:keep me',
    'END:VEVENT',
  );
  const edited: Appointment = {
    ...appointment,
    id: 'local-7',
    title: 'Team sync with Jane',
    start: '2027-03-04T12:00:00-05:00',
    end: '2027-03-04T13:00:00-05:00',
    location: 'Room 4',
    rrule: 'FREQ=WEEKLY;INTERVAL=1',
    remindMinutesBefore: 20,
  };
  const written = appointmentToIcs(edited, { existing: phone, now });

  it('keeps the UID, the people, categories, X- properties, the zone and the rule as they were', () => {
    const lines = unfolded(written);
    for (const kept of [
      'UID:team-sync@phone',
      'SEQUENCE:2',
      'ORGANIZER;CN=Boss:mailto:boss@example.com',
      'ATTENDEE;CN="Doe, Jane";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:jane@example.com',
      'CATEGORIES:Work,Weekly',
      'X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC',
      'X-CUSTOM;X-PARAM=keep:some\\,raw;value',
      'DTSTART;TZID=America/New_York:20270304T120000',
      'RRULE:FREQ=WEEKLY',
    ]) {
      expect(lines).toContain(kept);
    }
    expect(blocks(written, 'VTIMEZONE')).toEqual([NEW_YORK_VTIMEZONE.slice(1, -1)]);
    expect(lines).not.toContain('UID:local-7@aide');
  });

  it('changes only what Aide owns', () => {
    const [master] = blocks(written, 'VEVENT');
    expect(master).toEqual(
      expect.arrayContaining(['SUMMARY:Team sync with Jane', 'LOCATION:Room 4', 'DTSTAMP:20261127T160000Z']),
    );
    expect(master).not.toContain('SUMMARY:Team sync');
  });

  it('moves its own alarm and keeps the other alarm and the override untouched', () => {
    const alarms = blocks(written, 'VALARM');
    expect(alarms).toHaveLength(2);
    expect(alarms[0]).toEqual(expect.arrayContaining(['ACTION:DISPLAY', 'TRIGGER:-PT20M', 'X-WR-ALARMUID:abc']));
    expect(alarms[1]).toEqual([
      'ACTION:EMAIL',
      'SUMMARY:Mail',
      'DESCRIPTION:Team sync tomorrow',
      'ATTENDEE:mailto:me@example.com',
      'TRIGGER:-P1D',
    ]);
    expect(blocks(written, 'VEVENT')[1]).toEqual([
      'UID:team-sync@phone',
      'RECURRENCE-ID;TZID=America/New_York:20270311T120000',
      'DTSTART;TZID=America/New_York:20270311T140000',
      'DTEND;TZID=America/New_York:20270311T150000',
      'SUMMARY:Team sync (moved)',
      'X-OVERRIDE-NOTE:keep me',
    ]);
  });

  it('keeps an all-day event a date when its day did not change', () => {
    const holiday = vcalendar(
      'BEGIN:VEVENT',
      'UID:h@x',
      'SUMMARY:Holiday',
      'DTSTART;VALUE=DATE:20270704',
      'DTEND;VALUE=DATE:20270705',
      'END:VEVENT',
    );
    const renamed = appointmentToIcs(
      {
        ...appointment,
        rrule: null,
        title: 'Independence Day',
        start: '2027-07-04T00:00:00+02:00',
        end: '2027-07-05T00:00:00+02:00',
        timeZone: 'Europe/Berlin',
      },
      { existing: holiday, now },
    );
    expect(blocks(renamed, 'VEVENT')[0]).toEqual(
      expect.arrayContaining(['SUMMARY:Independence Day', 'DTSTART;VALUE=DATE:20270704', 'DTEND;VALUE=DATE:20270705']),
    );
    expect(blocks(renamed, 'VTIMEZONE')).toEqual([]);
  });

  it('turns a task’s own relative alarm into the absolute one instead of adding a second', () => {
    const task = vcalendar(
      'BEGIN:VTODO',
      'UID:t@tasks.org',
      'X-TASKS-ORG-PRIORITY:2',
      'SUMMARY:Call mom',
      'DUE:20261201T160000Z',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:Default',
      'TRIGGER;RELATED=END:PT0S',
      'END:VALARM',
      'END:VTODO',
    );
    const moved = reminderToIcs(
      { ...reminder, due: '2026-12-02T09:00:00+01:00', start: '2026-12-02T09:00:00+01:00' },
      { existing: task, now },
    );
    const alarms = blocks(moved, 'VALARM');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toContain('TRIGGER;VALUE=DATE-TIME:20261202T080000Z');
    expect(unfolded(moved)).toEqual(
      expect.arrayContaining(['UID:t@tasks.org', 'X-TASKS-ORG-PRIORITY:2', 'DUE;TZID=Europe/Berlin:20261202T090000']),
    );
  });
});
