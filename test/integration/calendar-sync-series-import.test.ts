// The sync engine with what other calendar apps make, against a real Radicale: a series with an
// EXDATE and a moved occurrence fires at the right times, a read-only calendar is shown but never
// written, an `.ics` file imports once, and disconnecting keeps only Aide's own items.
import { describe, expect, it } from 'vitest';
import type { SyncTarget } from '../../main/core/calendar-sync/sync-types';
import { utcStamp as utc } from '../support/ical-text';
import { getIcsRaw, mkCalendarRaw, OWNER_ONLY_RIGHTS, putIcsRaw, readOnlyRights } from '../support/radicale';
import {
  eventIcs,
  freshCalendars,
  inMinutes,
  newDataDir,
  openDevice,
  syncServerForFile,
  type Device,
} from '../support/sync-devices';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const { server, account } = syncServerForFile('carol', 'sync-series-pw');

async function freshDevice(
  extra: SyncTarget['shownCalendars'] = [],
): Promise<{ device: Device; tasksUrl: string; eventsUrl: string; target: SyncTarget }> {
  const { target, tasksUrl, eventsUrl } = await freshCalendars(server, account, { shownCalendars: extra });
  return { device: await openDevice(await newDataDir(), account.connect, () => target), tasksUrl, eventsUrl, target };
}

describe('a series that is more than its RRULE', () => {
  it('skips the EXDATE and fires the moved occurrence at its new time', async () => {
    const { device, eventsUrl } = await freshDevice();
    const first = Math.ceil(Date.now() / HOUR) * HOUR + HOUR;
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Other client//EN',
      'BEGIN:VEVENT',
      'UID:standup-series@example.org',
      'DTSTAMP:20260301T090000Z',
      `DTSTART:${utc(first)}`,
      `DTEND:${utc(first + HOUR / 2)}`,
      'SUMMARY:Standup',
      'RRULE:FREQ=DAILY;COUNT=5',
      `EXDATE:${utc(first + DAY)}`,
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:standup-series@example.org',
      'DTSTAMP:20260301T090000Z',
      `RECURRENCE-ID:${utc(first + 3 * DAY)}`,
      `DTSTART:${utc(first + 3 * DAY + 2 * HOUR)}`,
      `DTEND:${utc(first + 3 * DAY + 2 * HOUR + HOUR / 2)}`,
      'SUMMARY:Standup',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    expect((await putIcsRaw(server, `${eventsUrl}standup.ics`, ics)).status).toBe(201);
    await device.sync();

    const [series] = device.agenda.listAppointments();
    if (!series) throw new Error('the series did not arrive');
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const firing = device.agenda.firing({ kind: 'appointment', id: series.id });
      if (!firing) break;
      starts.push(Date.parse(firing.at));
      // What the scheduler does once it notified: the series moves on to its next occurrence.
      device.agenda.markFired('appointment', series.id, firing.firedFor);
      if (Date.parse(device.agenda.getAppointment(series.id).start) === starts.at(-1)) break;
    }
    expect(starts).toEqual([first, first + 2 * DAY, first + 3 * DAY + 2 * HOUR, first + 4 * DAY]);
  });
});

describe('a read-only calendar', () => {
  it('its items are in the agenda with their calendar, and a change here is not written back', async () => {
    const sharedUrl = await mkCalendarRaw(server, `${server.homeUrl}holidays/`, {
      displayName: 'Holidays',
      components: ['VEVENT'],
      color: '#aa0000',
    });
    const start = inMinutes(24 * 60);
    await putIcsRaw(
      server,
      `${sharedUrl}fair.ics`,
      eventIcs('fair@example.org', 'Town fair', start, inMinutes(26 * 60)),
    );
    server.setRights(readOnlyRights('carol', 'carol/holidays'));
    try {
      const holidays = await account.calendar('Holidays');
      expect(holidays.readOnly).toBe(true);
      const { device } = await freshDevice([holidays]);
      await device.sync();
      const [fair] = device.agenda.listAppointments();
      expect(fair && { title: fair.title, calendar: fair.calendar }).toEqual({
        title: 'Town fair',
        calendar: { name: 'Holidays', color: '#aa0000' },
      });

      device.agenda.updateAppointment(fair!.id, { title: 'Town fair (maybe)' });
      expect(device.engine.pendingCount()).toBe(0);
      const report = await device.sync();
      expect(report.skipped).toEqual([]);
      expect((await getIcsRaw(server, `${sharedUrl}fair.ics`)).body).toMatch(/^SUMMARY:Town fair\r?$/m);
    } finally {
      server.setRights(OWNER_ONLY_RIGHTS);
    }
  });
});

describe('import and disconnect', () => {
  const file = (uids: string[]) =>
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Exported//EN',
      ...uids.flatMap((uid, i) => [
        'BEGIN:VEVENT',
        `UID:${uid}`,
        'DTSTAMP:20260301T090000Z',
        `DTSTART:${utc(Date.now() + (i + 2) * DAY)}`,
        `DTEND:${utc(Date.now() + (i + 2) * DAY + HOUR)}`,
        `SUMMARY:Imported ${i + 1}`,
        'X-OTHER-APP-COLOR:teal',
        'END:VEVENT',
      ]),
      'BEGIN:VTODO',
      'UID:no-due@example.org',
      'DTSTAMP:20260301T090000Z',
      'SUMMARY:Undated task',
      'END:VTODO',
      'END:VCALENDAR',
      '',
    ].join('\r\n');

  it('imports each object once into the chosen calendar, keeping what Aide does not read', async () => {
    const { device, eventsUrl, target } = await freshDevice();
    await device.sync();

    const first = device.engine.importIcs(file(['import-a@example.org', 'import-b@example.org']), target);
    expect(first).toEqual({
      imported: 2,
      duplicates: 0,
      skipped: ['The task "Undated task" was skipped: the task has no due time (DUE or DTSTART).'],
    });
    const again = device.engine.importIcs(file(['import-a@example.org', 'import-b@example.org']), target);
    expect({ imported: again.imported, duplicates: again.duplicates }).toEqual({ imported: 0, duplicates: 2 });
    expect(device.engine.pendingCount()).toBe(2);

    await device.sync();
    await device.sync();
    expect(device.agenda.listAppointments().map((a) => a.title)).toEqual(['Imported 1', 'Imported 2']);
    const stored = await getIcsRaw(server, `${eventsUrl}${encodeURIComponent('import-a@example.org')}.ics`);
    expect(stored.body).toMatch(/^UID:import-a@example.org\r?$/m);
    expect(stored.body).toMatch(/^X-OTHER-APP-COLOR:teal\r?$/m);
  });

  it("disconnecting keeps Aide's own items as local ones and drops the server's", async () => {
    const { device, eventsUrl } = await freshDevice();
    const mine = device.agenda.createReminder({ title: 'My own', due: inMinutes(60), rrule: null, notes: null });
    await putIcsRaw(
      server,
      `${eventsUrl}theirs.ics`,
      eventIcs('theirs-2@example.org', 'From the phone', inMinutes(90), inMinutes(120)),
    );
    await device.sync();
    expect(device.agenda.listAppointments().map((a) => a.title)).toEqual(['From the phone']);

    device.engine.forget();

    expect(device.agenda.listAppointments()).toEqual([]);
    expect(device.agenda.listReminders().map((r) => ({ id: r.id, calendar: r.calendar }))).toEqual([
      { id: mine.id, calendar: null },
    ]);
    device.agenda.updateReminder(mine.id, { title: 'My own, renamed' });
    expect(device.engine.pendingCount()).toBe(0);
    // Nothing of the old state is left: a reopened engine has nothing waiting either.
    expect((await device.reopen()).engine.pendingCount()).toBe(0);
  });
});
