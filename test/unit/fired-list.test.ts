import { describe, expect, it } from 'vitest';
import type { Reminder } from '../../common/contract';
import { firedReminders } from '../../main/core/reminders/fired-list';
import { reminderRecord } from '../support/reminder-records';

const stamp = '2026-03-02T07:00:00.000Z';
const reminder = (id: string, over: Partial<Reminder>): Reminder =>
  reminderRecord(
    { id, title: `Reminder ${id}`, due: '2026-03-02T10:00:00+01:00', start: '2026-03-02T10:00:00+01:00', ...over },
    stamp,
  );
const fired = (id: string, due: string, over: Partial<Reminder> = {}) =>
  reminder(id, { due, start: due, firedFor: due, ...over });
const ms = (iso: string) => Date.parse(iso);

describe('firedReminders', () => {
  it('lists what fired and waits for an answer, missed when it fired before this run started', () => {
    const list = firedReminders(
      [fired('a', '2026-03-02T10:00:20+01:00'), fired('b', '2026-03-02T09:59:59+01:00')],
      ms('2026-03-02T09:00:30Z'),
      ms('2026-03-02T09:00:00Z'),
    );
    expect(list).toEqual([
      { kind: 'reminder', id: 'a', title: 'Reminder a', at: '2026-03-02T10:00:20+01:00', missed: false },
      { kind: 'reminder', id: 'b', title: 'Reminder b', at: '2026-03-02T09:59:59+01:00', missed: true },
    ]);
  });

  it('counts one that fired during this run as missed only after a minute', () => {
    const list = firedReminders(
      [fired('minute', '2026-03-02T10:04:00+01:00'), fired('longer', '2026-03-02T10:03:59+01:00')],
      ms('2026-03-02T09:05:00Z'),
      ms('2026-03-02T09:00:00Z'),
    );
    expect(list.map(({ id, missed }) => ({ id, missed }))).toEqual([
      { id: 'minute', missed: false },
      { id: 'longer', missed: true },
    ]);
  });

  it('leaves out what is done, never fired, snoozed since, or moved on to its next occurrence', () => {
    const list = firedReminders(
      [
        fired('done', '2026-03-02T10:00:00+01:00', { status: 'done', doneAt: '2026-03-02T09:00:10.000Z' }),
        reminder('waiting', { due: '2026-03-02T11:00:00+01:00' }),
        fired('snoozed', '2026-03-02T10:00:00+01:00', { snoozedUntil: '2026-03-02T10:10:00+01:00' }),
        reminder('daily', {
          due: '2026-03-03T10:00:00+01:00',
          rrule: 'FREQ=DAILY;INTERVAL=1',
          firedFor: '2026-03-02T10:00:00+01:00',
        }),
        fired('snooze fired', '2026-03-02T09:30:00+01:00', {
          snoozedUntil: '2026-03-02T10:00:00+01:00',
          firedFor: '2026-03-02T10:00:00+01:00',
        }),
      ],
      ms('2026-03-02T09:00:30Z'),
      ms('2026-03-02T08:00:00Z'),
    );
    expect(list).toEqual([
      {
        kind: 'reminder',
        id: 'snooze fired',
        title: 'Reminder snooze fired',
        at: '2026-03-02T10:00:00+01:00',
        missed: false,
      },
    ]);
  });
});
