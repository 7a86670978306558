// The tray icon and its menu: quick ask, open Aide, the next three reminders, pause or resume
// notifications, quit. The menu is rebuilt whenever core reports reminders or settings changed.
import type { EventPayload, Reminder } from '../common/contract';
import type { Core } from './core/core-types';
import type { Logger } from './core/ports';

export type TrayMenuItem = { label: string; enabled?: boolean; click?: () => void } | { type: 'separator' };

/** `Menu` is whatever buildMenu makes (Electron's Menu); the tray only hands it to setContextMenu. */
export interface TrayLike<Menu> {
  setToolTip(toolTip: string): void;
  setContextMenu(menu: Menu): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface AppTrayOptions<Menu> {
  createTray(): TrayLike<Menu>;
  buildMenu(items: TrayMenuItem[]): Menu;
  core: Pick<Core, 'handlers' | 'onEvent'>;
  platform: NodeJS.Platform;
  showQuickAsk(): void;
  showMainWindow(): void;
  quit(): void;
  logger: Logger;
  now?: () => number;
  /** "Tue 17:00" in the user's locale and zone. */
  formatTime?: (iso: string) => string;
}

export function reminderTime(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

const shownReminders = 3;

/** Pending reminders still ahead, soonest first; a snoozed one counts at its snooze time. */
export function nextReminders(reminders: readonly Reminder[], now: number): Reminder[] {
  const at = (reminder: Reminder) => Date.parse(reminder.snoozedUntil ?? reminder.due);
  return reminders
    .filter((reminder) => reminder.status === 'pending' && at(reminder) > now)
    .sort((a, b) => at(a) - at(b))
    .slice(0, shownReminders);
}

export function createAppTray<Menu>(options: AppTrayOptions<Menu>): { dispose(): void } {
  const { core, logger } = options;
  const now = options.now ?? Date.now;
  const formatTime = options.formatTime ?? ((iso: string) => reminderTime(iso));
  let reminders: readonly Reminder[] = [];
  let pausedUntil: string | null = null;
  let resumeTimer: ReturnType<typeof setTimeout> | undefined;
  // An event that arrives before the first read answers is newer than that answer.
  const heard = { reminders: false, settings: false };

  const tray = options.createTray();
  tray.setToolTip('Aide');
  // macOS opens the menu on click; elsewhere a click means "show me the app".
  if (options.platform !== 'darwin') tray.on('click', () => options.showMainWindow());

  const pause = (minutes: number): void => {
    core.handlers.pauseReminders({ minutes }).catch((error: unknown) => {
      logger.error('Could not pause reminders', { minutes, error: String(error) });
    });
  };

  const rebuild = (): void => {
    clearTimeout(resumeTimer);
    const pauseEnds = pausedUntil === null ? Number.NaN : Date.parse(pausedUntil);
    const paused = pauseEnds > now();
    // The pause ends on its own; the menu must offer "Pause" again then.
    if (paused) resumeTimer = setTimeout(rebuild, pauseEnds - now());
    const upcoming = nextReminders(reminders, now());
    const items: TrayMenuItem[] = [
      { label: 'Quick ask…', click: () => options.showQuickAsk() },
      { label: 'Open Aide', click: () => options.showMainWindow() },
      { type: 'separator' },
      ...(upcoming.length === 0
        ? [{ label: 'No upcoming reminders', enabled: false }]
        : upcoming.map((reminder) => ({
            label: `${reminder.title} — ${formatTime(reminder.snoozedUntil ?? reminder.due)}`,
            click: () => options.showMainWindow(),
          }))),
      paused
        ? { label: 'Resume reminders', click: () => pause(0) }
        : { label: 'Pause reminders for 1 hour', click: () => pause(60) },
      { type: 'separator' },
      { label: 'Quit', click: () => options.quit() },
    ];
    tray.setContextMenu(options.buildMenu(items));
  };

  const unsubscribe = core.onEvent((name, payload) => {
    // The listener is generic over every event, so the payload needs naming once the name is known.
    if (name === 'remindersChanged') {
      reminders = (payload as EventPayload<'remindersChanged'>).reminders;
      heard.reminders = true;
    } else if (name === 'settingsChanged') {
      pausedUntil = (payload as EventPayload<'settingsChanged'>).remindersPausedUntil;
      heard.settings = true;
    } else return;
    rebuild();
  });
  // Linux shows no tray icon without a menu: one now, the reminders as soon as core answers.
  rebuild();
  Promise.all([core.handlers.getSettings(), core.handlers.listReminders()])
    .then(([settings, list]) => {
      if (!heard.settings) pausedUntil = settings.remindersPausedUntil;
      if (!heard.reminders) reminders = list;
      rebuild();
    })
    .catch((error: unknown) => logger.error('Could not fill the tray menu', { error: String(error) }));

  return {
    dispose() {
      unsubscribe();
      clearTimeout(resumeTimer);
      tray.destroy();
    },
  };
}
