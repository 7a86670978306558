// Quick add: a plain reminder or appointment command, understood by the local parser, is created
// at once (no model, no network, no key); the confirmation card shows the words that made the time.
import type { OfflineOutcome } from '../chat/offline-fallback';
import type { Clock } from '../ports';
import { ItemError, type AgendaService } from '../reminders/agenda-service';
import type { ToolExecutor } from '../tools/tool-executor';
import { withReading } from './confirmation';
import { readQuickAdd } from './parse';

export interface QuickAddDeps {
  reminders: AgendaService;
  tools: ToolExecutor;
  clock: Clock;
  timeZone: () => string;
}

/** Creates what the parser understands; says what is missing when it has no time. */
export function quickAdd(text: string, options: QuickAddDeps): OfflineOutcome {
  const timeZone = options.timeZone();
  const { result: parsed, reading } = readQuickAdd(text, { now: options.clock.now(), timeZone });
  try {
    if (parsed.kind === 'reminder') {
      const reminder = options.reminders.createReminder({
        title: parsed.title,
        due: parsed.due,
        rrule: parsed.rrule,
        notes: null,
      });
      const card = withReading(
        options.tools.createdCard('reminder', reminder, 'quick_add'),
        reading,
        parsed.due,
        timeZone,
      );
      return { kind: 'created', card, message: `Reminder set: ${reminder.title}` };
    }
    if (parsed.kind === 'appointment') {
      const appointment = options.reminders.createAppointment({
        title: parsed.title,
        start: parsed.start,
        end: parsed.end,
        location: null,
        notes: null,
        rrule: parsed.rrule,
        remindMinutesBefore: null,
      });
      const card = withReading(
        options.tools.createdCard('appointment', appointment, 'quick_add'),
        reading,
        parsed.start,
        timeZone,
      );
      return { kind: 'created', card, message: `Added to your agenda: ${appointment.title}` };
    }
    if (parsed.kind === 'incomplete') {
      return { kind: 'incomplete', title: parsed.title, message: `When should I remind you to ${parsed.title}?` };
    }
  } catch (error) {
    if (error instanceof ItemError) return { kind: 'incomplete', title: text, message: error.message };
    throw error;
  }
  return { kind: 'none' };
}
