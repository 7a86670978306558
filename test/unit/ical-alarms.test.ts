// RFC 9074 on Aide's objects: dismissing sets ACKNOWLEDGED, snoozing adds a snooze alarm related
// to the original by its UID, so another device knows the alarm was handled.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { acknowledgeAlarm, snoozeAlarm } from '../../main/core/calendar-sync/ical-alarms';
import { parseCalendarObject } from '../../main/core/calendar-sync/ical-read';
import { reminderToIcs } from '../../main/core/calendar-sync/ical-write';
import { blocks, vcalendar } from '../support/ical-text';
import { reminderRecord } from '../support/reminder-records';

const reminder = reminderRecord({ due: '2026-12-01T17:00:00+01:00', start: '2026-12-01T17:00:00+01:00' });
const written = reminderToIcs(reminder, { existing: null, now: new Date('2026-11-27T16:00:00Z') });
const uidOf = (lines: string[] | undefined) => lines?.find((line) => line.startsWith('UID:'))?.slice(4);

describe('acknowledgeAlarm', () => {
  it('marks the alarm dismissed at that time, and the item reads as acknowledged', () => {
    const dismissed = acknowledgeAlarm(written, new Date('2026-12-01T16:02:00Z'));
    const alarms = blocks(dismissed, 'VALARM');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toEqual(
      expect.arrayContaining(['ACKNOWLEDGED:20261201T160200Z', 'TRIGGER;VALUE=DATE-TIME:20261201T160000Z']),
    );
    expect(parseCalendarObject(dismissed, 'Europe/Berlin').acknowledgedAt).toBe('2026-12-01T17:02:00+01:00');
    const alarm = new ICAL.Component(ICAL.parse(dismissed))
      .getFirstSubcomponent('vtodo')!
      .getFirstSubcomponent('valarm')!;
    expect((alarm.getFirstPropertyValue('acknowledged') as ICAL.Time).toJSDate().toISOString()).toBe(
      '2026-12-01T16:02:00.000Z',
    );
  });

  it('acknowledges display alarms only, leaving an e-mail alarm as it was', () => {
    const ics = vcalendar(
      'BEGIN:VEVENT',
      'UID:e@x',
      'DTSTART:20261201T160000Z',
      'BEGIN:VALARM',
      'ACTION:EMAIL',
      'TRIGGER:-P1D',
      'END:VALARM',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'TRIGGER:-PT5M',
      'END:VALARM',
      'END:VEVENT',
    );
    const alarms = blocks(acknowledgeAlarm(ics, new Date('2026-12-01T15:56:00Z')), 'VALARM');
    expect(alarms[0]).toEqual(['ACTION:EMAIL', 'TRIGGER:-P1D']);
    expect(alarms[1]).toEqual(['ACTION:DISPLAY', 'TRIGGER:-PT5M', 'ACKNOWLEDGED:20261201T155600Z']);
  });
});

describe('snoozeAlarm', () => {
  const snoozed = snoozeAlarm(written, new Date('2026-12-01T16:10:00Z'), new Date('2026-12-01T16:00:30Z'));

  it('acknowledges the original and adds a snooze alarm related to it by UID', () => {
    const [original, snooze] = blocks(snoozed, 'VALARM');
    const originalUid = uidOf(original);
    expect(originalUid).toBe(uidOf(blocks(written, 'VALARM')[0]));
    expect(original).toEqual(
      expect.arrayContaining(['ACKNOWLEDGED:20261201T160030Z', 'TRIGGER;VALUE=DATE-TIME:20261201T160000Z']),
    );
    expect(snooze).toEqual(
      expect.arrayContaining([
        'ACTION:DISPLAY',
        'TRIGGER;VALUE=DATE-TIME:20261201T161000Z',
        `RELATED-TO;RELTYPE=SNOOZE:${originalUid}`,
      ]),
    );
    expect(uidOf(snooze)).not.toBe(originalUid);
  });

  it('replaces the snooze alarm when snoozed again, and dismissing removes it', () => {
    const again = snoozeAlarm(snoozed, new Date('2026-12-01T16:20:00Z'), new Date('2026-12-01T16:10:05Z'));
    const alarms = blocks(again, 'VALARM');
    expect(alarms).toHaveLength(2);
    expect(alarms[0]).toContain('ACKNOWLEDGED:20261201T161005Z');
    expect(alarms[1]).toContain('TRIGGER;VALUE=DATE-TIME:20261201T162000Z');
    const dismissed = blocks(acknowledgeAlarm(again, new Date('2026-12-01T16:20:10Z')), 'VALARM');
    expect(dismissed).toHaveLength(1);
    expect(dismissed[0]).toContain('ACKNOWLEDGED:20261201T162010Z');
  });

  it('gives the snooze alarm nothing to relate to when the item had no alarm', () => {
    const bare = vcalendar('BEGIN:VEVENT', 'UID:b@x', 'SUMMARY:Bare', 'DTSTART:20261201T160000Z', 'END:VEVENT');
    const alarms = blocks(
      snoozeAlarm(bare, new Date('2026-12-01T16:10:00Z'), new Date('2026-12-01T16:00:00Z')),
      'VALARM',
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toEqual(expect.arrayContaining(['DESCRIPTION:Bare', 'TRIGGER;VALUE=DATE-TIME:20261201T161000Z']));
    expect(alarms[0]?.some((line) => line.startsWith('RELATED-TO'))).toBe(false);
  });
});
