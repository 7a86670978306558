import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../main/core/ports';
import type { ItemRef } from '../../main/core/reminders/reminder-items';
import { ItemError, AgendaService } from '../../main/core/reminders/agenda-service';
import { openConfStore } from '../../main/core/storage/open-store';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const ZONE = 'Europe/Berlin';

describe('AgendaService', () => {
  let dir: string;
  let now: Date;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aide-reminders-'));
    now = new Date('2026-03-02T08:00:00Z'); // Monday 09:00 in Berlin
  });
  const open = () =>
    AgendaService.open({
      openStore: openConfStore,
      dataDir: dir,
      clock: { now: () => now },
      logger: quiet,
      timeZone: () => ZONE,
    });
  const reminder = (service: AgendaService, due = '2026-03-02T10:00:00+01:00', rrule: string | null = null) =>
    service.createReminder({ title: 'Call mom', due, rrule, notes: null });
  const appointment = (
    service: AgendaService,
    start = '2026-03-03T14:00:00+01:00',
    end = '2026-03-03T15:00:00+01:00',
  ) => service.createAppointment({ title: 'Dentist', start, end, location: 'Main St. 1', notes: null, rrule: null });

  describe('refuses what it cannot carry out, in a sentence', () => {
    it('a due time in the past, and accepts one that is "now"', async () => {
      const service = await open();
      expect(() => reminder(service, '2026-03-02T08:00:00+01:00')).toThrow(
        new ItemError(
          'The due time 2026-03-02T08:00:00+01:00 is in the past (now is 2026-03-02T09:00:00+01:00). Ask the user for a future time.',
          'The due time you chose is in the past. Choose a later time.',
        ),
      );
      expect(reminder(service, '2026-03-02T08:59:30+01:00').due).toBe('2026-03-02T08:59:30+01:00');
    });

    it('a time without an offset or not a time at all', async () => {
      const service = await open();
      for (const due of ['2026-03-02T10:00:00', 'tomorrow', '2026-03-02']) {
        expect(() => reminder(service, due)).toThrow(
          `Invalid time "${due}": use ISO 8601 with offset, e.g. 2026-11-27T17:00:00+01:00.`,
        );
      }
      expect(service.listReminders()).toEqual([]);
    });

    it('an end before the start', async () => {
      const service = await open();
      expect(() => appointment(service, '2026-03-03T14:00:00+01:00', '2026-03-03T13:00:00+01:00')).toThrow(
        'The end (2026-03-03T13:00:00+01:00) is before the start (2026-03-03T14:00:00+01:00).',
      );
    });

    it('a reminder more often than every 5 minutes, and stores one every 30 minutes in words', async () => {
      const service = await open();
      expect(() => reminder(service, '2026-03-02T10:00:00+01:00', 'FREQ=MINUTELY;INTERVAL=2')).toThrow(
        new ItemError(
          'Invalid recurrence "FREQ=MINUTELY;INTERVAL=2": A reminder can repeat at most every 5 minutes (FREQ=MINUTELY;INTERVAL=5 or more), not every 2 minutes.',
        ),
      );
      expect(() => reminder(service, '2026-03-02T10:00:00+01:00', 'FREQ=MINUTELY')).toThrow(/not every minute\.$/);
      expect(service.listReminders()).toEqual([]);
      const every30 = reminder(service, '2026-03-02T10:00:00+01:00', 'freq=minutely;interval=30');
      expect(every30).toMatchObject({ rrule: 'FREQ=MINUTELY;INTERVAL=30', recurrenceText: 'every 30 minutes' });
    });

    it('an unknown id, pointing to the listing tool', async () => {
      const service = await open();
      expect(() => service.completeReminder('nope')).toThrow(
        'No reminder with id "nope". Call list_reminders to find the id.',
      );
      expect(() => service.deleteAppointment('nope')).toThrow(
        'No appointment with id "nope". Call list_appointments to find the id.',
      );
    });

    it('a bad recurrence rule, an empty title, a snooze out of range', async () => {
      const service = await open();
      expect(() => reminder(service, '2026-03-02T10:00:00+01:00', 'FREQ=SOMETIMES')).toThrow(
        /^Invalid recurrence "FREQ=SOMETIMES": /,
      );
      expect(() =>
        service.createReminder({ title: '  ', due: '2026-03-02T10:00:00+01:00', rrule: null, notes: null }),
      ).toThrow(ItemError);
      const { id } = reminder(service);
      expect(() => service.snoozeReminder(id, 0)).toThrow(ItemError);
      expect(() => service.snoozeReminder(id, 10_081)).toThrow(ItemError);
    });
  });

  it('creates in the user zone, with the offset of that zone and the rule in words', async () => {
    const service = await open();
    const created = service.createReminder({
      title: ' Standup ',
      due: '2026-03-03T08:00:00Z',
      rrule: 'freq=weekly;byday=mo',
      notes: ' ',
    });
    expect(created).toMatchObject({
      title: 'Standup',
      due: '2026-03-03T09:00:00+01:00',
      start: '2026-03-03T09:00:00+01:00',
      timeZone: ZONE,
      rrule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO',
      notes: null,
      status: 'pending',
    });
    expect(created.recurrenceText).toEqual(expect.any(String));
    expect(created).not.toHaveProperty('sourceKey');
  });

  it('returns the first item for a retried creation with the same sourceKey', async () => {
    const service = await open();
    const input = {
      title: 'Call mom',
      due: '2026-03-02T10:00:00+01:00',
      rrule: null,
      notes: null,
      sourceKey: 'call-1',
    };
    const first = service.createReminder(input);
    expect(service.createReminder(input)).toEqual(first);
    const meeting = {
      title: 'Meet',
      start: '2026-03-03T14:00:00+01:00',
      end: '2026-03-03T15:00:00+01:00',
      location: null,
      notes: null,
      rrule: null,
      sourceKey: 'call-2',
    };
    expect(service.createAppointment(meeting)).toEqual(service.createAppointment(meeting));
    expect(service.listReminders()).toHaveLength(1);
    expect(service.listAppointments()).toHaveLength(1);
  });

  it('snoozes, completes and deletes', async () => {
    const service = await open();
    const { id } = reminder(service);
    now = new Date('2026-03-02T09:05:00Z');
    expect(service.snoozeReminder(id, 15).snoozedUntil).toBe('2026-03-02T10:20:00+01:00');
    expect(service.upcoming()).toMatchObject([
      { id, fireAt: Date.parse('2026-03-02T09:20:00Z'), firedFor: '2026-03-02T10:20:00+01:00' },
    ]);
    const done = service.completeReminder(id);
    expect(done).toMatchObject({ status: 'done', doneAt: '2026-03-02T09:05:00.000Z', snoozedUntil: null });
    expect(service.upcoming()).toEqual([]);
    expect(service.deleteReminder(id)).toEqual(done);
    expect(service.listReminders()).toEqual([]);
    expect((await open()).listReminders()).toEqual([]);
  });

  it('moves a completed recurring reminder to the next occurrence after now', async () => {
    const service = await open();
    const { id } = reminder(service, '2026-03-02T10:00:00+01:00', 'FREQ=DAILY');
    now = new Date('2026-03-04T12:00:00Z'); // missed two days
    expect(service.completeReminder(id)).toMatchObject({ status: 'pending', due: '2026-03-05T10:00:00+01:00' });
    expect(service.completeReminder(id).due).toBe('2026-03-06T10:00:00+01:00'); // early: after the due
  });

  it('ends a recurring reminder whose rule has run out', async () => {
    const service = await open();
    const { id } = reminder(service, '2026-03-02T10:00:00+01:00', 'FREQ=DAILY;COUNT=2');
    expect(service.completeReminder(id).due).toBe('2026-03-03T10:00:00+01:00');
    expect(service.completeReminder(id).status).toBe('done');
  });

  it('after firing, moves a recurring reminder on; Done then acknowledges instead of skipping another day', async () => {
    const service = await open();
    const { id } = reminder(service, '2026-03-02T10:00:00+01:00', 'FREQ=DAILY');
    now = new Date('2026-03-02T09:00:00Z');
    service.markFired('reminder', id, '2026-03-02T10:00:00+01:00');
    expect(service.getReminder(id)).toMatchObject({
      due: '2026-03-03T10:00:00+01:00',
      firedFor: '2026-03-02T10:00:00+01:00',
    });
    expect(service.completeReminder(id)).toMatchObject({ due: '2026-03-03T10:00:00+01:00', firedFor: null });
  });

  it('keeps a fired one-shot reminder pending and overdue until Done or Snooze', async () => {
    const service = await open();
    const { id } = reminder(service);
    now = new Date('2026-03-02T09:00:00Z');
    service.markFired('reminder', id, '2026-03-02T10:00:00+01:00');
    expect(service.upcoming()).toEqual([]);
    expect(service.getReminder(id)).toMatchObject({ status: 'pending', due: '2026-03-02T10:00:00+01:00' });
    service.snoozeReminder(id, 10);
    expect(service.upcoming()).toMatchObject([{ id, firedFor: '2026-03-02T10:10:00+01:00' }]);
  });

  it('moves a fired recurring appointment to its next occurrence, keeping the duration', async () => {
    const service = await open();
    const created = service.createAppointment({
      title: 'Standup',
      start: '2026-03-03T09:00:00+01:00',
      end: '2026-03-03T09:15:00+01:00',
      location: null,
      notes: null,
      rrule: 'FREQ=WEEKLY',
      remindMinutesBefore: null,
    });
    expect(created.remindMinutesBefore).toBe(10);
    expect(service.upcoming()).toMatchObject([{ id: created.id, fireAt: Date.parse('2026-03-03T07:50:00Z') }]);
    now = new Date('2026-03-03T07:50:00Z');
    service.markFired('appointment', created.id, created.start);
    // The Sunday 29 March DST change moves the UTC time, not the wall time.
    now = new Date('2026-03-31T07:50:00Z');
    service.markFired('appointment', created.id, '2026-03-31T09:00:00+02:00');
    expect(service.getAppointment(created.id)).toMatchObject({
      start: '2026-04-07T09:00:00+02:00',
      end: '2026-04-07T09:15:00+02:00',
      firstStart: '2026-03-03T09:00:00+01:00',
    });
  });

  it('updates: a new due resets snooze and firedFor; a new start keeps the duration', async () => {
    const service = await open();
    const { id } = reminder(service);
    service.snoozeReminder(id, 5);
    const updated = service.updateReminder(id, { due: '2026-03-02T12:00:00+01:00', notes: 'bring cake' });
    expect(updated).toMatchObject({
      due: '2026-03-02T12:00:00+01:00',
      start: '2026-03-02T12:00:00+01:00',
      snoozedUntil: null,
      notes: 'bring cake',
    });
    expect(() => service.updateReminder(id, { due: '2026-03-01T12:00:00+01:00' })).toThrow(/is in the past/);
    const meeting = appointment(service);
    expect(service.updateAppointment(meeting.id, { start: '2026-03-04T10:00:00+01:00' })).toMatchObject({
      start: '2026-03-04T10:00:00+01:00',
      end: '2026-03-04T11:00:00+01:00',
      firstStart: '2026-03-04T10:00:00+01:00',
    });
    expect(() => service.updateAppointment(meeting.id, { end: '2026-03-04T09:00:00+01:00' })).toThrow(
      /before the start/,
    );
  });

  it('lists reminders by next fire time and appointments by start', async () => {
    const service = await open();
    const late = reminder(service, '2026-03-05T10:00:00+01:00');
    const early = reminder(service, '2026-03-04T10:00:00+01:00');
    const snoozed = reminder(service, '2026-03-06T10:00:00+01:00');
    service.snoozeReminder(snoozed.id, 5);
    expect(service.listReminders().map((r) => r.id)).toEqual([snoozed.id, early.id, late.id]);
    const second = appointment(service, '2026-03-05T10:00:00+01:00', '2026-03-05T11:00:00+01:00');
    const first = appointment(service);
    expect(service.listAppointments().map((a) => a.id)).toEqual([first.id, second.id]);
  });

  it('tells listeners which items changed, once per batch', async () => {
    const service = await open();
    const calls: (readonly ItemRef[])[] = [];
    service.onChange((changed) => calls.push(changed));
    const a = reminder(service);
    const b = reminder(service);
    service.batch(() => {
      service.markFired('reminder', a.id, a.due);
      service.markFired('reminder', b.id, b.due);
    });
    expect(calls).toEqual([
      [{ kind: 'reminder', id: a.id }],
      [{ kind: 'reminder', id: b.id }],
      [
        { kind: 'reminder', id: a.id },
        { kind: 'reminder', id: b.id },
      ],
    ]);
  });

  it('keeps every item across a restart', async () => {
    const service = await open();
    const r = reminder(service, '2026-03-02T10:00:00+01:00', 'FREQ=DAILY');
    const a = appointment(service);
    service.markFired('reminder', r.id, r.due);
    const restarted = await open();
    expect(restarted.notice).toBeNull();
    expect(restarted.listReminders()).toEqual(service.listReminders());
    expect(restarted.listAppointments()).toEqual([a]);
    expect(restarted.createReminder({ ...r, sourceKey: 'k' }).id).not.toBe(r.id);
  });

  describe('a reminders.json from an older Aide', () => {
    /** The old layout: one JSON document with conf's version key, as Aide wrote it before reminders.jsonl. */
    const writeLegacy = (reminders: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      writeFile(
        join(dir, 'reminders.json'),
        JSON.stringify({ reminders, appointments: {}, __internal__: { migrations: { version: '1.0.0' } }, ...extra }),
      );
    /** A stored reminder as the old file held it (the idempotency key included). */
    const legacyReminder = async (title = 'Call mom') => {
      const other = await mkdtemp(join(tmpdir(), 'aide-legacy-source-'));
      const source = await AgendaService.open({
        openStore: openConfStore,
        dataDir: other,
        clock: { now: () => now },
        logger: quiet,
        timeZone: () => ZONE,
      });
      const { id } = source.createReminder({ title, due: '2026-03-02T10:00:00+01:00', rrule: null, notes: null });
      return { ...source.storedRecord('reminder', id)! } as Record<string, unknown> & { id: string };
    };

    it('is moved into reminders.jsonl once, and removed', async () => {
      const record = await legacyReminder();
      await writeLegacy({ [record.id]: record });
      const service = await open();
      expect(service.notice).toBeNull();
      expect(service.getReminder(record.id)).toMatchObject({ title: 'Call mom', due: '2026-03-02T10:00:00+01:00' });
      const files = await readdir(dir);
      expect(files).toContain('reminders.jsonl');
      expect(files).not.toContain('reminders.json');
      service.updateReminder(record.id, { title: 'Call dad' });
      expect((await open()).getReminder(record.id).title).toBe('Call dad');
    });

    it('moves a corrupt file aside and says so', async () => {
      await writeFile(join(dir, 'reminders.json'), '{"reminders": {');
      const service = await open();
      expect(service.notice).toMatch(/^reminders\.json could not be read .* moved to .*reminders\.corrupt-.*\.json/);
      expect(service.listReminders()).toEqual([]);
      expect((await readdir(dir)).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
      reminder(service);
      const reopened = await open();
      expect(reopened.notice).toBeNull();
      expect(reopened.listReminders()).toHaveLength(1);
    });

    it.each([
      ['a status it does not know', (item: Record<string, unknown>) => (item.status = 'sort of')],
      ['a title that is a number', (item: Record<string, unknown>) => (item.title = 42)],
      ['a missing field', (item: Record<string, unknown>) => delete item.timeZone],
    ])('with %s is moved aside', async (_name, spoil) => {
      const record = await legacyReminder();
      spoil(record);
      await writeLegacy({ [record.id]: record });
      const reopened = await open();
      expect(reopened.notice).toMatch(/could not be read .* moved to/);
      expect(reopened.listReminders()).toEqual([]);
    });

    it('with a record that is not an object is moved aside', async () => {
      await writeLegacy({ x: [] });
      const reopened = await open();
      expect(reopened.notice).toMatch(/could not be read .* moved to/);
      expect(reopened.listReminders()).toEqual([]);
    });

    it('keeps fields it does not know', async () => {
      const record = await legacyReminder();
      await writeLegacy({ [record.id]: { ...record, color: 'blue' } }, { extra: true });
      const reopened = await open();
      expect(reopened.notice).toBeNull();
      expect(reopened.getReminder(record.id)).toMatchObject({ title: 'Call mom' });
    });

    it('from before versioning gets the missing fields filled', async () => {
      await writeFile(
        join(dir, 'reminders.json'),
        JSON.stringify({
          reminders: { r1: { id: 'r1', title: 'Old one', due: '2026-03-05T10:00:00+01:00', rrule: 'FREQ=DAILY' } },
          appointments: {
            a1: {
              id: 'a1',
              title: 'Old meeting',
              start: '2026-03-05T10:00:00+01:00',
              end: '2026-03-05T11:00:00+01:00',
            },
          },
        }),
      );
      const service = await open();
      expect(service.notice).toBeNull();
      expect(service.getReminder('r1')).toMatchObject({
        start: '2026-03-05T10:00:00+01:00',
        status: 'pending',
        timeZone: ZONE,
        firedFor: null,
        snoozedUntil: null,
        recurrenceText: expect.any(String),
      });
      expect(service.getAppointment('a1')).toMatchObject({
        firstStart: '2026-03-05T10:00:00+01:00',
        remindMinutesBefore: 10,
        location: null,
      });
      // Migrated once: the next start reads reminders.jsonl only.
      expect(await readdir(dir)).not.toContain('reminders.json');
      expect((await open()).getReminder('r1').timeZone).toBe(ZONE);
    });
  });
});
