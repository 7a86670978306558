// How a firing reads, in the toast and in browser mode's desktop notification: "2 reminders and 1
// appointment", "Missed · Due Today 09:00".
import type { FiredItem } from '../../../common/contract';
import { formatWhen } from '../time-format';

/** One item's identity across firings: a reminder that fires again is the same item. */
export const firedKey = (item: FiredItem): string => `${item.kind}:${item.id}`;

export function heading(items: FiredItem[]): string {
  if (items.length === 1) return items[0]?.title ?? '';
  const reminders = items.filter((i) => i.kind === 'reminder').length;
  const appointments = items.length - reminders;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  if (appointments === 0) return count(reminders, 'reminder');
  if (reminders === 0) return count(appointments, 'appointment');
  return `${count(reminders, 'reminder')} and ${count(appointments, 'appointment')}`;
}

export function describe(item: FiredItem, now: Date): string {
  const when = formatWhen(item.at, { now });
  const kind = item.kind === 'appointment' ? `Starts ${when}` : `Due ${when}`;
  return item.missed ? `Missed · ${kind}` : kind;
}
