// VTIMEZONE blocks generated from the zone database, checked through ical.js against the known
// 2027 changes: US 14 March 02:00 EST and 7 November 02:00 EDT; EU 28 March and 31 October 01:00 UTC.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { vtimezoneText } from '../../main/core/calendar-sync/vtimezone';
import { blocks } from '../support/ical-text';

function zoneFrom(text: string): ICAL.Timezone {
  const component = new ICAL.Component(ICAL.parse(text));
  return new ICAL.Timezone({ component, tzid: String(component.getFirstPropertyValue('tzid')) });
}
/** The instant of a wall-clock time in the zone, as ical.js computes it from the VTIMEZONE. */
function instant(zone: ICAL.Timezone, local: string): string {
  const time = ICAL.Time.fromDateTimeString(local);
  time.zone = zone;
  return time.toJSDate().toISOString().replace('.000', '');
}
function offsetHours(zone: ICAL.Timezone, local: string): number {
  const time = ICAL.Time.fromDateTimeString(local);
  time.zone = zone;
  return zone.utcOffset(time) / 3600;
}

describe('a generated VTIMEZONE', () => {
  const newYork = zoneFrom(vtimezoneText('America/New_York', 2027, 2027));
  const berlin = zoneFrom(vtimezoneText('Europe/Berlin', 2027, 2027));

  it('gives New York -05:00 in January and -04:00 in July, also years past the span', () => {
    expect(offsetHours(newYork, '2027-01-15T12:00:00')).toBe(-5);
    expect(offsetHours(newYork, '2027-07-15T12:00:00')).toBe(-4);
    expect(offsetHours(newYork, '2040-07-15T12:00:00')).toBe(-4);
    expect(offsetHours(newYork, '2040-12-15T12:00:00')).toBe(-5);
  });

  it('changes at the 2027 transition instants', () => {
    // The last second before each change and the first wall-clock time after it.
    expect(instant(newYork, '2027-03-14T01:59:59')).toBe('2027-03-14T06:59:59Z');
    expect(instant(newYork, '2027-03-14T03:00:00')).toBe('2027-03-14T07:00:00Z');
    expect(instant(newYork, '2027-11-07T00:59:59')).toBe('2027-11-07T04:59:59Z');
    expect(instant(newYork, '2027-11-07T02:00:00')).toBe('2027-11-07T07:00:00Z');
    expect(instant(berlin, '2027-03-28T01:59:59')).toBe('2027-03-28T00:59:59Z');
    expect(instant(berlin, '2027-03-28T03:00:00')).toBe('2027-03-28T01:00:00Z');
    expect(instant(berlin, '2027-10-31T01:59:59')).toBe('2027-10-30T23:59:59Z');
    expect(instant(berlin, '2027-10-31T03:00:00')).toBe('2027-10-31T02:00:00Z');
  });

  it('writes the regular rules as yearly RRULEs', () => {
    const ny = vtimezoneText('America/New_York', 2027, 2027);
    expect(blocks(ny, 'DAYLIGHT')[0]).toEqual([
      'DTSTART:20270314T020000',
      'TZOFFSETFROM:-0500',
      'TZOFFSETTO:-0400',
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
    ]);
    expect(blocks(ny, 'STANDARD').at(-1)).toEqual([
      'DTSTART:20271107T020000',
      'TZOFFSETFROM:-0400',
      'TZOFFSETTO:-0500',
      'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
    ]);
    const eu = vtimezoneText('Europe/Berlin', 2027, 2027);
    expect(blocks(eu, 'DAYLIGHT')[0]).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    expect(blocks(eu, 'STANDARD').at(-1)).toContain('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
  });

  it('has one fixed observance for a zone without DST', () => {
    const tokyo = vtimezoneText('Asia/Tokyo', 2027, 2027);
    expect(blocks(tokyo, 'STANDARD')).toEqual([['DTSTART:20270101T000000', 'TZOFFSETFROM:+0900', 'TZOFFSETTO:+0900']]);
    expect(blocks(tokyo, 'DAYLIGHT')).toEqual([]);
  });
});
