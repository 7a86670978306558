import { describe, expect, it } from 'vitest';
import type { Appointment, Reminder } from '../../common/contract';
import { exportIcs } from '../../main/core/reminders/calendar-export';
import { reminderRecord } from '../support/reminder-records';

const stamp = '2026-03-01T10:00:00.000Z';
const reminder = (over: Partial<Reminder>): Reminder => reminderRecord(over, stamp);
const appointment: Appointment = {
  id: 'a1',
  title: 'Standup; team, all',
  start: '2026-03-09T09:00:00+01:00',
  end: '2026-03-09T09:15:00+01:00',
  firstStart: '2026-03-02T09:00:00+01:00',
  location: 'Room 4, 2nd floor',
  notes: 'Bring notes',
  rrule: 'FREQ=WEEKLY;BYDAY=MO',
  remindMinutesBefore: 10,
  timeZone: 'Europe/Berlin',
  firedFor: null,
  createdAt: stamp,
  updatedAt: stamp,
  recurrenceText: 'every Monday at 09:00',
};

/** The unfolded content lines of each component named `name`. */
function components(ics: string, name: string): string[][] {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const out: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (line === `BEGIN:${name}`) current = [];
    else if (line === `END:${name}` && current) {
      out.push(current);
      current = null;
    } else current?.push(line);
  }
  return out;
}

describe('exportIcs', () => {
  const ics = exportIcs(
    [
      reminder({}),
      reminder({ id: 'r2', title: 'Done already', status: 'done' }),
      reminder({ id: 'r3', title: 'Gym', rrule: 'FREQ=DAILY;COUNT=3', due: '2026-03-03T17:00:00+01:00' }),
    ],
    [appointment],
    { prodId: '//Aide//Test//EN', now: new Date('2026-03-01T12:34:56Z') },
  );

  it('is one calendar with balanced components and CRLF lines', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(ics).toContain('PRODID:-//Aide//Test//EN');
    const lines = ics.split('\r\n');
    const count = (line: string) => lines.filter((l) => l === line).length;
    expect([count('BEGIN:VCALENDAR'), count('BEGIN:VEVENT'), count('BEGIN:VALARM')]).toEqual([1, 3, 3]);
    expect([count('END:VCALENDAR'), count('END:VEVENT'), count('END:VALARM')]).toEqual([1, 3, 3]);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('stamps every event with the time it was made, from the clock it is given', () => {
    const stamps = components(ics, 'VEVENT').map((lines) => lines.filter((line) => line.startsWith('DTSTAMP')));
    expect(stamps).toEqual([['DTSTAMP:20260301T123456Z'], ['DTSTAMP:20260301T123456Z'], ['DTSTAMP:20260301T123456Z']]);
  });

  it('writes an appointment in its zone, with its rule, place, notes and an alarm before it', () => {
    const event = components(ics, 'VEVENT').find((lines) => lines.includes('UID:a1@aide'))!;
    expect(event).toEqual(
      expect.arrayContaining([
        'DTSTART;TZID=Europe/Berlin:20260302T090000',
        'DTEND;TZID=Europe/Berlin:20260302T091500',
        'RRULE:FREQ=WEEKLY;BYDAY=MO',
        'SUMMARY:Standup\\; team\\, all',
        'LOCATION:Room 4\\, 2nd floor',
        'DESCRIPTION:Bring notes',
      ]),
    );
    const alarm = components(event.join('\r\n'), 'VALARM')[0]!;
    expect(alarm).toEqual(expect.arrayContaining(['ACTION:DISPLAY', 'TRIGGER:-PT10M']));
  });

  it('writes pending reminders as events with an alarm at their time, and leaves done ones out', () => {
    const events = components(ics, 'VEVENT');
    expect(events).toHaveLength(3);
    expect(ics).not.toContain('Done already');
    const once = events.find((lines) => lines.includes('UID:r1@aide'))!;
    expect(once).toEqual(expect.arrayContaining(['DTSTART;TZID=Europe/Berlin:20260302T170000', 'SUMMARY:Call mom']));
    expect(components(once.join('\r\n'), 'VALARM')[0]).toEqual(expect.arrayContaining(['TRIGGER:PT0S']));
    const series = events.find((lines) => lines.includes('UID:r3@aide'))!;
    expect(series).toEqual(
      expect.arrayContaining(['DTSTART;TZID=Europe/Berlin:20260302T170000', 'RRULE:FREQ=DAILY;COUNT=3']),
    );
  });

  it('defines each zone it uses once, with Berlin’s summer-time rule', () => {
    const zones = components(ics, 'VTIMEZONE');
    expect(zones).toHaveLength(1);
    expect(zones[0]).toEqual(
      expect.arrayContaining(['TZID:Europe/Berlin', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU']),
    );
    const lines = ics.split('\r\n');
    expect(lines.indexOf('BEGIN:VTIMEZONE')).toBeLessThan(lines.indexOf('BEGIN:VEVENT'));
    const twoZones = exportIcs([reminder({ timeZone: 'America/New_York', due: '2026-03-02T17:00:00-05:00' })], [appointment]);
    expect(components(twoZones, 'VTIMEZONE').map((zone) => zone[0])).toEqual(['TZID:America/New_York', 'TZID:Europe/Berlin']);
  });
});
