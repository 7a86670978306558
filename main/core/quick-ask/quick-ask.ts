// The quick-ask popup and the offline path: plain reminder and appointment commands are created
// at once by the local parser (no model, no network, no key); anything else goes to the model.
import type { QuickAskResult } from '../../common/contract';
import type { ChatService } from './chat/chat-service';
import type { OfflineOutcome } from './chat/offline-fallback';
import type { ConversationStore } from './conversations/conversation-store';
import type { Clock } from './ports';
import { withReading } from './quick-add/confirmation';
import { readQuickAdd } from './quick-add/parse';
import { ItemError, type ReminderService } from './reminders/reminder-service';
import type { ToolExecutor } from './tools/tool-executor';

export interface QuickAskOptions {
  reminders: ReminderService;
  tools: ToolExecutor;
  chat: ChatService;
  conversations: ConversationStore;
  clock: Clock;
  timeZone: () => string;
}

/** Creates what the parser understands; says what is missing when it has no time. */
export function handleOffline(text: string, options: Omit<QuickAskOptions, 'chat' | 'conversations'>): OfflineOutcome {
  const timeZone = options.timeZone();
  const { result: parsed, reading } = readQuickAdd(text, { now: options.clock.now(), timeZone });
  try {
    if (parsed.kind === 'reminder') {
      const reminder = options.reminders.createReminder({ title: parsed.title, due: parsed.due, rrule: parsed.rrule, notes: null });
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

export async function quickAsk(text: string, options: QuickAskOptions): Promise<QuickAskResult> {
  const offline = handleOffline(text, options);
  if (offline.kind !== 'none') return offline;
  const conversation = await options.conversations.create();
  const sent = await options.chat.send(conversation.id, text, 'quick_ask');
  return { kind: 'chat', conversationId: conversation.id, ...sent };
}
