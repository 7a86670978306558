// How the Reminders view sorts things into Overdue, Upcoming by day, Done and the Agenda by day.
import type { Appointment, Reminder } from '../../../common/contract';
import { dayKey, formatDay, type Viewpoint } from '../time-format';

export interface DayGroup<T> {
  key: string;
  /** "Today", "Tomorrow", "Tue 1 Dec". */
  label: string;
  items: T[];
}

/** When a pending reminder will next fire: a snooze moves it. */
export const nextTime = (reminder: Reminder): string => reminder.snoozedUntil ?? reminder.due;

const time = (iso: string): number => Date.parse(iso);

function byDay<T>(items: T[], at: (item: T) => string, viewpoint: Viewpoint): DayGroup<T>[] {
  const groups = new Map<string, DayGroup<T>>();
  for (const item of items) {
    const key = dayKey(at(item), viewpoint.timeZone);
    let group = groups.get(key);
    if (!group) {
      group = { key, label: formatDay(at(item), viewpoint), items: [] };
      groups.set(key, group);
    }
    group.items.push(item);
  }
  return [...groups.values()];
}

export interface ReminderGroups {
  overdue: Reminder[];
  upcoming: DayGroup<Reminder>[];
  done: Reminder[];
}

export function groupReminders(reminders: Reminder[], viewpoint: Viewpoint): ReminderGroups {
  const now = viewpoint.now.getTime();
  const pending = reminders.filter((r) => r.status === 'pending').sort((a, b) => time(nextTime(a)) - time(nextTime(b)));
  return {
    overdue: pending.filter((r) => time(nextTime(r)) < now),
    upcoming: byDay(
      pending.filter((r) => time(nextTime(r)) >= now),
      nextTime,
      viewpoint,
    ),
    done: reminders
      .filter((r) => r.status === 'done')
      .sort((a, b) => time(b.doneAt ?? b.updatedAt) - time(a.doneAt ?? a.updatedAt)),
  };
}

/** Appointments not yet over, by the day they start. */
export function groupAgenda(appointments: Appointment[], viewpoint: Viewpoint): DayGroup<Appointment>[] {
  const now = viewpoint.now.getTime();
  const coming = appointments.filter((a) => time(a.end) >= now).sort((a, b) => time(a.start) - time(b.start));
  return byDay(coming, (a) => a.start, viewpoint);
}
