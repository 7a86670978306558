// Settings: reading and changing them, pausing notifications, and the notices the app opens with.
import type { Handlers } from '../core-types';
import type { Clock } from '../ports';
import type { NotificationPause } from '../reminders/notification-pause';
import type { KeyService } from '../secrets/key-service';
import type { SettingsService } from '../settings-service';
import type { RateLimiter } from '../usage/rate-limiter';
import type { UsageService } from '../usage/usage-service';
import type { SettingsView } from './settings-view';

export interface SettingsFeature {
  settings: SettingsService;
  keys: KeyService;
  view: SettingsView;
  pause: NotificationPause;
  limiter: RateLimiter;
  usage: UsageService;
  /** Keeps the "Rotate your OpenAI API key" reminder in line with the setting. */
  syncKeyRotation(): void;
  /** Notices found at start (a store moved aside). */
  notices: readonly string[];
  clock: Clock;
}

export function settingsOperations(feature: SettingsFeature) {
  const { settings, view } = feature;
  return {
    getSettings: () => view.current(),
    async updateSettings(patch) {
      const before = JSON.stringify(settings.desktop);
      settings.update(patch);
      if (patch.keyRotationDays !== undefined) feature.syncKeyRotation();
      if (patch.limits) feature.limiter.changed();
      if (patch.budget) feature.usage.changed();
      if (JSON.stringify(settings.desktop) !== before) view.applyDesktop();
      return view.changed();
    },
    /** Holds notifications for `minutes` (0 resumes); what fires meanwhile arrives as one group after. */
    async pauseReminders({ minutes }) {
      const until = minutes === 0 ? null : new Date(feature.clock.now().getTime() + minutes * 60_000).toISOString();
      settings.update({ remindersPausedUntil: until });
      feature.pause.until(until);
      return view.changed();
    },
    // The key's problem, not the store's: the desktop hands in a keychain that may still be
    // starting (pendingSecretStore), whose failure shows only once it answers.
    async getNotices() {
      const { problem } = await feature.keys.status();
      return problem === null ? [...feature.notices] : [...feature.notices, problem];
    },
  } satisfies Partial<Handlers>;
}
