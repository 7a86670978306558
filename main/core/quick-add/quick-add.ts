// Quick add: a plain reminder or appointment command, understood by the local parser, is created
// at once (no model, no network, no key); the confirmation card shows the words that made the time.
import type { Appointment, Reminder } from '../../../common/contract';
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
  const created = (kind: 'reminder' | 'appointment', item: Reminder | Appointment, at: string, message: string) => ({
    kind: 'created' as const,
    card: withReading(options.tools.createdCard(kind, item, 'quick_add'), reading, at, timeZone),
    message,
  });
  try {
    if (parsed.kind === 'reminder') {
      const { title, due, rrule } = parsed;
      const reminder = options.reminders.createReminder({ title, due, rrule, notes: null });
      return created('reminder', reminder, due, `Reminder set: ${reminder.title}`);
    }
    if (parsed.kind === 'appointment') {
      const { title, start, end, rrule } = parsed;
      const extras = { location: null, notes: null, remindMinutesBefore: null };
      const appointment = options.reminders.createAppointment({ title, start, end, rrule, ...extras });
      return created('appointment', appointment, start, `Added to your agenda: ${appointment.title}`);
    }
    if (parsed.kind === 'incomplete') {
      return { kind: 'incomplete', title: parsed.title, message: `When should I remind you to ${parsed.title}?` };
    }
  } catch (error) {
    if (error instanceof ItemError) return { kind: 'incomplete', title: text, message: error.forUser };
    throw error;
  }
  return { kind: 'none' };
}
