// The sync engine when things collide or fail, against a real Radicale: a 412 on both sides'
// edits, a server that goes away (the outbox across a restart), two data folders through one
// server, and a completion on one device silencing the other.
import { describe, expect, it } from 'vitest';
import { CalDavError, type SyncTarget } from '../../main/core/calendar-sync/sync-types';
import { editIcsRaw, getIcsRaw } from '../support/radicale';
import {
  freshCalendars,
  inMinutes,
  newDataDir,
  openDevice,
  reminderTitles,
  ringing,
  serverCopies,
  syncServerForFile,
  type Device,
} from '../support/sync-devices';

const STAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}: /;

const { server, account } = syncServerForFile('bob', 'sync-conflict-pw');
const freshTarget = () => freshCalendars(server, account);

async function newDevice(target: SyncTarget): Promise<Device> {
  return await openDevice(await newDataDir(), account.connect, () => target);
}

/** SUMMARY of every object in the calendar, sorted (read as another client would). */
async function serverTitles(calendarUrl: string): Promise<string[]> {
  const objects = await serverCopies(account, calendarUrl);
  return objects.map((object) => /^SUMMARY:(.*)$/m.exec(object.ics)?.[1]?.trim() ?? '?').sort();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const titles = (device: Device) => ({
  reminders: reminderTitles(device),
  appointments: device.agenda
    .listAppointments()
    .map((a) => a.title)
    .sort(),
});

describe('412: both sides changed the item', () => {
  it('the same field: the newer change (here) stays, the server value goes into the history', async () => {
    const { target, tasksUrl } = await freshTarget();
    const device = await newDevice(target);
    const made = device.agenda.createReminder({ title: 'Pay rent', due: inMinutes(60), rrule: null, notes: null });
    await device.sync();
    await editIcsRaw(server, `${tasksUrl}${made.id}.ics`, { title: 'Pay the rent' });
    await sleep(1_100);
    device.agenda.updateReminder(made.id, { title: 'Pay rent today' });

    const report = await device.sync();

    expect(report.conflicts).toBe(1);
    const item = device.agenda.getReminder(made.id);
    expect(item.title).toBe('Pay rent today');
    expect(item.history).toHaveLength(1);
    expect(item.history?.[0]).toMatch(STAMP);
    expect(item.history?.[0]?.replace(STAMP, '')).toBe(
      'the title was changed both in Aide and on the calendar server. Kept "Pay rent today" (the newer change, made in Aide); the title set on the calendar server was "Pay the rent".',
    );
    expect(await serverTitles(tasksUrl)).toEqual(['Pay rent today']);
    expect(device.engine.pendingCount()).toBe(0);
  });

  it('the same field: the newer change (on the server) stays, the value from here goes into the history', async () => {
    const { target, tasksUrl } = await freshTarget();
    const device = await newDevice(target);
    const made = device.agenda.createReminder({ title: 'Book flights', due: inMinutes(60), rrule: null, notes: null });
    await device.sync();
    device.agenda.updateReminder(made.id, { title: 'Book flights to Rome' });
    await sleep(1_100);
    await editIcsRaw(server, `${tasksUrl}${made.id}.ics`, { title: 'Book flights to Lisbon' });

    const report = await device.sync();

    expect(report.conflicts).toBe(1);
    const item = device.agenda.getReminder(made.id);
    expect(item.title).toBe('Book flights to Lisbon');
    expect(item.history?.map((line) => line.replace(STAMP, ''))).toEqual([
      'the title was changed both in Aide and on the calendar server. Kept "Book flights to Lisbon" (the newer change, made on the calendar server); the title set in Aide was "Book flights to Rome".',
    ]);
    expect(await serverTitles(tasksUrl)).toEqual(['Book flights to Lisbon']);
  });

  it('different fields: both changes are kept, no history', async () => {
    const { target, tasksUrl } = await freshTarget();
    const device = await newDevice(target);
    const made = device.agenda.createReminder({
      title: 'Renew passport',
      due: inMinutes(60),
      rrule: null,
      notes: null,
    });
    await device.sync();
    await editIcsRaw(server, `${tasksUrl}${made.id}.ics`, { title: 'Renew passport at city hall' });
    device.agenda.updateReminder(made.id, { notes: 'bring two photos' });

    const report = await device.sync();

    expect(report.conflicts).toBe(0);
    const item = device.agenda.getReminder(made.id);
    expect({ title: item.title, notes: item.notes, history: item.history }).toEqual({
      title: 'Renew passport at city hall',
      notes: 'bring two photos',
      history: undefined,
    });
    const text = (await getIcsRaw(server, `${tasksUrl}${made.id}.ics`)).body;
    expect(text).toMatch(/^SUMMARY:Renew passport at city hall\r?$/m);
    expect(text).toMatch(/^DESCRIPTION:bring two photos\r?$/m);
  });
});

describe('412 on an appointment (the merge reminders use)', () => {
  it('the same field keeps the newer change and records the other; a field changed on one side is kept', async () => {
    const { target, eventsUrl } = await freshTarget();
    const device = await newDevice(target);
    const made = device.agenda.createAppointment({
      title: 'Team lunch',
      start: inMinutes(120),
      end: inMinutes(180),
      location: 'Cafe Ost',
      notes: null,
      rrule: null,
    });
    await device.sync();
    await editIcsRaw(server, `${eventsUrl}${made.id}.ics`, { title: 'Team lunch (all hands)', location: 'Cafe West' });
    await sleep(1_100);
    device.agenda.updateAppointment(made.id, { location: 'Cafe Nord' });

    const report = await device.sync();

    expect(report.conflicts).toBe(1);
    const item = device.agenda.listAppointments().find((a) => a.id === made.id)!;
    expect({ title: item.title, location: item.location }).toEqual({
      title: 'Team lunch (all hands)',
      location: 'Cafe Nord',
    });
    expect(item.history?.map((line) => line.replace(STAMP, ''))).toEqual([
      'the place was changed both in Aide and on the calendar server. Kept "Cafe Nord" (the newer change, made in Aide); the place set on the calendar server was "Cafe West".',
    ]);
    const text = (await getIcsRaw(server, `${eventsUrl}${made.id}.ics`)).body;
    expect(text).toMatch(/^SUMMARY:Team lunch \(all hands\)\r?$/m);
    expect(text).toMatch(/^LOCATION:Cafe Nord\r?$/m);
    expect(device.engine.pendingCount()).toBe(0);
  });
});

describe('a server that goes away', () => {
  it('changes wait in the outbox, across a restart of Aide, and reach the server once, when it is back', async () => {
    const { target, tasksUrl, eventsUrl } = await freshTarget();
    let device = await newDevice(target);
    const kept = device.agenda.createReminder({ title: 'Feed the cat', due: inMinutes(60), rrule: null, notes: null });
    await device.sync();
    await server.stop();
    try {
      device.agenda.updateReminder(kept.id, { title: 'Feed the cat twice' });
      device.agenda.createReminder({ title: 'Call the vet', due: inMinutes(90), rrule: null, notes: null });
      device.agenda.createAppointment({
        title: 'Vet visit',
        start: inMinutes(120),
        end: inMinutes(150),
        location: null,
        notes: null,
        rrule: null,
      });
      const failed = await device.sync().catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(CalDavError);
      expect((failed as CalDavError).kind).toBe('unreachable');
      expect(device.engine.pendingCount()).toBe(3);

      device = await device.reopen();
      expect(device.engine.pendingCount()).toBe(3);
    } finally {
      await server.restart();
    }

    const report = await device.sync();
    expect(report.pushed).toBe(3);
    expect(device.engine.pendingCount()).toBe(0);
    const again = await device.sync();
    expect({ pushed: again.pushed, pulled: again.pulled }).toEqual({ pushed: 0, pulled: 0 });

    expect(await serverTitles(tasksUrl)).toEqual(['Call the vet', 'Feed the cat twice']);
    expect(await serverTitles(eventsUrl)).toEqual(['Vet visit']);
    expect(titles(device)).toEqual({ reminders: ['Call the vet', 'Feed the cat twice'], appointments: ['Vet visit'] });
  });
});

describe('two data folders through one server', () => {
  it('both see the same schedule, including each other’s deletions', async () => {
    const { target, tasksUrl, eventsUrl } = await freshTarget();
    const laptop = await newDevice(target);
    const desktop = await newDevice(target);
    laptop.agenda.createReminder({ title: 'Laptop task', due: inMinutes(60), rrule: null, notes: null });
    const dropped = laptop.agenda.createReminder({
      title: 'Short-lived',
      due: inMinutes(70),
      rrule: null,
      notes: null,
    });
    laptop.agenda.createAppointment({
      title: 'Standup',
      start: inMinutes(30),
      end: inMinutes(45),
      location: null,
      notes: null,
      rrule: 'FREQ=DAILY',
    });
    desktop.agenda.createReminder({ title: 'Desktop task', due: inMinutes(80), rrule: null, notes: null });

    await laptop.sync();
    await desktop.sync();
    laptop.agenda.deleteReminder(dropped.id);
    await laptop.sync();
    await desktop.sync();

    const expected = { reminders: ['Desktop task', 'Laptop task'], appointments: ['Standup'] };
    expect(titles(laptop)).toEqual(expected);
    expect(titles(desktop)).toEqual(expected);
    expect(await serverTitles(tasksUrl)).toEqual(expected.reminders);
    expect(await serverTitles(eventsUrl)).toEqual(expected.appointments);
    // The same item on both: one id, one UID.
    const laptopIds = laptop.agenda
      .listReminders()
      .map((r) => r.id)
      .sort();
    expect(
      desktop.agenda
        .listReminders()
        .map((r) => r.id)
        .sort(),
    ).toEqual(laptopIds);
  });

  it('a reminder completed on one device does not fire on the other', async () => {
    const { target } = await freshTarget();
    const phone = await newDevice(target);
    const desktop = await newDevice(target);
    const onDesktop = ringing(desktop);
    try {
      const due = new Date(Date.now() + 8_000).toISOString();
      const done = phone.agenda.createReminder({ title: 'Take medicine', due, rrule: null, notes: null });
      phone.agenda.createReminder({ title: 'Stretch', due, rrule: null, notes: null });
      await phone.sync();
      await desktop.sync();
      expect(reminderTitles(desktop)).toEqual(['Stretch', 'Take medicine']);

      phone.agenda.completeReminder(done.id);
      await phone.sync();
      await desktop.sync();
      expect(desktop.agenda.getReminder(done.id).status).toBe('done');

      await sleep(Math.max(0, Date.parse(due) - Date.now()) + 1_500);
      expect(onDesktop.fired.map((item) => item.title)).toEqual(['Stretch']);
    } finally {
      onDesktop.stop();
    }
  });
});
