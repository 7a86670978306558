// RFC 9074 on the server object, against a real Radicale: a snooze in Aide acknowledges the
// reminder's own alarm and adds a RELATED-TO;RELTYPE=SNOOZE alarm at the new time; Done or a
// dismissed notification acknowledges it and removes the snooze alarm, so another client (or
// another Aide data folder) stops ringing for it; a new due time rings again.
import ICAL from 'ical.js';
import { expect, it } from 'vitest';
import type { SyncTarget } from '../../main/core/calendar-sync/sync-types';
import { getIcsRaw, mkCalendarRaw } from '../support/radicale';
import { inMinutes, newDataDir, openDevice, reminderTitles, ringing, syncServerForFile } from '../support/sync-devices';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const { server, account } = syncServerForFile('dana', 'sync-alarms-pw');

/** A new tasks calendar and the target that sends reminders to it. */
async function tasksCalendar(name: string): Promise<{ tasksUrl: string; target: SyncTarget }> {
  const slug = name.toLowerCase().replace(/\W+/g, '-');
  const tasksUrl = await mkCalendarRaw(server, `${server.homeUrl}${slug}/`, {
    displayName: name,
    components: ['VTODO'],
  });
  const target = { remindersCalendar: await account.calendar(name), appointmentsCalendar: null, shownCalendars: [] };
  return { tasksUrl, target };
}

/** The VTODO's alarms as another client reads them (ical.js straight on the server's text). */
async function serverAlarms(href: string) {
  const vcalendar = new ICAL.Component(ICAL.parse((await getIcsRaw(server, href)).body) as unknown[]);
  const todo = vcalendar.getFirstSubcomponent('vtodo')!;
  const alarms = todo.getAllSubcomponents('valarm').map((alarm) => {
    const related = alarm.getFirstProperty('related-to');
    const trigger = alarm.getFirstPropertyValue('trigger');
    const acknowledged = alarm.getFirstPropertyValue('acknowledged');
    return {
      uid: String(alarm.getFirstPropertyValue('uid')),
      trigger: trigger instanceof ICAL.Time ? trigger.toJSDate().getTime() : null,
      acknowledged: acknowledged instanceof ICAL.Time ? acknowledged.toJSDate().getTime() : null,
      relatedTo: related ? String(related.getFirstValue()) : null,
      reltype: related ? related.getParameter('reltype') : null,
    };
  });
  return { status: String(todo.getFirstPropertyValue('status')), alarms };
}

it('Snooze writes ACKNOWLEDGED and a snooze alarm; Done acknowledges and drops the snooze alarm', async () => {
  const { tasksUrl, target } = await tasksCalendar('Alarm tasks');
  const device = await openDevice(await newDataDir(), account.connect, () => target);
  const due = inMinutes(5);
  const made = device.agenda.createReminder({ title: 'Call the bank', due, rrule: null, notes: null });
  await device.sync();
  const href = `${tasksUrl}${made.id}.ics`;
  const first = await serverAlarms(href);
  expect(first.alarms).toHaveLength(1);
  expect(first.alarms[0]).toMatchObject({ trigger: Date.parse(due), acknowledged: null, relatedTo: null });

  const before = Date.now();
  const snoozed = device.agenda.snoozeReminder(made.id, 30);
  await device.sync();
  const after = await serverAlarms(href);
  const original = after.alarms.find((alarm) => alarm.relatedTo === null);
  const snooze = after.alarms.find((alarm) => alarm.relatedTo !== null);
  expect(after.alarms).toHaveLength(2);
  expect(original?.uid).toBe(first.alarms[0]?.uid);
  expect(original?.trigger).toBe(Date.parse(due));
  expect(original?.acknowledged).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
  expect(snooze).toMatchObject({ relatedTo: original?.uid, reltype: 'SNOOZE', acknowledged: null });
  expect(snooze?.trigger).toBe(Date.parse(snoozed.snoozedUntil!));
  expect(snooze?.trigger).toBeGreaterThanOrEqual(before + 29 * 60_000);

  device.agenda.completeReminder(made.id);
  await device.sync();
  const done = await serverAlarms(href);
  expect(done.status).toBe('COMPLETED');
  expect(done.alarms).toHaveLength(1);
  expect(done.alarms[0]?.uid).toBe(original?.uid);
  expect(done.alarms[0]?.relatedTo).toBeNull();
  expect(done.alarms[0]?.acknowledged).toBeGreaterThanOrEqual(original!.acknowledged!);
});

it('Done on a reminder never snoozed acknowledges its alarm on the server', async () => {
  const { tasksUrl, target } = await tasksCalendar('Alarm tasks 2');
  const device = await openDevice(await newDataDir(), account.connect, () => target);
  const made = device.agenda.createReminder({ title: 'Post the letter', due: inMinutes(60), rrule: null, notes: null });
  await device.sync();
  expect((await serverAlarms(`${tasksUrl}${made.id}.ics`)).alarms[0]?.acknowledged).toBeNull();
  const before = Math.floor(Date.now() / 1000) * 1000;
  device.agenda.completeReminder(made.id);
  await device.sync();
  const done = await serverAlarms(`${tasksUrl}${made.id}.ics`);
  expect(done.status).toBe('COMPLETED');
  expect(done.alarms).toHaveLength(1);
  expect(done.alarms[0]?.acknowledged).toBeGreaterThanOrEqual(before);
});

it('a notification dismissed on one data folder does not ring on another that syncs the same calendar', async () => {
  const { tasksUrl, target } = await tasksCalendar('Dismiss tasks');
  const laptop = await openDevice(await newDataDir(), account.connect, () => target);
  const desktop = await openDevice(await newDataDir(), account.connect, () => target);
  // Stored times have whole seconds; a few seconds away, so both syncs finish before it is due.
  const due = new Date(Math.ceil((Date.now() + 4_000) / 1000) * 1000).toISOString();
  const plants = laptop.agenda.createReminder({ title: 'Water the plants', due, rrule: null, notes: null });
  const oven = laptop.agenda.createReminder({ title: 'Check the oven', due, rrule: null, notes: null });
  await laptop.sync();
  await desktop.sync();
  expect(reminderTitles(desktop)).toEqual(['Check the oven', 'Water the plants']);

  // The desktop is closed (no scheduler) while both ring on the laptop.
  const onLaptop = ringing(laptop);
  try {
    await sleep(Math.max(0, Date.parse(due) - Date.now()) + 1_500);
    expect(onLaptop.fired.map((f) => f.title).sort()).toEqual(['Check the oven', 'Water the plants']);
  } finally {
    onLaptop.stop();
  }
  const dismissedAt = Math.floor(Date.now() / 1000) * 1000;
  laptop.engine.acknowledge([{ kind: 'reminder', id: plants.id }]);
  // The other one changes too (so the desktop reads it again), but is not dismissed.
  laptop.agenda.updateReminder(oven.id, { notes: 'the big tray' });
  expect(laptop.engine.pendingCount()).toBe(2);
  await laptop.sync();
  expect(laptop.engine.pendingCount()).toBe(0);
  const onServer = await serverAlarms(`${tasksUrl}${plants.id}.ics`);
  expect(onServer.status).toBe('NEEDS-ACTION');
  expect(onServer.alarms).toHaveLength(1);
  expect(onServer.alarms[0]?.acknowledged).toBeGreaterThanOrEqual(dismissedAt);
  expect((await serverAlarms(`${tasksUrl}${oven.id}.ics`)).alarms[0]?.acknowledged).toBeNull();

  // The desktop starts again: it syncs, then rings what it missed, except what was dismissed.
  const restarted = await desktop.reopen();
  await restarted.sync();
  const onDesktop = ringing(restarted);
  try {
    await sleep(1_500);
    expect(onDesktop.fired.map((f) => [f.title, f.missed])).toEqual([['Check the oven', true]]);
  } finally {
    onDesktop.stop();
  }
});

it('a new due time drops the old snooze alarm and the acknowledgement, so every client rings at the new time', async () => {
  const { tasksUrl, target } = await tasksCalendar('Moved tasks');
  const device = await openDevice(await newDataDir(), account.connect, () => target);
  const made = device.agenda.createReminder({
    title: 'Renew the passport',
    due: inMinutes(60),
    rrule: null,
    notes: null,
  });
  await device.sync();
  device.agenda.snoozeReminder(made.id, 30);
  await device.sync();
  const href = `${tasksUrl}${made.id}.ics`;
  const snoozed = await serverAlarms(href);
  expect(snoozed.alarms).toHaveLength(2);
  const ownUid = snoozed.alarms.find((alarm) => alarm.relatedTo === null)?.uid;

  const moved = inMinutes(180);
  device.agenda.updateReminder(made.id, { due: moved });
  await device.sync();
  const after = await serverAlarms(href);
  expect(after.alarms).toEqual([
    { uid: ownUid, trigger: Date.parse(moved), acknowledged: null, relatedTo: null, reltype: null },
  ]);
});

it('a dismissal followed by a new due time before the sync does not acknowledge the new time', async () => {
  const { tasksUrl, target } = await tasksCalendar('Dismissed then moved');
  const device = await openDevice(await newDataDir(), account.connect, () => target);
  const due = new Date(Math.ceil((Date.now() + 2_000) / 1000) * 1000).toISOString();
  const made = device.agenda.createReminder({ title: 'Book the flight', due, rrule: null, notes: null });
  await device.sync();
  const rings = ringing(device);
  try {
    await sleep(Math.max(0, Date.parse(due) - Date.now()) + 1_200);
    expect(rings.fired.map((f) => f.title)).toEqual(['Book the flight']);
  } finally {
    rings.stop();
  }
  device.engine.acknowledge([{ kind: 'reminder', id: made.id }]);
  const moved = inMinutes(90);
  device.agenda.updateReminder(made.id, { due: moved });
  await device.sync();
  const after = await serverAlarms(`${tasksUrl}${made.id}.ics`);
  expect(after.alarms).toHaveLength(1);
  expect(after.alarms[0]).toMatchObject({ trigger: Date.parse(moved), acknowledged: null });
});
