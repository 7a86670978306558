// The key-rotation reminder: one reminder, through Aide's own scheduler, due a set number of days
// after the key was saved; a new key moves it, no key or no interval removes it.
import { DateTime } from 'luxon';
import type { Reminder } from '../../../common/contract';
import type { AgendaService } from '../reminders/agenda-service';

export const KEY_ROTATION_TITLE = 'Rotate your OpenAI API key';
export const KEY_ROTATION_NOTES =
  'Create a new key at https://platform.openai.com/api-keys and paste it in Settings → Save key. ' +
  'Aide checks the new key before it replaces the old one. Then revoke the old key on the same page.';
const REMIND_AT_HOUR = 9;

export interface KeyRotationOptions {
  reminders: Pick<AgendaService, 'createReminder' | 'deleteReminder' | 'remindersTitled'>;
  /** When the key in the keychain was saved; null when there is none (or it comes from the environment). */
  savedAt: string | null;
  /** Settings.keyRotationDays; null turns the reminder off. */
  days: number | null;
  now: Date;
  /** The user's IANA zone, for "09:00 local"; the system's when absent. */
  timeZone?: string;
}

/**
 * Makes the reminders match the key: at most one rotation reminder, for this key and interval.
 * Idempotent, so it is safe at every start and after every key or settings change. The reminder
 * is found again by a sourceKey made of the key's savedAt and the interval: the same key keeps its
 * reminder (also once it fired or was marked done, so it does not come back every start), a new
 * key or interval gets a new one and the old one is deleted. Returns the reminder, or null.
 */
export function scheduleKeyRotation(options: KeyRotationOptions): Reminder | null {
  const { reminders } = options;
  const due = rotationDue(options);
  const kept =
    due === null
      ? null
      : reminders.createReminder({
          title: KEY_ROTATION_TITLE,
          due,
          rrule: null,
          notes: KEY_ROTATION_NOTES,
          sourceKey: `aide:key-rotation:${options.savedAt}:${options.days}`,
        });
  // Title and notes together mark ours: a reminder the user made with a similar title stays.
  for (const reminder of reminders.remindersTitled(KEY_ROTATION_TITLE)) {
    if (reminder.id !== kept?.id && reminder.notes === KEY_ROTATION_NOTES) {
      reminders.deleteReminder(reminder.id);
    }
  }
  return kept;
}

/** savedAt + days at 09:00 in the user's zone; the next 09:00 when that has passed; null when off. */
export function rotationDue(options: Pick<KeyRotationOptions, 'savedAt' | 'days' | 'now' | 'timeZone'>): string | null {
  const { savedAt, days, now } = options;
  if (savedAt === null || days === null) return null;
  const zone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const saved = DateTime.fromISO(savedAt, { zone });
  if (!saved.isValid) return null;
  const nineAm = { hour: REMIND_AT_HOUR, minute: 0, second: 0, millisecond: 0 };
  let due: DateTime = saved.plus({ days }).set(nineAm);
  const current = DateTime.fromJSDate(now, { zone });
  if (due <= current) {
    due = current.set(nineAm);
    if (due <= current) due = due.plus({ days: 1 });
  }
  return due.toISO({ suppressMilliseconds: true });
}
