// RFC 9074 on the server object, against a real Radicale: a snooze in Aide acknowledges the
// reminder's own alarm and adds a RELATED-TO;RELTYPE=SNOOZE alarm at the new time; Done
// acknowledges it and removes the snooze alarm, so another client stops ringing for it.
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncTarget } from '../../main/core/calendar-sync/sync-types';
import { getIcsRaw, mkCalendarRaw, startRadicale, type RadicaleServer } from '../support/radicale';
import { accountOf, inMinutes, newDataDir, openDevice } from '../support/sync-devices';

let server: RadicaleServer;
let account: ReturnType<typeof accountOf>;

beforeAll(async () => {
  server = await startRadicale({ user: 'dana', password: 'sync-alarms-pw' });
  account = accountOf(server);
  await account.connect();
});

afterAll(async () => {
  await server?.dispose();
});

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
  const tasksUrl = await mkCalendarRaw(server, `${server.homeUrl}alarm-tasks/`, {
    displayName: 'Alarm tasks',
    components: ['VTODO'],
  });
  const target: SyncTarget = {
    remindersCalendar: await account.calendar('Alarm tasks'),
    appointmentsCalendar: null,
    shownCalendars: [],
  };
  const device = openDevice(await newDataDir(), account.connect, () => target);
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
  const tasksUrl = await mkCalendarRaw(server, `${server.homeUrl}alarm-tasks-2/`, {
    displayName: 'Alarm tasks 2',
    components: ['VTODO'],
  });
  const target: SyncTarget = {
    remindersCalendar: await account.calendar('Alarm tasks 2'),
    appointmentsCalendar: null,
    shownCalendars: [],
  };
  const device = openDevice(await newDataDir(), account.connect, () => target);
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
