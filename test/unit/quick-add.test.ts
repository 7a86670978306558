// The quick-add parser against the labelled set (test/quick-add/phrases.jsonl, exact results)
// and one focused test per convention of issue 4.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuickAdd, type QuickAddResult } from '../../main/core/quick-add/parse';

interface Labelled {
  text: string;
  now: string;
  tz: string;
  expect: QuickAddResult;
}

const labelled: Labelled[] = readFileSync(new URL('../quick-add/phrases.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Labelled);

const berlin = (text: string, now = '2026-11-25T10:00:00+01:00'): QuickAddResult =>
  parseQuickAdd(text, { now: new Date(now), timeZone: 'Europe/Berlin' });

describe('labelled set', () => {
  it('holds at least 180 phrases', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(180);
  });
  it.each(labelled.map((row) => [`${row.text} (${row.tz})`, row] as const))('%s', (_name, row) => {
    expect(parseQuickAdd(row.text, { now: new Date(row.now), timeZone: row.tz })).toEqual(row.expect);
  });
});

describe('conventions (now: Wednesday 25 November 2026, 10:00 in Berlin)', () => {
  it('"in N units" counts from now, keeping its seconds', () => {
    expect(berlin('remind me to stretch in 10 minutes', '2026-11-25T10:00:42+01:00')).toMatchObject({
      due: '2026-11-25T10:10:42+01:00',
    });
    expect(berlin('remind me to go in an hour')).toMatchObject({ due: '2026-11-25T11:00:00+01:00' });
    expect(berlin('remind me to go in half an hour')).toMatchObject({ due: '2026-11-25T10:30:00+01:00' });
    expect(berlin('remind me to go in 2 days')).toMatchObject({ due: '2026-11-27T10:00:00+01:00' });
  });

  it('a time without a date is today if still ahead, else tomorrow', () => {
    expect(berlin('remind me to go at 11am')).toMatchObject({ due: '2026-11-25T11:00:00+01:00' });
    expect(berlin('remind me to go at 9am')).toMatchObject({ due: '2026-11-26T09:00:00+01:00' });
  });

  it('a date without a time is 09:00; parts of the day have fixed times', () => {
    expect(berlin('remind me to go tomorrow')).toMatchObject({ due: '2026-11-26T09:00:00+01:00' });
    expect(berlin('remind me to go tomorrow morning')).toMatchObject({ due: '2026-11-26T09:00:00+01:00' });
    expect(berlin('remind me to go tomorrow at noon')).toMatchObject({ due: '2026-11-26T12:00:00+01:00' });
    expect(berlin('remind me to go tomorrow afternoon')).toMatchObject({ due: '2026-11-26T15:00:00+01:00' });
    expect(berlin('remind me to go tomorrow evening')).toMatchObject({ due: '2026-11-26T18:00:00+01:00' });
    expect(berlin('remind me to go tonight')).toMatchObject({ due: '2026-11-25T20:00:00+01:00' });
  });

  it('a weekday is the first such day after today; this weekend is Saturday, next week Monday', () => {
    expect(berlin('remind me to go Wednesday')).toMatchObject({ due: '2026-12-02T09:00:00+01:00' });
    expect(berlin('remind me to go on Thursday')).toMatchObject({ due: '2026-11-26T09:00:00+01:00' });
    expect(berlin('remind me to go next Thursday')).toMatchObject({ due: '2026-11-26T09:00:00+01:00' });
    expect(berlin('remind me to go this weekend')).toMatchObject({ due: '2026-11-28T09:00:00+01:00' });
    expect(berlin('remind me to go next week')).toMatchObject({ due: '2026-11-30T09:00:00+01:00' });
  });

  it('understands 24-hour times, "3.30pm", ISO dates and unambiguous month/day dates', () => {
    expect(berlin('remind me to go at 17:45')).toMatchObject({ due: '2026-11-25T17:45:00+01:00' });
    expect(berlin('remind me to go at 3.30pm')).toMatchObject({ due: '2026-11-25T15:30:00+01:00' });
    expect(berlin('remind me to go on 2027-01-05')).toMatchObject({ due: '2027-01-05T09:00:00+01:00' });
    expect(berlin('remind me to go on 1/25')).toMatchObject({ due: '2027-01-25T09:00:00+01:00' });
    expect(berlin('remind me to go on 5 December')).toMatchObject({ due: '2026-12-05T09:00:00+01:00' });
    expect(berlin('remind me to go on 1/2')).toEqual({ kind: 'incomplete', title: 'go', missing: 'time' });
  });

  it('writes recurrence as the RRULE forms of the issue, first occurrence as due', () => {
    expect(berlin('remind me to go every day at 11am')).toMatchObject({
      due: '2026-11-25T11:00:00+01:00',
      rrule: 'FREQ=DAILY',
    });
    expect(berlin('remind me to go every weekday')).toMatchObject({
      due: '2026-11-26T09:00:00+01:00',
      rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    });
    expect(berlin('remind me to go every Tuesday')).toMatchObject({
      due: '2026-12-01T09:00:00+01:00',
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
    });
    expect(berlin('remind me to go every month on the 1st')).toMatchObject({
      due: '2026-12-01T09:00:00+01:00',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=1',
    });
    expect(berlin('remind me to go every 2 hours')).toMatchObject({
      due: '2026-11-25T12:00:00+01:00',
      rrule: 'FREQ=HOURLY;INTERVAL=2',
    });
  });

  it('makes an appointment from a time range or an appointment command, 60 minutes unless told', () => {
    expect(berlin('dentist Tuesday 3-4pm')).toEqual({
      kind: 'appointment',
      title: 'dentist',
      start: '2026-12-01T15:00:00+01:00',
      end: '2026-12-01T16:00:00+01:00',
      rrule: null,
    });
    expect(berlin('call from 3pm to 4pm')).toMatchObject({
      kind: 'appointment',
      start: '2026-11-25T15:00:00+01:00',
      end: '2026-11-25T16:00:00+01:00',
    });
    expect(berlin('gym 8:00-9:30 tomorrow')).toMatchObject({
      start: '2026-11-26T08:00:00+01:00',
      end: '2026-11-26T09:30:00+01:00',
    });
    expect(berlin('book physio tomorrow at 2pm')).toMatchObject({
      kind: 'appointment',
      end: '2026-11-26T15:00:00+01:00',
    });
    expect(berlin('schedule physio tomorrow at 2pm for 30 minutes')).toMatchObject({
      end: '2026-11-26T14:30:00+01:00',
    });
    expect(berlin('add appointment physio tomorrow at 2pm')).toMatchObject({ kind: 'appointment', title: 'physio' });
    expect(berlin('meeting with Ida tomorrow at 2pm')).toMatchObject({
      kind: 'appointment',
      title: 'meeting with Ida',
    });
  });

  it('takes command words and the time expression out of the title', () => {
    expect(berlin('remind me to call mom tomorrow at 5pm')).toMatchObject({ title: 'call mom' });
    expect(berlin("don't forget to call mom tomorrow at 5pm")).toMatchObject({ title: 'call mom' });
    expect(berlin('schedule a call with mom tomorrow at 5pm')).toMatchObject({ title: 'call with mom' });
  });

  it('a reminder with no time is incomplete; questions and other requests are none', () => {
    expect(berlin('remind me to call mom')).toEqual({ kind: 'incomplete', title: 'call mom', missing: 'time' });
    expect(berlin('what did I schedule tomorrow?')).toEqual({ kind: 'none' });
    expect(berlin("translate 'good morning'")).toEqual({ kind: 'none' });
    expect(berlin('')).toEqual({ kind: 'none' });
  });

  it('computes wall-clock times in the zone, with the offset after a DST change', () => {
    expect(
      parseQuickAdd('remind me to go tomorrow at 9am', {
        now: new Date('2026-03-28T12:00:00Z'),
        timeZone: 'Europe/Berlin',
      }),
    ).toMatchObject({
      due: '2026-03-29T09:00:00+02:00',
    });
    expect(
      parseQuickAdd('remind me to go tomorrow at 9am', {
        now: new Date('2026-10-31T16:00:00Z'),
        timeZone: 'America/New_York',
      }),
    ).toMatchObject({
      due: '2026-11-01T09:00:00-05:00',
    });
  });

  it('rejects an unknown zone or an invalid now', () => {
    expect(() => parseQuickAdd('x at 5pm', { now: new Date(), timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => parseQuickAdd('x at 5pm', { now: new Date('nope'), timeZone: 'UTC' })).toThrow(RangeError);
  });
});
