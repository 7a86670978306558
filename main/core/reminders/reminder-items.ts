// What callers hand to the reminder service and get back from it besides the contract's
// Reminder and Appointment: new items, patches, item references, firings and the refusal error.

/**
 * A request that cannot be carried out. `message` is for the model (it may name a tool to call);
 * `forUser` is what the Reminders view shows, the same sentence unless the model's needs words
 * a person should not see ("Ask the user…", "Call list_reminders…").
 */
export class ItemError extends Error {
  override name = 'ItemError';
  readonly forUser: string;

  constructor(message: string, forUser?: string) {
    super(message);
    this.forUser = forUser ?? message;
  }
}

export type ItemKind = 'reminder' | 'appointment';
export interface ItemRef {
  kind: ItemKind;
  id: string;
}

/** A notification that has not happened yet, as the scheduler needs it. */
export interface Firing extends ItemRef {
  title: string;
  /** Epoch milliseconds at which to notify. */
  fireAt: number;
  firedFor: string;
  /** The due time (appointment: start) the notification is about. */
  at: string;
}

export interface NewReminder {
  title: string;
  due: string;
  rrule: string | null;
  notes: string | null;
  /** Same key, same reminder: a retried tool call returns the first one instead of a duplicate. */
  sourceKey?: string;
}

export interface ReminderPatch {
  title?: string;
  due?: string;
  rrule?: string | null;
  notes?: string | null;
}

export interface NewAppointment {
  title: string;
  start: string;
  end: string;
  location: string | null;
  notes: string | null;
  rrule: string | null;
  remindMinutesBefore?: number | null;
  sourceKey?: string;
}

export interface AppointmentPatch {
  title?: string;
  start?: string;
  end?: string;
  location?: string | null;
  notes?: string | null;
  rrule?: string | null;
  remindMinutesBefore?: number | null;
}
