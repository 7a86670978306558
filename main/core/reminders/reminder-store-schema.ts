// A stored reminder and appointment (a line of reminders.jsonl holds one), and the layout of the
// older reminders.json: its schema, defaults, and the migrations conf runs on it before the check.
import { z } from 'zod';
import { Appointment, Reminder } from '../../../common/contract';
import type { StoreOptions } from '../core-options';
import { describeRecurrence } from './recurrence-wording';

export const REMINDERS_VERSION = '1.0.0';
export const DEFAULT_REMIND_MINUTES = 10;

/**
 * Calendar sync: the coming starts of a synced series that is more than its RRULE (EXDATE,
 * RECURRENCE-ID overrides, or a rule our own recurrence code does not read), worked out by
 * ical.js at each sync; when set, firing moves on along this list instead of the RRULE.
 */
const nextStarts = z.array(z.string()).optional();

/** The stored reminder: the contract's shape plus the key that makes retried creations idempotent. */
export const ReminderRecord = Reminder.extend({ sourceKey: z.string().nullable(), nextStarts });
export const AppointmentRecord = Appointment.extend({ sourceKey: z.string().nullable(), nextStarts });
export type ReminderRecord = z.output<typeof ReminderRecord>;
export type AppointmentRecord = z.output<typeof AppointmentRecord>;

export const RemindersFile = z.object({
  reminders: z.record(z.string(), ReminderRecord),
  appointments: z.record(z.string(), AppointmentRecord),
});
export type RemindersFile = z.output<typeof RemindersFile>;

export const emptyRemindersFile = (): RemindersFile => ({ reminders: {}, appointments: {} });

type Migrations = StoreOptions<RemindersFile>['migrations'];
type Fields = Record<string, unknown>;

/**
 * 1.0.0: files written before the layout was versioned may lack fields added while it settled
 * (snooze, firedFor, recurrence text, the idempotency key…). Filling their defaults keeps a usable
 * file from failing the schema check and being moved aside. Anything else stays for the check.
 */
export function remindersMigrations(timeZone: () => string, now: () => Date): Migrations {
  return {
    '1.0.0': (store) => {
      const stamp = now().toISOString();
      const fill = (key: 'reminders' | 'appointments', defaults: (item: Fields) => Fields) => {
        const items = store.get(key);
        if (!isFields(items)) return;
        const filled: Record<string, unknown> = {};
        for (const [id, item] of Object.entries(items)) {
          if (!isFields(item)) {
            filled[id] = item;
            continue;
          }
          const merged: Fields = { ...defaults(item), ...withoutUndefined(item), id };
          filled[id] = { ...merged, recurrenceText: merged.recurrenceText ?? describe(merged) };
        }
        store.set(key, filled);
      };
      const common: Fields = {
        notes: null,
        rrule: null,
        timeZone: timeZone(),
        firedFor: null,
        createdAt: stamp,
        updatedAt: stamp,
        recurrenceText: null,
        sourceKey: null,
      };
      fill('reminders', (item) => ({
        ...common,
        start: item.due,
        status: 'pending',
        snoozedUntil: null,
        doneAt: null,
      }));
      fill('appointments', (item) => ({
        ...common,
        firstStart: item.start,
        location: null,
        remindMinutesBefore: DEFAULT_REMIND_MINUTES,
      }));
    },
  };
}

function describe(item: Fields): string | null {
  const { rrule, due, start, firstStart, timeZone } = item;
  const from = firstStart ?? start ?? due;
  if (typeof rrule !== 'string' || typeof from !== 'string' || typeof timeZone !== 'string') return null;
  try {
    return describeRecurrence(rrule, from, timeZone);
  } catch {
    return null;
  }
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutUndefined(item: Fields): Fields {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined));
}
