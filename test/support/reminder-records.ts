// A stored reminder as the agenda keeps it, for tests that need one without running the agenda:
// a pending one-off reminder in Europe/Berlin, every field overridable.
import type { Reminder } from '../../common/contract';

export function reminderRecord(over: Partial<Reminder> = {}, stamp = '2026-03-01T10:00:00.000Z'): Reminder {
  return {
    id: 'r1',
    title: 'Call mom',
    due: '2026-03-02T17:00:00+01:00',
    start: '2026-03-02T17:00:00+01:00',
    rrule: null,
    notes: null,
    timeZone: 'Europe/Berlin',
    status: 'pending',
    snoozedUntil: null,
    firedFor: null,
    createdAt: stamp,
    updatedAt: stamp,
    doneAt: null,
    recurrenceText: null,
    ...over,
  };
}
