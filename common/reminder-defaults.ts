// Defaults every edge applies to reminders, so a native notification, a toast and the Reminders view agree.

/** Snooze without a chosen time: 10 minutes is "remind me again in a bit" — long enough to finish
 * what the reminder interrupted, short enough that it is not forgotten. */
export const DEFAULT_SNOOZE_MINUTES = 10;
