import { describe, expect, it } from 'vitest';
import { occurrenceAfter } from '../../main/core/reminders/occurrences';
import { RecurrenceError } from '../../main/core/reminders/recurrence-error';
import { describeRecurrence } from '../../main/core/reminders/recurrence-wording';
import { normalizeRRule } from '../../main/core/reminders/rrule-parse';
import { isValidTimeZone, toZonedIso } from '../../main/core/reminders/zone-offsets';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The next `n` occurrences after `after`, as local ISO text in the zone. */
function next(rrule: string, start: string, timeZone: string, after: string, n: number): string[] {
  const out: string[] = [];
  let cursor = new Date(after);
  for (let i = 0; i < n; i++) {
    const occurrence = occurrenceAfter(rrule, start, timeZone, cursor);
    if (occurrence === null) break;
    out.push(toZonedIso(occurrence, timeZone));
    cursor = occurrence;
  }
  return out;
}

function expectError(fn: () => unknown, message: string | RegExp): void {
  expect(fn).toThrow(RecurrenceError);
  expect(fn).toThrow(message);
}

describe('occurrenceAfter across DST in Europe/Berlin', () => {
  const start = '2026-01-01T09:00:00+01:00';

  it('keeps a daily 09:00 at 09:00 local through spring forward (2026-03-29)', () => {
    const got = next('FREQ=DAILY', start, BERLIN, '2026-03-27T12:00:00Z', 3);
    expect(got).toEqual(['2026-03-28T09:00:00+01:00', '2026-03-29T09:00:00+02:00', '2026-03-30T09:00:00+02:00']);
    // The change day is 23 hours long, so the instants are 23 hours apart.
    expect(Date.parse(got[1] ?? '') - Date.parse(got[0] ?? '')).toBe(23 * HOUR_MS);
  });

  it('keeps a daily 09:00 at 09:00 local through fall back (2026-10-25)', () => {
    const got = next('FREQ=DAILY', start, BERLIN, '2026-10-23T12:00:00Z', 3);
    expect(got).toEqual(['2026-10-24T09:00:00+02:00', '2026-10-25T09:00:00+01:00', '2026-10-26T09:00:00+01:00']);
    expect(Date.parse(got[1] ?? '') - Date.parse(got[0] ?? '')).toBe(25 * HOUR_MS);
  });

  it('moves a daily 02:30 forward by the gap to 03:30 on the spring-forward day', () => {
    const got = next('FREQ=DAILY', '2026-01-01T02:30:00+01:00', BERLIN, '2026-03-27T12:00:00Z', 3);
    expect(got).toEqual(['2026-03-28T02:30:00+01:00', '2026-03-29T03:30:00+02:00', '2026-03-30T02:30:00+02:00']);
  });

  it('fires a daily 02:30 once, at the first (summer-time) 02:30, on the fall-back day', () => {
    const got = next('FREQ=DAILY', '2026-01-01T02:30:00+01:00', BERLIN, '2026-10-23T12:00:00Z', 3);
    expect(got).toEqual(['2026-10-24T02:30:00+02:00', '2026-10-25T02:30:00+02:00', '2026-10-26T02:30:00+01:00']);
    // After either 02:30 of that day, the next one is the following day: never twice.
    for (const after of ['2026-10-25T02:30:00+02:00', '2026-10-25T02:30:00+01:00', '2026-10-25T02:59:59+01:00']) {
      const occurrence = occurrenceAfter('FREQ=DAILY', '2026-01-01T02:30:00+01:00', BERLIN, new Date(after));
      expect(toZonedIso(occurrence ?? new Date(NaN), BERLIN)).toBe('2026-10-26T02:30:00+01:00');
    }
  });
});

describe('occurrenceAfter across DST in America/New_York', () => {
  const start = '2026-01-01T09:00:00-05:00';

  it('keeps a daily 09:00 at 09:00 local through spring forward (2026-03-08)', () => {
    expect(next('FREQ=DAILY', start, NEW_YORK, '2026-03-06T18:00:00Z', 3)).toEqual([
      '2026-03-07T09:00:00-05:00',
      '2026-03-08T09:00:00-04:00',
      '2026-03-09T09:00:00-04:00',
    ]);
  });

  it('keeps a daily 09:00 at 09:00 local through fall back (2026-11-01)', () => {
    expect(next('FREQ=DAILY', start, NEW_YORK, '2026-10-30T18:00:00Z', 3)).toEqual([
      '2026-10-31T09:00:00-04:00',
      '2026-11-01T09:00:00-05:00',
      '2026-11-02T09:00:00-05:00',
    ]);
  });

  it('moves a daily 02:30 to 03:30 on the spring-forward day', () => {
    expect(next('FREQ=DAILY', '2026-01-01T02:30:00-05:00', NEW_YORK, '2026-03-06T18:00:00Z', 3)).toEqual([
      '2026-03-07T02:30:00-05:00',
      '2026-03-08T03:30:00-04:00',
      '2026-03-09T02:30:00-04:00',
    ]);
  });

  it('fires a daily 01:30 once, at the first (daylight-time) 01:30, on the fall-back day', () => {
    const start0130 = '2026-01-01T01:30:00-05:00';
    expect(next('FREQ=DAILY', start0130, NEW_YORK, '2026-10-30T18:00:00Z', 3)).toEqual([
      '2026-10-31T01:30:00-04:00',
      '2026-11-01T01:30:00-04:00',
      '2026-11-02T01:30:00-05:00',
    ]);
    const afterFirst = occurrenceAfter('FREQ=DAILY', start0130, NEW_YORK, new Date('2026-11-01T01:30:00-04:00'));
    expect(toZonedIso(afterFirst ?? new Date(NaN), NEW_YORK)).toBe('2026-11-02T01:30:00-05:00');
  });
});

describe('occurrenceAfter by frequency', () => {
  it('returns the start itself when `after` is before it', () => {
    const got = occurrenceAfter('FREQ=DAILY', '2026-05-01T09:00:00+02:00', BERLIN, new Date('2026-01-01T00:00:00Z'));
    expect(toZonedIso(got ?? new Date(NaN), BERLIN)).toBe('2026-05-01T09:00:00+02:00');
  });

  it('weekly on Monday, Wednesday and Friday', () => {
    const start = '2026-01-05T18:30:00+01:00'; // a Monday
    expect(next('FREQ=WEEKLY;BYDAY=MO,WE,FR', start, BERLIN, start, 5)).toEqual([
      '2026-01-07T18:30:00+01:00',
      '2026-01-09T18:30:00+01:00',
      '2026-01-12T18:30:00+01:00',
      '2026-01-14T18:30:00+01:00',
      '2026-01-16T18:30:00+01:00',
    ]);
  });

  it('weekly on the start weekday when BYDAY is absent', () => {
    const start = '2026-01-07T07:00:00+01:00'; // a Wednesday
    expect(next('FREQ=WEEKLY', start, BERLIN, start, 2)).toEqual([
      '2026-01-14T07:00:00+01:00',
      '2026-01-21T07:00:00+01:00',
    ]);
  });

  it('every weekday, as WEEKLY or as DAILY with BYDAY', () => {
    const start = '2026-01-09T09:00:00+01:00'; // a Friday
    const expected = ['2026-01-12T09:00:00+01:00', '2026-01-13T09:00:00+01:00', '2026-01-14T09:00:00+01:00'];
    expect(next('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start, BERLIN, start, 3)).toEqual(expected);
    expect(next('FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', start, BERLIN, start, 3)).toEqual(expected);
  });

  it('every 2 weeks, including a jump far ahead and across DST', () => {
    const start = '2026-01-09T08:00:00+01:00'; // a Friday
    expect(next('FREQ=WEEKLY;INTERVAL=2', start, BERLIN, start, 2)).toEqual([
      '2026-01-23T08:00:00+01:00',
      '2026-02-06T08:00:00+01:00',
    ]);
    // 2026-05-29 is start + 20 weeks; the next is 2026-06-12.
    expect(next('FREQ=WEEKLY;INTERVAL=2', start, BERLIN, '2026-06-01T00:00:00Z', 1)).toEqual([
      '2026-06-12T08:00:00+02:00',
    ]);
  });

  it('every 2 weeks on Monday and Friday skips the weeks between', () => {
    const start = '2026-01-05T08:00:00+01:00'; // a Monday
    expect(next('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR', start, BERLIN, start, 3)).toEqual([
      '2026-01-09T08:00:00+01:00',
      '2026-01-19T08:00:00+01:00',
      '2026-01-23T08:00:00+01:00',
    ]);
  });

  it('monthly on the 31st skips months without one', () => {
    const start = '2026-01-31T10:00:00+01:00';
    const expected = [
      '2026-03-31T10:00:00+02:00',
      '2026-05-31T10:00:00+02:00',
      '2026-07-31T10:00:00+02:00',
      '2026-08-31T10:00:00+02:00',
      '2026-10-31T10:00:00+01:00',
    ];
    expect(next('FREQ=MONTHLY;BYMONTHDAY=31', start, BERLIN, start, 5)).toEqual(expected);
    expect(next('FREQ=MONTHLY', start, BERLIN, start, 5)).toEqual(expected);
  });

  it('monthly on the last day (-1), with 29 February in a leap year', () => {
    const start = '2026-01-31T10:00:00+01:00';
    expect(next('FREQ=MONTHLY;BYMONTHDAY=-1', start, BERLIN, '2026-01-01T00:00:00Z', 4)).toEqual([
      '2026-01-31T10:00:00+01:00',
      '2026-02-28T10:00:00+01:00',
      '2026-03-31T10:00:00+02:00',
      '2026-04-30T10:00:00+02:00',
    ]);
    expect(next('FREQ=MONTHLY;BYMONTHDAY=-1', start, BERLIN, '2028-02-01T00:00:00Z', 2)).toEqual([
      '2028-02-29T10:00:00+01:00',
      '2028-03-31T10:00:00+02:00',
    ]);
  });

  it('monthly on several days, the start counting as the first', () => {
    const start = '2026-01-10T10:00:00+01:00';
    expect(next('FREQ=MONTHLY;BYMONTHDAY=1,15', start, BERLIN, '2026-01-01T00:00:00Z', 4)).toEqual([
      '2026-01-10T10:00:00+01:00',
      '2026-01-15T10:00:00+01:00',
      '2026-02-01T10:00:00+01:00',
      '2026-02-15T10:00:00+01:00',
    ]);
  });

  it('every 30 minutes fires every 30 real minutes across spring forward (02:00 → 03:00) and fall back', () => {
    // 01:00+01:00 is 00:00Z; 30 minutes later is 01:30+01:00, 60 minutes later 01:00Z, which is
    // already 03:00+02:00: the skipped hour holds no occurrence and no gap opens.
    const spring = next(
      'FREQ=MINUTELY;INTERVAL=30',
      '2026-03-29T01:00:00+01:00',
      BERLIN,
      '2026-03-29T01:00:00+01:00',
      4,
    );
    expect(spring).toEqual([
      '2026-03-29T01:30:00+01:00',
      '2026-03-29T03:00:00+02:00',
      '2026-03-29T03:30:00+02:00',
      '2026-03-29T04:00:00+02:00',
    ]);
    // 02:00+02:00 is 00:00Z; the hour 02:00–03:00 is lived twice and fires in both.
    const fall = next('FREQ=MINUTELY;INTERVAL=30', '2026-10-25T02:00:00+02:00', BERLIN, '2026-10-25T02:00:00+02:00', 4);
    expect(fall).toEqual([
      '2026-10-25T02:30:00+02:00',
      '2026-10-25T02:00:00+01:00',
      '2026-10-25T02:30:00+01:00',
      '2026-10-25T03:00:00+01:00',
    ]);
  });

  it('every 45 minutes counts COUNT from the start, and a rule started years ago lands on its own step', () => {
    expect(
      next('FREQ=MINUTELY;INTERVAL=45;COUNT=3', '2026-06-01T09:00:00+02:00', BERLIN, '2026-06-01T09:00:00+02:00', 5),
    ).toEqual(['2026-06-01T09:45:00+02:00', '2026-06-01T10:30:00+02:00']);
    // Every 15 minutes from midnight UTC stays on the quarter hours of UTC.
    const got = occurrenceAfter(
      'FREQ=MINUTELY;INTERVAL=15',
      '2020-01-01T00:00:00Z',
      'UTC',
      new Date('2026-05-05T10:07:00Z'),
    );
    expect(got?.toISOString()).toBe('2026-05-05T10:15:00.000Z');
  });

  it('every 3 hours stays 3 real hours apart across spring forward and fall back', () => {
    const spring = next('FREQ=HOURLY;INTERVAL=3', '2026-03-28T20:00:00+01:00', BERLIN, '2026-03-28T20:00:00+01:00', 3);
    expect(spring).toEqual(['2026-03-28T23:00:00+01:00', '2026-03-29T03:00:00+02:00', '2026-03-29T06:00:00+02:00']);
    const fall = next('FREQ=HOURLY;INTERVAL=3', '2026-10-24T23:00:00+02:00', BERLIN, '2026-10-24T23:00:00+02:00', 3);
    expect(fall).toEqual(['2026-10-25T02:00:00+02:00', '2026-10-25T04:00:00+01:00', '2026-10-25T07:00:00+01:00']);
    for (const list of [spring, fall]) {
      expect(Date.parse(list[1] ?? '') - Date.parse(list[0] ?? '')).toBe(3 * HOUR_MS);
      expect(Date.parse(list[2] ?? '') - Date.parse(list[1] ?? '')).toBe(3 * HOUR_MS);
    }
  });

  it('COUNT ends the rule: null after the last occurrence (the start is the first)', () => {
    const start = '2026-01-01T09:00:00+01:00';
    expect(next('FREQ=DAILY;COUNT=3', start, BERLIN, start, 5)).toEqual([
      '2026-01-02T09:00:00+01:00',
      '2026-01-03T09:00:00+01:00',
    ]);
    expect(occurrenceAfter('FREQ=DAILY;COUNT=3', start, BERLIN, new Date('2030-01-01T00:00:00Z'))).toBeNull();
    expect(occurrenceAfter('FREQ=DAILY;COUNT=1', start, BERLIN, new Date(start))).toBeNull();
    // Wednesday start, then Mon 12, Wed 14, Mon 19, Wed 21: five in all.
    const weekly = 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5';
    const wednesday = '2026-01-07T09:00:00+01:00';
    expect(next(weekly, wednesday, BERLIN, '2026-01-20T00:00:00Z', 3)).toEqual(['2026-01-21T09:00:00+01:00']);
  });

  it('UNTIL ends the rule, inclusive, in UTC form and in date form', () => {
    const start = '2026-01-01T09:00:00+01:00';
    expect(next('FREQ=DAILY;UNTIL=20260103T080000Z', start, BERLIN, start, 5)).toEqual([
      '2026-01-02T09:00:00+01:00',
      '2026-01-03T09:00:00+01:00',
    ]);
    expect(next('FREQ=DAILY;UNTIL=20260103T075959Z', start, BERLIN, start, 5)).toEqual(['2026-01-02T09:00:00+01:00']);
    expect(next('FREQ=DAILY;UNTIL=20260103', start, BERLIN, start, 5)).toEqual([
      '2026-01-02T09:00:00+01:00',
      '2026-01-03T09:00:00+01:00',
    ]);
    expect(occurrenceAfter('FREQ=MONTHLY;UNTIL=20270101', start, BERLIN, new Date('2027-06-01T00:00:00Z'))).toBeNull();
  });

  it('yearly on 29 February skips non-leap years', () => {
    const start = '2024-02-29T09:00:00+01:00';
    expect(next('FREQ=YEARLY', start, BERLIN, start, 3)).toEqual([
      '2028-02-29T09:00:00+01:00',
      '2032-02-29T09:00:00+01:00',
      '2036-02-29T09:00:00+01:00',
    ]);
    // 2100 is not a leap year.
    expect(next('FREQ=YEARLY', start, BERLIN, '2096-03-01T00:00:00Z', 1)).toEqual(['2104-02-29T09:00:00+01:00']);
  });

  it('yearly on an ordinary date', () => {
    const start = '2026-03-05T09:00:00+01:00';
    expect(next('FREQ=YEARLY', start, BERLIN, start, 2)).toEqual([
      '2027-03-05T09:00:00+01:00',
      '2028-03-05T09:00:00+01:00',
    ]);
  });

  it('returns null for a rule that can never fire again', () => {
    // Every 12 months on the 30th, counted from February: February never has a 30th.
    const rule = 'FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30';
    expect(occurrenceAfter(rule, '2026-02-01T09:00:00+01:00', BERLIN, new Date('2026-03-01T00:00:00Z'))).toBeNull();
  });
});

describe('occurrenceAfter for rules started long ago', () => {
  it('daily from 2000: the next after mid-2026 is the following morning', () => {
    const got = occurrenceAfter('FREQ=DAILY', '2000-01-01T09:00:00+01:00', BERLIN, new Date('2026-07-01T12:00:00Z'));
    expect(toZonedIso(got ?? new Date(NaN), BERLIN)).toBe('2026-07-02T09:00:00+02:00');
  });

  it('every 5 hours from 5 years ago counts real hours', () => {
    // 2021-06-01 → 2026-06-01 is 1826 days = 43,824 h; 43,820 h is the last multiple of 5 before.
    const got = occurrenceAfter(
      'FREQ=HOURLY;INTERVAL=5',
      '2021-06-01T00:00:00Z',
      BERLIN,
      new Date('2026-06-01T00:00:00Z'),
    );
    expect(got?.toISOString()).toBe('2026-06-01T01:00:00.000Z');
    expect(toZonedIso(got ?? new Date(NaN), BERLIN)).toBe('2026-06-01T03:00:00+02:00');
  });

  it('monthly on the last day from 2000 lands on the right day in 2026', () => {
    const got = occurrenceAfter(
      'FREQ=MONTHLY;BYMONTHDAY=-1',
      '2000-01-31T18:00:00+01:00',
      BERLIN,
      new Date('2026-02-10T00:00:00Z'),
    );
    expect(toZonedIso(got ?? new Date(NaN), BERLIN)).toBe('2026-02-28T18:00:00+01:00');
  });

  // A plain reference in UTC (no DST): walk every day (or hour) from the start and keep the ones
  // the rule names. Jumping ahead, with and without COUNT, must agree with it at arbitrary
  // `after` times and right before and at every occurrence, the last one included.
  const walkDays = (start: string, count: number, keeps: (day: Date) => boolean): number[] => {
    const startMs = Date.parse(start);
    const timeOfDay = startMs % DAY_MS;
    const out = [startMs];
    for (let day = startMs - timeOfDay + DAY_MS; out.length < count; day += DAY_MS) {
      if (keeps(new Date(day))) out.push(day + timeOfDay);
    }
    return out;
  };
  const daysSince = (day: Date, iso: string): number => (day.getTime() - Date.parse(iso)) / DAY_MS;
  const cases: { rrule: string; start: string; expected: () => number[] }[] = [
    {
      rrule: 'FREQ=HOURLY;INTERVAL=7;COUNT=300',
      start: '2019-03-04T07:15:00Z',
      expected: () => Array.from({ length: 300 }, (_, k) => Date.parse('2019-03-04T07:15:00Z') + k * 7 * HOUR_MS),
    },
    {
      rrule: 'FREQ=DAILY;INTERVAL=4;COUNT=120',
      start: '2019-03-04T07:15:00Z',
      expected: () => walkDays('2019-03-04T07:15:00Z', 120, (d) => daysSince(d, '2019-03-04') % 4 === 0),
    },
    {
      rrule: 'FREQ=DAILY;INTERVAL=3;BYDAY=MO,FR;COUNT=150',
      start: '2019-03-04T07:15:00Z',
      expected: () =>
        walkDays(
          '2019-03-04T07:15:00Z',
          150,
          (d) => daysSince(d, '2019-03-04') % 3 === 0 && [1, 5].includes(d.getUTCDay()),
        ),
    },
    {
      rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH,SU;COUNT=200',
      start: '2019-03-07T07:15:00Z', // a Thursday, in the week of Monday 2019-03-04
      expected: () =>
        walkDays(
          '2019-03-07T07:15:00Z',
          200,
          (d) => Math.floor(daysSince(d, '2019-03-04') / 7) % 2 === 0 && [2, 4, 0].includes(d.getUTCDay()),
        ),
    },
    {
      rrule: 'FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=30,-1;COUNT=40',
      start: '2019-01-30T07:15:00Z',
      expected: () =>
        walkDays('2019-01-30T07:15:00Z', 40, (d) => {
          const months = (d.getUTCFullYear() - 2019) * 12 + d.getUTCMonth();
          const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
          return months % 5 === 0 && (d.getUTCDate() === 30 || d.getUTCDate() === last);
        }),
    },
    {
      rrule: 'FREQ=YEARLY;INTERVAL=2;COUNT=8',
      start: '2001-03-05T07:15:00Z',
      expected: () =>
        walkDays(
          '2001-03-05T07:15:00Z',
          8,
          (d) => d.getUTCFullYear() % 2 === 1 && d.getUTCMonth() === 2 && d.getUTCDate() === 5,
        ),
    },
    {
      rrule: 'FREQ=YEARLY;COUNT=6',
      start: '2004-02-29T07:15:00Z',
      expected: () => walkDays('2004-02-29T07:15:00Z', 6, (d) => d.getUTCMonth() === 1 && d.getUTCDate() === 29),
    },
  ];
  for (const { rrule, start, expected } of cases) {
    it(`agrees with a plain walk: ${rrule}`, () => {
      const occurrences = expected();
      const first = occurrences[0] ?? 0;
      const last = occurrences[occurrences.length - 1] ?? 0;
      const withoutCount = rrule.replace(/;COUNT=\d+/, '');
      const afters = occurrences.flatMap((t) => [t - 1, t]);
      let seed = 7;
      for (let i = 0; i < 300; i++) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        afters.push(first - DAY_MS + (seed / 2_147_483_648) * (last - first + 30 * DAY_MS));
      }
      for (const after of afters) {
        const want = occurrences.find((t) => t > after) ?? null;
        expect(occurrenceAfter(rrule, start, 'UTC', new Date(after))?.getTime() ?? null).toBe(want);
        if (want !== null) expect(occurrenceAfter(withoutCount, start, 'UTC', new Date(after))?.getTime()).toBe(want);
      }
    });
  }
});

describe('occurrenceAfter input errors', () => {
  it('names an unknown zone, an unreadable start and an invalid date', () => {
    expectError(
      () => occurrenceAfter('FREQ=DAILY', '2026-01-01T09:00:00Z', 'Mars/Olympus', new Date()),
      /Unknown time zone "Mars\/Olympus"/,
    );
    expectError(
      () => occurrenceAfter('FREQ=DAILY', 'tomorrow', BERLIN, new Date()),
      /Start "tomorrow" is not an ISO 8601/,
    );
    expectError(() => occurrenceAfter('FREQ=DAILY', '2026-02-30T09:00:00Z', BERLIN, new Date()), /Start "2026-02-30/);
    expectError(() => occurrenceAfter('FREQ=DAILY', '2026-01-01T09:00:00Z', BERLIN, new Date(NaN)), /valid Date/);
  });

  it('reads a start without an offset as wall time in the zone', () => {
    const got = occurrenceAfter('FREQ=DAILY', '2026-07-01T09:00', BERLIN, new Date('2026-07-01T12:00:00Z'));
    expect(toZonedIso(got ?? new Date(NaN), BERLIN)).toBe('2026-07-02T09:00:00+02:00');
  });
});

describe('normalizeRRule', () => {
  it('accepts any case, any order, the RRULE: prefix, and writes the canonical text', () => {
    expect(normalizeRRule('RRULE:freq=daily')).toBe('FREQ=DAILY;INTERVAL=1');
    expect(normalizeRRule('byday=we,mo;FREQ=weekly')).toBe('FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE');
    expect(normalizeRRule(' FREQ=WEEKLY; INTERVAL=2; BYDAY=FR,FR; WKST=SU; ')).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=FR');
    expect(normalizeRRule('FREQ=MONTHLY;BYMONTHDAY=-1,15,1')).toBe('FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1,15,-1');
    expect(normalizeRRule('FREQ=DAILY;COUNT=3')).toBe('FREQ=DAILY;INTERVAL=1;COUNT=3');
    expect(normalizeRRule('until=20261231t235959z;freq=hourly;interval=3')).toBe(
      'FREQ=HOURLY;INTERVAL=3;UNTIL=20261231T235959Z',
    );
    expect(normalizeRRule('FREQ=YEARLY;UNTIL=20301231')).toBe('FREQ=YEARLY;INTERVAL=1;UNTIL=20301231');
    expect(normalizeRRule('interval=30;freq=minutely')).toBe('FREQ=MINUTELY;INTERVAL=30');
    expect(normalizeRRule('FREQ=MINUTELY;INTERVAL=5')).toBe('FREQ=MINUTELY;INTERVAL=5');
  });

  it('refuses a rule more often than every 5 minutes: a notification storm, not a reminder', () => {
    expectError(
      () => normalizeRRule('FREQ=MINUTELY'),
      'A reminder can repeat at most every 5 minutes (FREQ=MINUTELY;INTERVAL=5 or more), not every minute.',
    );
    expectError(() => normalizeRRule('FREQ=MINUTELY;INTERVAL=4'), 'not every 4 minutes.');
  });

  it('rejects what it does not support, naming the problem', () => {
    expectError(
      () => normalizeRRule('FREQ=SECONDLY'),
      'Unsupported FREQ "SECONDLY". Supported: MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY.',
    );
    expectError(
      () => normalizeRRule('FREQ=DAILY;BYSETPOS=1'),
      'Unsupported RRULE part "BYSETPOS". Supported: FREQ (MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL.',
    );
    expectError(() => normalizeRRule('FREQ=WEEKLY;BYDAY=XX'), 'BYDAY "XX" is not a weekday');
    expectError(
      () => normalizeRRule('FREQ=MONTHLY;BYDAY=1MO'),
      'BYDAY is supported only with FREQ=WEEKLY or FREQ=DAILY',
    );
    expectError(() => normalizeRRule('FREQ=WEEKLY;BYDAY=1MO'), 'BYDAY "1MO" (a numbered weekday) is not supported');
    expectError(
      () => normalizeRRule('FREQ=DAILY;INTERVAL=0'),
      'INTERVAL must be a whole number from 1 to 9999, not "0".',
    );
    expectError(() => normalizeRRule('INTERVAL=0'), 'The RRULE has no FREQ');
    expectError(() => normalizeRRule('FREQ=DAILY;COUNT=-2'), 'COUNT must be a whole number');
    expectError(() => normalizeRRule('FREQ=WEEKLY;BYMONTHDAY=3'), 'BYMONTHDAY is supported only with FREQ=MONTHLY');
    expectError(() => normalizeRRule('FREQ=MONTHLY;BYMONTHDAY=0'), 'BYMONTHDAY "0" is not supported');
    expectError(() => normalizeRRule('FREQ=MONTHLY;BYMONTHDAY=-2'), 'BYMONTHDAY "-2" is not supported');
    expectError(() => normalizeRRule('FREQ=DAILY;UNTIL=2026-12-31'), 'UNTIL "2026-12-31" is not a valid date');
    expectError(() => normalizeRRule('FREQ=DAILY;UNTIL=20260231'), 'UNTIL "20260231" is not a valid date');
    expectError(() => normalizeRRule('FREQ=DAILY;COUNT=2;UNTIL=20261231'), 'COUNT and UNTIL cannot be used together');
    expectError(() => normalizeRRule('FREQ=DAILY;FREQ=WEEKLY'), 'The RRULE part "FREQ" appears twice');
    expectError(() => normalizeRRule('every day please'), 'Cannot read the RRULE part "every day please"');
    expectError(() => normalizeRRule('FREQ=DAILY;;=3'), 'Cannot read the RRULE part "=3"');
    expectError(() => normalizeRRule(''), 'The recurrence rule is empty');
  });
});

describe('describeRecurrence', () => {
  const cases: [string, string, string][] = [
    ['FREQ=DAILY', '2026-01-01T17:00:00+01:00', 'every day at 17:00'],
    ['FREQ=DAILY;INTERVAL=2', '2026-01-01T17:00:00+01:00', 'every 2 days at 17:00'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', '2026-01-05T09:00:00+01:00', 'every weekday at 09:00'],
    ['FREQ=DAILY;BYDAY=FR,MO,TU,WE,TH', '2026-01-05T09:00:00+01:00', 'every weekday at 09:00'],
    ['FREQ=WEEKLY;BYDAY=MO,WE', '2026-01-05T18:30:00+01:00', 'every Monday and Wednesday at 18:30'],
    ['FREQ=WEEKLY;BYDAY=MO,WE,FR', '2026-01-05T18:30:00+01:00', 'every Monday, Wednesday and Friday at 18:30'],
    ['FREQ=WEEKLY', '2026-01-05T18:30:00+01:00', 'every Monday at 18:30'],
    ['FREQ=WEEKLY;INTERVAL=2', '2026-01-09T08:00:00+01:00', 'every 2 weeks on Friday at 08:00'],
    [
      'FREQ=MONTHLY;BYMONTHDAY=31',
      '2026-01-31T10:00:00+01:00',
      'every month on the 31st at 10:00 (skips shorter months)',
    ],
    ['FREQ=MONTHLY', '2026-01-15T10:00:00+01:00', 'every month on the 15th at 10:00'],
    [
      'FREQ=MONTHLY;BYMONTHDAY=1,2,3,22',
      '2026-01-01T10:00:00+01:00',
      'every month on the 1st, 2nd, 3rd and 22nd at 10:00',
    ],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', '2026-01-31T10:00:00+01:00', 'on the last day of every month at 10:00'],
    [
      'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1',
      '2026-01-31T10:00:00+01:00',
      'on the last day of every 3 months at 10:00',
    ],
    ['FREQ=HOURLY;INTERVAL=3', '2026-01-01T10:00:00+01:00', 'every 3 hours'],
    ['FREQ=HOURLY', '2026-01-01T10:00:00+01:00', 'every hour'],
    ['FREQ=MINUTELY;INTERVAL=30', '2026-01-01T10:00:00+01:00', 'every 30 minutes'],
    ['FREQ=MINUTELY;INTERVAL=90;COUNT=4', '2026-01-01T10:00:00+01:00', 'every 90 minutes, 4 times'],
    ['FREQ=YEARLY', '2026-03-05T09:00:00+01:00', 'every year on 5 March at 09:00'],
    ['FREQ=YEARLY', '2024-02-29T09:00:00+01:00', 'every year on 29 February at 09:00 (skips non-leap years)'],
    ['FREQ=DAILY;COUNT=3', '2026-01-01T09:00:00+01:00', 'every day at 09:00, 3 times'],
    ['FREQ=DAILY;UNTIL=20261231', '2026-01-01T09:00:00+01:00', 'every day at 09:00, until 31 December 2026'],
    // The time of day is read in the zone, not from the offset the start was written with.
    ['FREQ=DAILY', '2026-07-01T07:00:00Z', 'every day at 09:00'],
  ];
  for (const [rrule, start, text] of cases) {
    it(`${rrule} → "${text}"`, () => {
      expect(describeRecurrence(rrule, start, BERLIN)).toBe(text);
    });
  }
});

describe('toZonedIso and isValidTimeZone', () => {
  it('formats with the offset in force at that instant, to the second', () => {
    expect(toZonedIso(new Date('2026-03-29T07:00:00.999Z'), BERLIN)).toBe('2026-03-29T09:00:00+02:00');
    expect(toZonedIso(new Date('2026-01-15T08:00:00Z'), BERLIN)).toBe('2026-01-15T09:00:00+01:00');
    expect(toZonedIso(new Date('2026-01-15T14:00:00Z'), NEW_YORK)).toBe('2026-01-15T09:00:00-05:00');
    expect(toZonedIso(new Date('2026-07-15T13:00:00Z'), NEW_YORK)).toBe('2026-07-15T09:00:00-04:00');
    expect(toZonedIso(new Date('2026-07-15T13:00:00Z'), 'Asia/Kolkata')).toBe('2026-07-15T18:30:00+05:30');
    expect(toZonedIso(new Date('2026-07-15T13:00:00Z'), 'Asia/Kathmandu')).toBe('2026-07-15T18:45:00+05:45');
    expect(toZonedIso(new Date('2026-07-15T13:00:00Z'), 'UTC')).toBe('2026-07-15T13:00:00+00:00');
    // Right at the transitions: the instant of the jump carries the new offset.
    expect(toZonedIso(new Date('2026-03-29T00:59:59Z'), BERLIN)).toBe('2026-03-29T01:59:59+01:00');
    expect(toZonedIso(new Date('2026-03-29T01:00:00Z'), BERLIN)).toBe('2026-03-29T03:00:00+02:00');
    expect(toZonedIso(new Date('2026-10-25T00:59:59Z'), BERLIN)).toBe('2026-10-25T02:59:59+02:00');
    expect(toZonedIso(new Date('2026-10-25T01:00:00Z'), BERLIN)).toBe('2026-10-25T02:00:00+01:00');
  });

  it('throws RecurrenceError for an unknown zone or an invalid date', () => {
    expectError(() => toZonedIso(new Date(), 'Nowhere/Land'), /Unknown time zone "Nowhere\/Land"/);
    expectError(() => toZonedIso(new Date(NaN), BERLIN), /valid Date/);
  });

  it('tells valid IANA zones from anything else', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'UTC']) {
      expect(isValidTimeZone(zone)).toBe(true);
    }
    for (const zone of ['Mars/Olympus', '', 'Berlin', 'Europe/Berlin ']) {
      expect(isValidTimeZone(zone)).toBe(false);
    }
  });
});
