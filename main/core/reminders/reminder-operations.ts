// Changes made from the Reminders view, Undo of what the assistant created, what fired before a
// window opened, and the calendar export. A refused change becomes a sentence for the user.
import type { ItemResult } from '../../../common/contract';
import type { Handlers } from '../core-types';
import type { Clock } from '../ports';
import type { ToolExecutor } from '../tools/tool-executor';
import { exportIcs } from './calendar-export';
import { ItemError, type AgendaService } from './agenda-service';
import { firedReminders } from './fired-list';
import type { ItemRef } from './reminder-items';

export interface RemindersFeature {
  reminders: AgendaService;
  tools: ToolExecutor;
  clock: Clock;
  /** When this run of core started: what fired before it was missed while Aide was closed. */
  startedAt: number;
  /** A sentence refusing a change to the item (a read-only synced calendar's), or null. */
  refuseChange?: (ref: ItemRef) => string | null;
}

function change(run: () => unknown, refusal: string | null = null): Promise<ItemResult> {
  if (refusal !== null) return Promise.resolve({ ok: false, error: refusal });
  try {
    run();
    return Promise.resolve({ ok: true });
  } catch (error) {
    if (error instanceof ItemError) return Promise.resolve({ ok: false, error: error.forUser });
    return Promise.reject(error);
  }
}

export function reminderOperations({ reminders, tools, clock, startedAt, refuseChange }: RemindersFeature) {
  const refused = (kind: ItemRef['kind'], id: string) => refuseChange?.({ kind, id }) ?? null;
  return {
    listReminders: async () => reminders.listReminders(),
    listAppointments: async () => reminders.listAppointments(),
    updateReminder: ({ id, title, due }) =>
      change(
        () =>
          reminders.updateReminder(id, { ...(title !== undefined && { title }), ...(due !== undefined && { due }) }),
        refused('reminder', id),
      ),
    snoozeReminder: ({ id, minutes }) => change(() => reminders.snoozeReminder(id, minutes)),
    completeReminder: ({ id }) => change(() => reminders.completeReminder(id), refused('reminder', id)),
    deleteReminder: ({ id }) => change(() => reminders.deleteReminder(id), refused('reminder', id)),
    updateAppointment: ({ id, title, start, end }) =>
      change(
        () =>
          reminders.updateAppointment(id, {
            ...(title !== undefined && { title }),
            ...(start !== undefined && { start }),
            ...(end !== undefined && { end }),
          }),
        refused('appointment', id),
      ),
    deleteAppointment: ({ id }) => change(() => reminders.deleteAppointment(id), refused('appointment', id)),
    undo: ({ token }) =>
      change(() => {
        if (!tools.undo(token))
          throw new ItemError('This can no longer be undone (it was already undone, or Aide restarted).');
      }),
    /** Reminders that fired and wait for Snooze or Done, for a window that opened after they fired. */
    listFired: async () => firedReminders(reminders.listReminders(), clock.now().getTime(), startedAt),
    async exportCalendar() {
      const day = clock.now().toISOString().slice(0, 10);
      return {
        filename: `aide-${day}.ics`,
        content: exportIcs(reminders.listReminders(), reminders.listAppointments(), { now: clock.now() }),
      };
    },
  } satisfies Partial<Handlers>;
}
