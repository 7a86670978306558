// The reminders that fired and still wait for Snooze or Done, for a window that opens after they
// fired (its toasts were not there to see the notification).
import type { FiredItem, Reminder } from '../../../common/contract';
import { MISSED_AFTER_MS } from './scheduler';

/**
 * A pending reminder is waiting when it fired for the time it is now set to (its snooze, else
 * its due time); a snooze or a new due time moves it on. It counts as missed when it fired
 * before this run started (`startedAt`, epoch ms) or longer than MISSED_AFTER_MS before `now`.
 */
export function firedReminders(reminders: readonly Reminder[], now: number, startedAt: number): FiredItem[] {
  const out: FiredItem[] = [];
  for (const reminder of reminders) {
    const { firedFor } = reminder;
    if (reminder.status !== 'pending' || firedFor === null || firedFor !== (reminder.snoozedUntil ?? reminder.due)) {
      continue;
    }
    const at = Date.parse(firedFor);
    const missed = at < startedAt || now - at > MISSED_AFTER_MS;
    out.push({ kind: 'reminder', id: reminder.id, title: reminder.title, at: firedFor, missed });
  }
  return out;
}
