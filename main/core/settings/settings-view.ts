// What Settings shows, assembled from the services that own each part, and the one place that
// tells every window Settings changed. Holds why the global shortcut could not be registered.
import type { Settings } from '../../../common/contract';
import type { DesktopShell } from '../core-options';
import type { Emit } from '../event-bus';
import type { NotificationPause } from '../reminders/notification-pause';
import type { KeyService } from '../secrets/key-service';
import type { SettingsService } from '../settings-service';

export interface SettingsView {
  current(): Promise<Settings>;
  /** Sends settingsChanged to every window and returns what it sent. */
  changed(): Promise<Settings>;
  /** Re-applies the shortcut and login item when the desktop settings changed. */
  applyDesktop(): void;
}

export function createSettingsView(deps: {
  settings: SettingsService;
  keys: KeyService;
  pause: NotificationPause;
  desktop: DesktopShell | undefined;
  emit: Emit;
}): SettingsView {
  const { settings, keys, desktop } = deps;
  let shortcutProblem = desktop?.apply(settings.desktop) ?? null;
  const current = async (): Promise<Settings> => ({
    baseUrl: settings.baseUrl,
    model: settings.model,
    key: await keys.status(),
    desktop: {
      available: desktop !== undefined,
      ...settings.desktop,
      shortcutProblem,
      shortcutNote: desktop?.shortcutNote ?? null,
    },
    remindersPausedUntil: deps.pause.pausedUntil(),
    limits: settings.limits,
    budget: settings.budget,
    keyRotationDays: settings.keyRotationDays,
  });
  return {
    current,
    async changed() {
      const next = await current();
      deps.emit('settingsChanged', next);
      return next;
    },
    applyDesktop() {
      if (desktop) shortcutProblem = desktop.apply(settings.desktop);
    },
  };
}
