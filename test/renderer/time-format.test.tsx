import { describe, expect, it } from 'vitest';
import {
  dayKey,
  formatDateTime,
  formatDay,
  formatRange,
  formatWhen,
  fromLocalInput,
  minutesUntilTomorrowAt,
  toLocalInput,
} from '../../renderer/src/time-format';

// Monday 30 November 2026, 10:00 in Berlin.
const berlin = { now: new Date('2026-11-30T09:00:00Z'), timeZone: 'Europe/Berlin' };

describe('time formatting', () => {
  it('names today and tomorrow, and gives other days their weekday and date', () => {
    expect(formatWhen('2026-11-30T16:00:00Z', berlin)).toBe('Today 17:00');
    expect(formatWhen('2026-12-01T08:00:00Z', berlin)).toBe('Tomorrow 09:00');
    expect(formatWhen('2026-12-08T14:00:00Z', berlin)).toBe('Tue 8 Dec 15:00');
    expect(formatWhen('2026-11-29T19:30:00Z', berlin)).toBe('Yesterday 20:30');
  });

  it('uses the zone for the day, not UTC', () => {
    // 23:30 UTC on the 30th is already 00:30 on 1 December in Berlin.
    expect(formatWhen('2026-11-30T23:30:00Z', berlin)).toBe('Tomorrow 00:30');
    expect(dayKey('2026-11-30T23:30:00Z', 'Europe/Berlin')).toBe('2026-12-01');
    expect(formatWhen('2026-11-30T23:30:00Z', { ...berlin, timeZone: 'America/New_York' })).toBe('Today 18:30');
  });

  it('adds the year only for another year', () => {
    expect(formatDay('2027-01-05T08:00:00Z', berlin)).toBe('Tue 5 Jan 2027');
    expect(formatDateTime('2026-12-01T14:00:00Z', berlin)).toBe('Tue 1 Dec 15:00');
  });

  it('writes ranges with an en dash, with the end date when it ends on another day', () => {
    expect(formatRange('2026-12-01T14:00:00Z', '2026-12-01T15:00:00Z', berlin)).toBe('15:00–16:00');
    expect(formatRange('2026-12-01T22:00:00Z', '2026-12-02T00:30:00Z', berlin)).toBe('23:00 – Wed 2 Dec 01:30');
  });

  it('keeps the time across DST changes in the zone', () => {
    // Clocks go forward on 29 March 2026 in Berlin: 09:00 is 07:00 UTC afterwards, 08:00 UTC before.
    const spring = { now: new Date('2026-03-28T12:00:00Z'), timeZone: 'Europe/Berlin' };
    expect(formatWhen('2026-03-28T08:00:00Z', spring)).toBe('Today 09:00');
    expect(formatWhen('2026-03-29T07:00:00Z', spring)).toBe('Tomorrow 09:00');
  });

  it('turns a datetime-local value into ISO with the local offset and back', () => {
    const iso = fromLocalInput('2026-12-01T17:30');
    expect(iso).toMatch(/^2026-12-01T17:30:00[+-]\d{2}:\d{2}$/);
    expect(toLocalInput(iso as string)).toBe('2026-12-01T17:30');
    expect(new Date(iso as string).getTime()).toBe(new Date(2026, 11, 1, 17, 30).getTime());
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2026-12-01')).toBeNull();
  });

  it('counts the minutes to tomorrow 09:00', () => {
    expect(minutesUntilTomorrowAt(9, new Date(2026, 11, 1, 17, 30))).toBe(15 * 60 + 30);
    expect(minutesUntilTomorrowAt(9, new Date(2026, 11, 1, 0, 0))).toBe(33 * 60);
  });
});
