// Fired reminders as native notifications: one per group (never a storm), with Snooze and Done
// actions where the platform has them (macOS), and a click that brings Aide to the front.
import type { FiredItem } from '../common/contract';
import type { Notifier } from './core/core-options';

export interface NotificationLike {
  on(event: 'action', listener: (event: unknown, index: number) => void): this;
  on(event: 'click' | 'close', listener: () => void): this;
  show(): void;
}

export interface NotificationOptions {
  title: string;
  body: string;
  actions: { type: 'button'; text: string }[];
}

export interface NativeNotifierOptions {
  isSupported(): boolean;
  create(options: NotificationOptions): NotificationLike;
  /** Snooze or Done pressed on the notification, for the reminders in it. */
  onAction(action: 'snooze' | 'done', reminderIds: string[]): void;
  /** The notification was clicked: show the app. */
  onOpen(): void;
  formatTime?: (iso: string) => string;
}

const defaultFormat = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

export function createNativeNotifier(options: NativeNotifierOptions): Notifier {
  // Electron drops the handlers of a notification that gets garbage-collected; keep them alive.
  const alive = new Set<NotificationLike>();
  const format = options.formatTime ?? defaultFormat;
  return {
    show(items) {
      if (items.length === 0 || !options.isSupported()) return;
      const reminderIds = items.filter((i) => i.kind === 'reminder').map((i) => i.id);
      const notification = options.create({
        ...describe(items, format),
        actions: reminderIds.length > 0 ? [{ type: 'button', text: 'Snooze' }, { type: 'button', text: 'Done' }] : [],
      });
      alive.add(notification);
      notification.on('action', (_event, index) => options.onAction(index === 0 ? 'snooze' : 'done', reminderIds));
      notification.on('click', () => options.onOpen());
      notification.on('close', () => alive.delete(notification));
      notification.show();
    },
  };
}

export function describe(items: FiredItem[], format: (iso: string) => string): { title: string; body: string } {
  const line = (item: FiredItem) =>
    `${item.title} — ${item.missed ? 'missed, was due' : item.kind === 'appointment' ? 'starts' : 'due'} ${format(item.at)}`;
  if (items.length === 1) {
    const [item] = items as [FiredItem];
    return { title: item.title, body: line(item).slice(item.title.length + 3) };
  }
  const missed = items.filter((i) => i.missed).length;
  return {
    title: `${items.length} reminders${missed > 0 ? ` (${missed} missed)` : ''}`,
    body: items.map(line).join('\n'),
  };
}
