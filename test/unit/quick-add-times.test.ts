// Issue 15's categories, one test each, with expectations worked out by hand from the calendar
// (now: Thursday 3 December 2026, 10:00 in Berlin, unless a test says otherwise).
import { describe, expect, it } from 'vitest';
import { easterSunday } from '../../main/core/quick-add/holidays';
import { parseQuickAdd, readQuickAdd } from '../../main/core/quick-add/parse';
import { occurrenceAfter } from '../../main/core/reminders/occurrences';
import { toZonedIso } from '../../main/core/reminders/zone-offsets';

const NOW = '2026-12-03T10:00:00+01:00';
const at = (text: string, now = NOW, timeZone = 'Europe/Berlin') =>
  parseQuickAdd(text, { now: new Date(now), timeZone });
const due = (text: string, now = NOW, timeZone = 'Europe/Berlin') => {
  const result = at(text, now, timeZone);
  return result.kind === 'reminder' ? result.due : result.kind;
};

describe('minutes past and to an hour, spelled-out times, seconds', () => {
  it('reads the minutes around the hour named, with the usual reading of that hour', () => {
    expect(due('remind me to go at ten past 6pm')).toBe('2026-12-03T18:10:00+01:00');
    expect(due('remind me to go at twenty-five to 9')).toBe('2026-12-04T08:35:00+01:00');
    expect(due('remind me to go at quarter to 6')).toBe('2026-12-03T17:45:00+01:00');
    expect(due('remind me to go at quarter to midnight')).toBe('2026-12-03T23:45:00+01:00');
    expect(due('remind me to go at quarter past midnight')).toBe('2026-12-04T00:15:00+01:00');
  });

  it('reads hours and minutes in words and times with seconds', () => {
    expect(due('remind me to go at eleven fifteen pm')).toBe('2026-12-03T23:15:00+01:00');
    expect(due('remind me to go at seven oh five')).toBe('2026-12-04T07:05:00+01:00');
    expect(due('remind me to go at four')).toBe('2026-12-03T16:00:00+01:00');
    expect(due('remind me to go at 16:45:30')).toBe('2026-12-03T16:45:30+01:00');
    expect(due('remind me to go in twenty-five minutes')).toBe('2026-12-03T10:25:00+01:00');
  });

  it('moves a spelled-out time inside the spring-forward gap forward by the gap', () => {
    // Berlin skips 02:00–03:00 on Sunday 29 March 2026.
    expect(due('remind me to go at twenty-five to 3 am on Sunday', '2026-03-27T12:00:00+01:00')).toBe(
      '2026-03-29T03:35:00+02:00',
    );
  });
});

describe('never confidently wrong', () => {
  it('asks back when time words are left that it did not understand', () => {
    expect(at('remind me to call Ana at ten past')).toEqual({ kind: 'incomplete', title: 'call Ana', missing: 'time' });
    expect(at('remind me to call Ana on Monday or Tuesday')).toEqual({
      kind: 'incomplete',
      title: 'call Ana',
      missing: 'time',
    });
    expect(at('remind me to call Ana at 7 or 8')).toEqual({ kind: 'incomplete', title: 'call Ana', missing: 'time' });
    expect(at('remind me to call Ana at 25:00')).toEqual({ kind: 'incomplete', title: 'call Ana', missing: 'time' });
    expect(at('remind me to call Ana by the end of the quarter')).toEqual({
      kind: 'incomplete',
      title: 'call Ana',
      missing: 'time',
    });
  });

  it('asks back when a weekday does not match the date beside it', () => {
    expect(at('remind me to go on Friday 3 December')).toEqual({ kind: 'incomplete', title: 'go', missing: 'time' });
    expect(at('remind me to go on Sat, Oct 3 at 6 PM')).toEqual({ kind: 'incomplete', title: 'go', missing: 'time' });
    expect(due('remind me to go on Thursday 3 December at 3pm')).toBe('2026-12-03T15:00:00+01:00');
    expect(due('remind me to go on Sun, Oct 3 at 6 PM')).toBe('2027-10-03T18:00:00+02:00');
    expect(due('remind me to go on Tuesday, December 8, 2026')).toBe('2026-12-08T09:00:00+01:00');
  });

  it('keeps numbers that are not times in the title', () => {
    expect(at('remind me to buy 2 pizzas at 7pm')).toMatchObject({
      title: 'buy 2 pizzas',
      due: '2026-12-03T19:00:00+01:00',
    });
    expect(at('remind me to walk past the bakery at 6pm')).toMatchObject({ title: 'walk past the bakery' });
  });
});

describe('weeks and months', () => {
  it('reads "<weekday> next week", "<weekday> after next" and "the week after next"', () => {
    expect(due('remind me to go Tuesday next week')).toBe('2026-12-08T09:00:00+01:00');
    expect(due('remind me to go Monday after next')).toBe('2026-12-14T09:00:00+01:00');
    expect(due('remind me to go the week after next')).toBe('2026-12-14T09:00:00+01:00');
  });

  it('reads ordinal weekdays of a month; a fifth one that does not exist is asked back', () => {
    expect(due('remind me to go on the last Friday of the month')).toBe('2026-12-25T09:00:00+01:00');
    expect(due('remind me to go on the second Wednesday of March')).toBe('2027-03-10T09:00:00+01:00');
    expect(due('remind me to go on the first Monday of next month')).toBe('2027-01-04T09:00:00+01:00');
    expect(at('remind me to go on the fifth Monday of February')).toMatchObject({ kind: 'incomplete' });
  });

  it('reads next month (the 1st), the end of the month and a day of next month', () => {
    expect(due('remind me to go next month')).toBe('2027-01-01T09:00:00+01:00');
    expect(due('remind me to go at the end of the month')).toBe('2026-12-31T09:00:00+01:00');
    expect(due('remind me to go on the 10th of next month')).toBe('2027-01-10T09:00:00+01:00');
  });
});

describe('amounts and recurrences', () => {
  it('reads fractions, "hence" and a fortnight', () => {
    expect(due('remind me to go in three quarters of an hour')).toBe('2026-12-03T10:45:00+01:00');
    expect(due('remind me to go in an hour and a quarter')).toBe('2026-12-03T11:15:00+01:00');
    expect(due('remind me to go in 2.5 hours')).toBe('2026-12-03T12:30:00+01:00');
    expect(due('remind me to go two weeks hence')).toBe('2026-12-17T10:00:00+01:00');
    expect(due('remind me to go in a fortnight')).toBe('2026-12-17T10:00:00+01:00');
  });

  it('stores every N days, and every N minutes in whole hours as HOURLY', () => {
    expect(at('remind me to stretch every 120 minutes')).toMatchObject({
      due: '2026-12-03T12:00:00+01:00',
      rrule: 'FREQ=HOURLY;INTERVAL=2',
    });
    expect(at('remind me to water the herbs every 3 days')).toMatchObject({
      due: '2026-12-04T09:00:00+01:00',
      rrule: 'FREQ=DAILY;INTERVAL=3',
    });
  });
});

describe('every N minutes', () => {
  it('repeats every so many minutes, the first one interval from now', () => {
    const every = (text: string) => {
      const result = at(text);
      return result.kind === 'reminder' ? [result.title, result.due, result.rrule] : result.kind;
    };
    expect(every('remind me to stretch every 30 minutes')).toEqual([
      'stretch',
      '2026-12-03T10:30:00+01:00',
      'FREQ=MINUTELY;INTERVAL=30',
    ]);
    expect(every('remind me to stretch every half hour')).toEqual([
      'stretch',
      '2026-12-03T10:30:00+01:00',
      'FREQ=MINUTELY;INTERVAL=30',
    ]);
    expect(every('remind me to check the oven every 45 mins')).toEqual([
      'check the oven',
      '2026-12-03T10:45:00+01:00',
      'FREQ=MINUTELY;INTERVAL=45',
    ]);
    expect(every('remind me to look up every quarter of an hour')).toEqual([
      'look up',
      '2026-12-03T10:15:00+01:00',
      'FREQ=MINUTELY;INTERVAL=15',
    ]);
    for (const text of ['stretch every 90 minutes', 'stretch every hour and a half', 'stretch every 1.5 hours']) {
      expect(every(text)).toEqual(['stretch', '2026-12-03T11:30:00+01:00', 'FREQ=MINUTELY;INTERVAL=90']);
    }
  });

  it('asks back for faster than every 5 minutes: a notification storm is not a reminder', () => {
    for (const text of [
      'remind me to blink every 2 minutes',
      'remind me to blink every minute',
      'remind me to blink every 30 seconds',
    ]) {
      expect(at(text)).toEqual({ kind: 'incomplete', title: 'blink', missing: 'time' });
    }
  });

  it('runs from a time said today: already running at 09:00 fires next at 10:30, a later start waits for it', () => {
    expect(due('remind me to drink water every 30 minutes from 9am')).toBe('2026-12-03T10:30:00+01:00');
    expect(due('remind me to drink water every 30 minutes from 3pm')).toBe('2026-12-03T15:00:00+01:00');
  });

  it('fires every 30 real minutes across the night Berlin skips 02:00–03:00', () => {
    // 01:20+01:00 is 00:20Z; then 00:50Z (01:50+01:00), 01:20Z (03:20+02:00), 01:50Z (03:50+02:00).
    const result = at('remind me to check the dough every 30 minutes', '2026-03-29T01:20:00+01:00');
    expect(result).toMatchObject({ due: '2026-03-29T01:50:00+01:00', rrule: 'FREQ=MINUTELY;INTERVAL=30' });
    if (result.kind !== 'reminder' || result.rrule === null) throw new Error('not a recurring reminder');
    const { due: first, rrule } = result;
    const second = occurrenceAfter(rrule, first, 'Europe/Berlin', new Date(first));
    const third = second && occurrenceAfter(rrule, first, 'Europe/Berlin', second);
    expect([second, third].map((d) => d && toZonedIso(d, 'Europe/Berlin'))).toEqual([
      '2026-03-29T03:20:00+02:00',
      '2026-03-29T03:50:00+02:00',
    ]);
  });
});

describe('holidays', () => {
  it('computes Easter by the computus', () => {
    expect(easterSunday(2000)).toEqual({ month: 4, day: 23 });
    expect(easterSunday(2008)).toEqual({ month: 3, day: 23 });
    expect(easterSunday(2019)).toEqual({ month: 4, day: 21 });
    expect(easterSunday(2024)).toEqual({ month: 3, day: 31 });
    expect(easterSunday(2026)).toEqual({ month: 4, day: 5 });
    expect(easterSunday(2038)).toEqual({ month: 4, day: 25 });
  });

  it('takes the next one, at 09:00 in the new offset after a DST change', () => {
    expect(due('remind me to go on Christmas Eve')).toBe('2026-12-24T09:00:00+01:00');
    expect(due('remind me to go on Thanksgiving')).toBe('2027-11-25T09:00:00+01:00');
    expect(due('remind me to go on Black Friday')).toBe('2027-11-26T09:00:00+01:00');
    // Easter 2027 is 28 March, the day Berlin moves to summer time.
    expect(due('remind me to go on Easter')).toBe('2027-03-28T09:00:00+02:00');
    expect(due("remind me to go on Valentine's Day at 7pm")).toBe('2027-02-14T19:00:00+01:00');
  });

  it("keeps Mother's Day where the user lives: Mothering Sunday in the UK, the second Sunday of May elsewhere", () => {
    expect(due("remind me to call Mum on Mother's Day")).toBe('2027-05-09T09:00:00+02:00');
    expect(due("remind me to call Mum on Mother's Day", '2026-12-03T10:00:00Z', 'Europe/London')).toBe(
      '2027-03-07T09:00:00+00:00',
    );
    expect(due("remind me to call Mom on Mother's Day", '2026-12-03T10:00:00-05:00', 'America/New_York')).toBe(
      '2027-05-09T09:00:00-04:00',
    );
  });

  it('leaves a holiday in a title that does not date the phrase', () => {
    expect(at('remind me to buy the Christmas tree tomorrow')).toMatchObject({
      title: 'buy the Christmas tree',
      due: '2026-12-04T09:00:00+01:00',
    });
  });
});

describe('time zones', () => {
  it("stores the instant meant and writes it in the user's zone", () => {
    expect(due('remind me to call Berlin at 4pm CET', '2026-12-03T08:00:00-05:00', 'America/New_York')).toBe(
      '2026-12-03T10:00:00-05:00',
    );
    expect(due('remind me to call at 3pm Asia/Tokyo')).toBe('2026-12-04T07:00:00+01:00');
    expect(due('remind me to call at 9am New York time')).toBe('2026-12-03T15:00:00+01:00');
    expect(due('remind me to call at 9am Pacific time')).toBe('2026-12-03T18:00:00+01:00');
  });

  it('counts each side of the Atlantic on its own DST calendar', () => {
    // New York is on summer time from 8 March 2026, London only from 29 March.
    expect(due('remind me to call at 9am EST on Monday', '2026-03-27T12:00:00Z', 'Europe/London')).toBe(
      '2026-03-30T14:00:00+01:00',
    );
    expect(due('remind me to call at 9am EST on Thursday', '2026-03-20T12:00:00Z', 'Europe/London')).toBe(
      '2026-03-26T13:00:00+00:00',
    );
  });

  it('reads a zone after a time in words too', () => {
    // Now is 04:00 in New York, 01:00 in Los Angeles and 18:00 in Tokyo.
    expect(due('remind me to call Bob at quarter past 4 EST')).toBe('2026-12-03T22:15:00+01:00');
    expect(due('remind me to call Bob at seven thirty PST')).toBe('2026-12-03T16:30:00+01:00');
    expect(due('remind me to call Bob at four Eastern time')).toBe('2026-12-03T22:00:00+01:00');
    // 07:30 and 17:50 have passed in Tokyo today, so they are tomorrow's there.
    expect(due('remind me to call Bob at half past seven Tokyo time')).toBe('2026-12-03T23:30:00+01:00');
    expect(due('remind me to call Bob at ten to 6 Asia/Tokyo')).toBe('2026-12-04T09:50:00+01:00');
  });

  it('finds the city after a name in "<city> time"', () => {
    expect(at('remind me to call Bob at 7pm New York time')).toMatchObject({
      title: 'call Bob',
      due: '2026-12-04T01:00:00+01:00',
    });
  });

  it('asks back for a zone in lower case after a time in words ("est" is a word too)', () => {
    expect(at('remind me to call Bob at four est').kind).toBe('incomplete');
    expect(at('remind me to call Bob at four IST').kind).toBe('incomplete');
  });

  it('asks back for a zone abbreviation that names several zones', () => {
    expect(at('remind me to call Ravi at 4pm IST')).toEqual({
      kind: 'incomplete',
      title: 'call Ravi',
      missing: 'time',
    });
  });
});

describe('ranges with a/p shorthand', () => {
  it('makes an appointment from "10a to 12p" and "2p-3:30p"', () => {
    expect(at('team sync Monday 10a to 12p')).toEqual({
      kind: 'appointment',
      title: 'team sync',
      start: '2026-12-07T10:00:00+01:00',
      end: '2026-12-07T12:00:00+01:00',
      rrule: null,
    });
    expect(at('design review tomorrow 2p-3:30p')).toMatchObject({
      start: '2026-12-04T14:00:00+01:00',
      end: '2026-12-04T15:30:00+01:00',
    });
  });
});

describe('the reading', () => {
  const words = (text: string, now = NOW, timeZone = 'Europe/Berlin') => {
    const { reading } = readQuickAdd(text, { now: new Date(now), timeZone });
    return { spans: reading?.spans.map((s) => reading.text.slice(s.start, s.end)), zone: reading?.zone ?? null };
  };

  it('says which words made the time', () => {
    expect(words('remind me to call mom tomorrow at 5pm').spans).toEqual(['tomorrow at 5pm']);
    expect(words('remind me at ten past 6pm to call mom').spans).toEqual(['at ten past 6pm']);
    expect(words('dentist on Tuesday, 3-4pm').spans).toEqual(['on Tuesday', '3-4pm']);
  });

  it('names the zone the time was said in', () => {
    expect(words('remind me to call at 4pm CET', '2026-12-03T08:00:00-05:00', 'America/New_York')).toEqual({
      spans: ['at 4pm CET'],
      zone: { label: 'CET', zone: 'Europe/Berlin' },
    });
    expect(words('remind me to call Bob at quarter past 4 EST')).toEqual({
      spans: ['at quarter past 4 EST'],
      zone: { label: 'EST', zone: 'America/New_York' },
    });
  });

  it('has none when the phrase is asked back', () => {
    expect(
      readQuickAdd('remind me to call Ana at ten past', { now: new Date(NOW), timeZone: 'Europe/Berlin' }).reading,
    ).toBeNull();
  });
});
