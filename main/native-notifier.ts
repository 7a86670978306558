// Fired reminders as native notifications: one per group (never a storm), with Snooze and Done
// actions, and a click that brings Aide to the front. On Windows the toast carries its own
// arguments, so Snooze and Done work from the Action Center, after the object is gone, and after
// a restart (Notification.handleActivation).
import type { FiredItem } from '../common/contract';
import type { Notifier } from './core/core-options';

export type CloseReason = 'userCanceled' | 'applicationHidden' | 'timedOut';

export interface NotificationLike {
  on(event: 'action', listener: (event: unknown, index: number) => void): this;
  on(event: 'click', listener: () => void): this;
  on(event: 'close', listener: (event: { reason?: CloseReason | undefined }) => void): this;
  show(): void;
}

export interface NotificationOptions {
  title: string;
  body: string;
  actions: { type: 'button'; text: string }[];
  /** Windows only: the whole toast, with the arguments its activation hands back. */
  toastXml?: string;
}

/** What Windows hands back when a toast or one of its buttons is activated. */
export interface ActivationLike {
  type: string;
  arguments: string;
}

export type NotificationAction = 'snooze' | 'done';

export interface NativeNotifierOptions {
  platform: NodeJS.Platform;
  isSupported(): boolean;
  create(options: NotificationOptions): NotificationLike;
  /** Windows: Notification.handleActivation. */
  handleActivation?(callback: (details: ActivationLike) => void): void;
  /** Snooze or Done pressed on the notification, for the reminders in it. */
  onAction(action: NotificationAction, reminderIds: string[]): void;
  /** The notification was closed without Snooze or Done, for the items in it. */
  onDismiss?(items: { kind: FiredItem['kind']; id: string }[]): void;
  /** The notification was clicked: show the app. */
  onOpen(): void;
  formatTime?: (iso: string) => string;
}

export interface NativeNotifier extends Notifier {
  /** Starts handing Windows activations to onAction/onOpen; call once core can act on them. */
  listenForActivations(): void;
  /** How many notifications are kept alive (tests and leak checks). */
  readonly retained: number;
}

// Windows keeps toasts in the Action Center after they time out; their objects are kept (so a
// click still reaches the instance) but not without bound.
const maxRetained = 50;

const defaultFormat = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

export function createNativeNotifier(options: NativeNotifierOptions): NativeNotifier {
  const windows = options.platform === 'win32';
  // Electron drops the handlers of a notification that gets garbage-collected; keep them alive
  // until the person acts on it or dismisses it.
  const alive = new Set<NotificationLike>();
  const format = options.formatTime ?? defaultFormat;
  const retain = (notification: NotificationLike) => {
    alive.add(notification);
    if (alive.size > maxRetained) alive.delete(alive.values().next().value as NotificationLike);
  };

  return {
    get retained() {
      return alive.size;
    },
    listenForActivations() {
      if (!windows || !options.handleActivation) return;
      options.handleActivation((details) => {
        const activation = parseActivation(details.arguments);
        if (activation === null) return;
        if (activation.action === 'open') options.onOpen();
        else options.onAction(activation.action, activation.ids);
      });
    },
    show(items) {
      if (items.length === 0 || !options.isSupported()) return;
      const reminderIds = items.filter((i) => i.kind === 'reminder').map((i) => i.id);
      const text = describe(items, format);
      const notification = options.create({
        ...text,
        actions: reminderIds.length > 0 ? [{ type: 'button', text: 'Snooze' }, { type: 'button', text: 'Done' }] : [],
        ...(windows && { toastXml: toastXml(text, reminderIds) }),
      });
      retain(notification);
      const settle = () => alive.delete(notification);
      // On Windows handleActivation delivers clicks and buttons (also for toasts whose object is
      // gone); listening here too would act twice.
      if (!windows) {
        notification.on('action', (_event, index) => {
          settle();
          options.onAction(index === 0 ? 'snooze' : 'done', reminderIds);
        });
        notification.on('click', () => {
          settle();
          options.onOpen();
        });
      }
      notification.on('close', (event) => {
        // A toast that timed out went to the Action Center, where it can still be acted on.
        if (windows && event?.reason === 'timedOut') return;
        // Closed by the person (Windows says so; elsewhere a close not following an action or click is).
        const dismissed = alive.has(notification) && (!windows || event?.reason === 'userCanceled');
        settle();
        if (dismissed) options.onDismiss?.(items.map(({ kind, id }) => ({ kind, id })));
      });
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

const activationPrefix = 'aide-notification?';

function activationArguments(action: NotificationAction | 'open', ids: string[] = []): string {
  const query = new URLSearchParams({ action });
  if (ids.length > 0) query.set('ids', ids.join(','));
  return activationPrefix + query.toString();
}

/** Our own activation arguments back into an action; anything else (not ours) is null. */
export function parseActivation(
  args: string,
): { action: 'open' } | { action: NotificationAction; ids: string[] } | null {
  if (!args.startsWith(activationPrefix)) return null;
  const query = new URLSearchParams(args.slice(activationPrefix.length));
  const action = query.get('action');
  if (action === 'open') return { action };
  const ids = (query.get('ids') ?? '').split(',').filter((id) => id !== '');
  if ((action === 'snooze' || action === 'done') && ids.length > 0) return { action, ids };
  return null;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/** A ToastGeneric toast whose click and buttons carry the reminders they act on. */
export function toastXml(text: { title: string; body: string }, reminderIds: string[]): string {
  const action = (label: string, name: NotificationAction) =>
    `<action content="${label}" arguments="${escapeXml(activationArguments(name, reminderIds))}" activationType="foreground"/>`;
  const actions =
    reminderIds.length > 0 ? `<actions>${action('Snooze', 'snooze')}${action('Done', 'done')}</actions>` : '';
  return (
    `<toast launch="${escapeXml(activationArguments('open'))}" activationType="foreground">` +
    `<visual><binding template="ToastGeneric"><text>${escapeXml(text.title)}</text>` +
    `<text>${escapeXml(text.body)}</text></binding></visual>${actions}</toast>`
  );
}
