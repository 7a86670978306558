// Calendar sync (CalDAV): the operations and events of Settings' `Calendar sync` section and the
// Reminders view's `Import calendar`. Joined into the one operation list in contract.ts.
export const calendarSyncOperations = {} as const;

export const calendarSyncEvents = {} as const;
