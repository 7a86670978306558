// The sync engine against a real Radicale: Aide's items reach the server as calendar objects,
// another client's objects reach the agenda, and edits and deletions travel both ways.
import { describe, expect, it } from 'vitest';
import { utcStamp } from '../support/ical-text';
import { deleteRaw, getIcsRaw, putIcsRaw } from '../support/radicale';
import {
  eventIcs,
  freshCalendars,
  inMinutes,
  newDataDir,
  openDevice,
  serverCopies,
  syncServerForFile,
} from '../support/sync-devices';

const { server, account } = syncServerForFile('alice', 'sync-test-pw');

/** A device syncing with its own pair of new calendars (so each test sees only its own objects). */
async function freshDevice() {
  const calendars = await freshCalendars(server, account, { colors: { tasks: '#2e8b57', events: '#1e90ff' } });
  const device = await openDevice(await newDataDir(), account.connect, () => calendars.target);
  return { device, ...calendars };
}

/** The server's objects of a calendar as SUMMARY → text (read as another client would). */
async function serverObjects(calendarUrl: string): Promise<Map<string, string>> {
  const objects = await serverCopies(account, calendarUrl);
  return new Map(objects.map((object) => [/^SUMMARY:(.*)$/m.exec(object.ics)?.[1]?.trim() ?? '?', object.ics]));
}

describe('from Aide to the server', () => {
  it('a reminder made in Aide becomes a VTODO with an alarm at its due time, and shows its calendar', async () => {
    const { device, tasksUrl, tasksName } = await freshDevice();
    const due = inMinutes(90);
    const made = device.agenda.createReminder({ title: 'Call mom', due, rrule: null, notes: 'about Sunday' });

    const report = await device.sync();

    expect(report).toMatchObject({ pushed: 1, conflicts: 0, skipped: [] });
    expect(device.engine.pendingCount()).toBe(0);
    const objects = await serverObjects(tasksUrl);
    expect([...objects.keys()]).toEqual(['Call mom']);
    const ics = objects.get('Call mom') ?? '';
    expect(ics).toMatch(/BEGIN:VTODO[\s\S]*BEGIN:VALARM[\s\S]*END:VALARM[\s\S]*END:VTODO/);
    expect(ics).toContain(`UID:${made.id}@aide`);
    expect(ics).toContain(`TRIGGER;VALUE=DATE-TIME:${utcStamp(due)}`);
    expect(ics).toContain('DESCRIPTION:about Sunday');
    expect(device.agenda.getReminder(made.id).calendar).toEqual({ name: tasksName, color: '#2e8b57' });
  });

  it('an appointment made in Aide becomes a VEVENT with an alarm minutes before', async () => {
    const { device, eventsUrl } = await freshDevice();
    device.agenda.createAppointment({
      title: 'Dentist',
      start: inMinutes(120),
      end: inMinutes(150),
      location: 'Main St 1',
      notes: null,
      rrule: null,
      remindMinutesBefore: 15,
    });
    await device.sync();
    const ics = (await serverObjects(eventsUrl)).get('Dentist') ?? '';
    expect(ics).toMatch(/BEGIN:VEVENT[\s\S]*LOCATION:Main St 1[\s\S]*TRIGGER:-PT15M/);
  });
});

describe('from the server to Aide', () => {
  it("another client's event is in the agenda after a sync, with its calendar's name and colour", async () => {
    const { device, eventsUrl, eventsName } = await freshDevice();
    const start = inMinutes(180);
    const end = inMinutes(240);
    const put = await putIcsRaw(
      server,
      `${eventsUrl}phone-1.ics`,
      eventIcs('phone-1@example.org', 'Team lunch', start, end),
    );
    expect(put.status).toBe(201);

    const report = await device.sync();

    expect(report.pulled).toBe(1);
    const shown = device.agenda.listAppointments().map((a) => ({
      title: a.title,
      start: Date.parse(a.start),
      end: Date.parse(a.end),
      calendar: a.calendar,
    }));
    expect(shown).toEqual([
      {
        title: 'Team lunch',
        start: Date.parse(start),
        end: Date.parse(end),
        calendar: { name: eventsName, color: '#1e90ff' },
      },
    ]);
    // Nothing came back from the server's side into the outbox.
    expect(device.engine.pendingCount()).toBe(0);
  });

  it('a malformed object is skipped with a sentence naming it, and the rest of the calendar syncs', async () => {
    const { device, tasksUrl, eventsUrl, tasksName } = await freshDevice();
    const noDue = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Other client//EN',
      'BEGIN:VTODO',
      'UID:someday@example.org',
      'DTSTAMP:20260301T090000Z',
      'SUMMARY:Someday maybe',
      'END:VTODO',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    expect((await putIcsRaw(server, `${tasksUrl}someday.ics`, noDue)).status).toBe(201);
    await putIcsRaw(server, `${eventsUrl}ok.ics`, eventIcs('ok@example.org', 'Haircut', inMinutes(60), inMinutes(90)));

    const report = await device.sync();

    expect(report.skipped).toEqual([
      `"Someday maybe" in the calendar "${tasksName}" was skipped: the task has no due time (DUE or DTSTART). Fix or remove it in another calendar app.`,
    ]);
    expect(device.agenda.listAppointments().map((a) => a.title)).toEqual(['Haircut']);
    expect(device.agenda.listReminders()).toEqual([]);
  });
});

describe('edits and deletions both ways', () => {
  it('an edit here reaches the server; an edit there reaches the agenda; the other fields stay', async () => {
    const { device, tasksUrl } = await freshDevice();
    const made = device.agenda.createReminder({
      title: 'Water plants',
      due: inMinutes(60),
      rrule: null,
      notes: 'balcony',
    });
    await device.sync();

    device.agenda.updateReminder(made.id, { title: 'Water the plants' });
    expect(device.engine.pendingCount()).toBe(1);
    await device.sync();
    const afterLocal = await serverObjects(tasksUrl);
    expect([...afterLocal.keys()]).toEqual(['Water the plants']);
    expect(afterLocal.get('Water the plants')).toContain('DESCRIPTION:balcony');

    const href = `${tasksUrl}${made.id}.ics`;
    const current = await getIcsRaw(server, href);
    const edited = current.body.replace(/^SUMMARY:.*$/m, 'SUMMARY:Water the plants and herbs');
    expect((await putIcsRaw(server, href, edited, { 'if-match': current.etag ?? '' })).status).toBeLessThan(300);
    const report = await device.sync();
    expect(report.pulled).toBe(1);
    const item = device.agenda.getReminder(made.id);
    expect({ title: item.title, notes: item.notes }).toEqual({ title: 'Water the plants and herbs', notes: 'balcony' });
    expect(device.engine.pendingCount()).toBe(0);
  });

  it('a deletion here removes the object there, and one there removes the item here', async () => {
    const { device, tasksUrl, eventsUrl } = await freshDevice();
    const mine = device.agenda.createReminder({ title: 'Buy milk', due: inMinutes(30), rrule: null, notes: null });
    device.agenda.createReminder({ title: 'Buy bread', due: inMinutes(40), rrule: null, notes: null });
    await putIcsRaw(
      server,
      `${eventsUrl}theirs.ics`,
      eventIcs('theirs@example.org', 'Yoga', inMinutes(60), inMinutes(120)),
    );
    await device.sync();
    expect(device.agenda.listAppointments().map((a) => a.title)).toEqual(['Yoga']);

    device.agenda.deleteReminder(mine.id);
    expect((await deleteRaw(server, `${eventsUrl}theirs.ics`)).status).toBeLessThan(300);
    await device.sync();

    expect([...(await serverObjects(tasksUrl)).keys()]).toEqual(['Buy bread']);
    expect(device.agenda.listReminders().map((r) => r.title)).toEqual(['Buy bread']);
    expect(device.agenda.listAppointments()).toEqual([]);
    expect(device.engine.pendingCount()).toBe(0);
  });
});
