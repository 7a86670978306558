// The contract's operation and event names and channels, restated without zod: a sandboxed preload
// can require nothing but 'electron', and this build leaves zod external. The Record types make tsc
// fail when the contract gains or loses a name; the preload test checks the channels match.
import type { EventName, OperationName } from '../common/contract';

const operations: Record<OperationName, true> = {
  getSettings: true,
  updateSettings: true,
  saveKey: true,
  removeKey: true,
  listModels: true,
  listConversations: true,
  createConversation: true,
  getConversation: true,
  getOlderMessages: true,
  renameConversation: true,
  deleteConversation: true,
  sendMessage: true,
  retry: true,
  stop: true,
  getNotices: true,
  listReminders: true,
  listAppointments: true,
  updateReminder: true,
  snoozeReminder: true,
  completeReminder: true,
  deleteReminder: true,
  updateAppointment: true,
  deleteAppointment: true,
  undo: true,
  answerConfirmation: true,
  listFired: true,
  quickAsk: true,
  showConversation: true,
  hideQuickAsk: true,
  showQuickAsk: true,
  pauseReminders: true,
  getUsage: true,
  exportUsageCsv: true,
  getPrices: true,
  setPrices: true,
  updateConversation: true,
  exportCalendar: true,
};

const events: Record<EventName, true> = {
  chatDelta: true,
  chatStatus: true,
  chatDone: true,
  chatError: true,
  conversationsChanged: true,
  settingsChanged: true,
  chatCard: true,
  remindersChanged: true,
  reminderFired: true,
  confirmRequested: true,
  confirmSettled: true,
  conversationRequested: true,
  quickAskShown: true,
  usageChanged: true,
  budgetAlert: true,
};

export const operationNames = Object.keys(operations) as OperationName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

export const channelOf = (name: OperationName | EventName): string => `aide:${name}`;
