// A hand-written, in-memory stand-in for `window.aide` (the preload API), with helpers that play
// main's part in a streamed answer so tests can drive the UI the way main would.
import type {
  AideApi,
  Appointment,
  ChatMessage,
  Conversation,
  ConversationSummary,
  EventName,
  EventPayload,
  FiredItem,
  ItemResult,
  KeyStatus,
  ModelPrice,
  OperationName,
  PriceTable,
  QuickAskResult,
  Reminder,
  Request,
  Response,
  Settings,
  ToolCard,
  UsageSummary,
  UsageTotals,
  UserError,
} from '../../common/contract';

type Listener = (payload: never) => void;

const noKey: KeyStatus = { present: false, source: 'none', masked: null, savedAt: null, problem: null };

/** What the next `quickAsk` does: answer with a result, or fail with this error. */
export type QuickAskPlan = QuickAskResult | Error;

export class FakeAide implements AideApi {
  readonly calls: string[] = [];
  /** Every request made, in order, for tests that check what was asked. */
  readonly requests: Array<{ op: OperationName; request: unknown }> = [];
  reminders: Reminder[] = [];
  appointments: Appointment[] = [];
  /** Results the next calls of an operation return instead of doing it, e.g. a validation error. */
  readonly failures = new Map<OperationName, string>();
  calendar = { filename: 'aide.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' };
  /** Undo tokens that still work, and what undoing each removes. */
  readonly undoable = new Map<string, string>();
  readonly conversations = new Map<string, Conversation>();
  settings: Settings = {
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    key: noKey,
    desktop: {
      available: true,
      shortcut: 'CommandOrControl+Shift+Space',
      shortcutProblem: null,
      shortcutNote: null,
      runInBackground: true,
      startAtLogin: false,
    },
    remindersPausedUntil: null,
    limits: { requestsPerMinute: 500, tokensPerMinute: 200_000 },
    budget: { monthlyUsd: null, warnAt: 0.8, hardStop: false },
    keyRotationDays: 90,
  };
  /** What `getUsage` answers; `usageChanged` carries a new one. */
  usage: UsageSummary = emptyUsage();
  usageCsv = { filename: 'aide-usage.csv', content: 'time,model,feature\r\n' };
  prices: PriceTable = {
    'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
    'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  };
  /**
   * Planned answers to the next `quickAsk` calls, in order. With none planned, the text goes to
   * the model like main does: a new conversation whose answer the test streams with `delta`.
   */
  readonly quickAskPlans: QuickAskPlan[] = [];
  notices: string[] = [];
  models: string[] = ['gpt-4o', 'gpt-4o-mini'];
  /** The answer being streamed: which message, of which conversation, and its text so far. */
  answer: { conversationId: string; id: string; text: string; cards: ToolCard[] } | null = null;
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private nextId = 1;
  private clock = Date.parse('2026-01-05T10:00:00Z');

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    this.listeners.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: EventPayload<E>) => void)(payload);
  }

  addConversation(title: string, messages: Array<Pick<ChatMessage, 'role' | 'content'>> = []): Conversation {
    const now = this.tick();
    const conversation: Conversation = {
      id: this.id('c'),
      title,
      createdAt: now,
      updatedAt: now,
      messages: messages.map((m) => this.message(m.role, m.content)),
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /** Main streams a piece of the current answer. */
  delta(text: string): void {
    const answer = this.current();
    answer.text += text;
    this.emit('chatDelta', { conversationId: answer.conversationId, messageId: answer.id, text });
  }

  status(status: string | null): void {
    const answer = this.current();
    this.emit('chatStatus', { conversationId: answer.conversationId, messageId: answer.id, status });
  }

  finish(status: ChatMessage['status'] = 'complete'): ChatMessage {
    const answer = this.current();
    const message = this.store(answer, status);
    this.answer = null;
    this.emit('chatDone', { conversationId: answer.conversationId, message });
    return message;
  }

  fail(error: UserError): void {
    const answer = this.current();
    const message = answer.text === '' ? null : this.store(answer, 'error');
    this.answer = null;
    this.emit('chatError', { conversationId: answer.conversationId, messageId: answer.id, error, message });
  }

  /** A tool call of the streaming answer finished. */
  card(card: ToolCard): void {
    const answer = this.current();
    answer.cards.push(card);
    this.emit('chatCard', { conversationId: answer.conversationId, messageId: answer.id, card });
  }

  addReminder(fields: Partial<Reminder> & Pick<Reminder, 'title' | 'due'>): Reminder {
    const now = this.tick();
    const reminder: Reminder = {
      id: this.id('r'),
      start: fields.due,
      rrule: null,
      notes: null,
      timeZone: 'Europe/Berlin',
      status: 'pending',
      snoozedUntil: null,
      firedFor: null,
      createdAt: now,
      updatedAt: now,
      doneAt: null,
      recurrenceText: null,
      ...fields,
    };
    this.reminders.push(reminder);
    return reminder;
  }

  addAppointment(fields: Partial<Appointment> & Pick<Appointment, 'title' | 'start' | 'end'>): Appointment {
    const now = this.tick();
    const appointment: Appointment = {
      id: this.id('a'),
      firstStart: fields.start,
      location: null,
      notes: null,
      rrule: null,
      remindMinutesBefore: 10,
      timeZone: 'Europe/Berlin',
      firedFor: null,
      createdAt: now,
      updatedAt: now,
      recurrenceText: null,
      ...fields,
    };
    this.appointments.push(appointment);
    return appointment;
  }

  /** Main announces the stored reminders and appointments after a change. */
  changed(): void {
    this.emit('remindersChanged', {
      reminders: structuredClone(this.reminders),
      appointments: structuredClone(this.appointments),
    });
  }

  fire(items: FiredItem[]): void {
    this.emit('reminderFired', { items });
  }

  requestsOf<N extends OperationName>(op: N): Request<N>[] {
    return this.requests.filter((r) => r.op === op).map((r) => r.request as Request<N>);
  }

  async getSettings(): Promise<Settings> {
    this.calls.push('getSettings');
    return this.settings;
  }

  async updateSettings(patch: Request<'updateSettings'>): Promise<Settings> {
    this.calls.push('updateSettings');
    this.requests.push({ op: 'updateSettings', request: patch });
    const { shortcut, runInBackground, startAtLogin, ...rest } = patch;
    const desktop = { ...this.settings.desktop };
    if (shortcut !== undefined) desktop.shortcut = shortcut;
    if (runInBackground !== undefined) desktop.runInBackground = runInBackground;
    if (startAtLogin !== undefined) desktop.startAtLogin = startAtLogin;
    this.settings = { ...this.settings, ...rest, desktop };
    return structuredClone(this.settings);
  }

  async saveKey({ key }: Request<'saveKey'>): Promise<Response<'saveKey'>> {
    this.calls.push('saveKey');
    const status: KeyStatus = {
      present: true,
      source: 'keychain',
      masked: `sk-…${key.slice(-4)}`,
      savedAt: '2026-01-05T10:00:00.000Z',
      problem: null,
    };
    this.settings = { ...this.settings, key: status };
    return { ok: true, key: status };
  }

  async removeKey(): Promise<KeyStatus> {
    this.calls.push('removeKey');
    this.settings = { ...this.settings, key: noKey };
    return noKey;
  }

  async listModels(): Promise<Response<'listModels'>> {
    this.calls.push('listModels');
    return { ok: true, models: this.models };
  }

  async listConversations(): Promise<ConversationSummary[]> {
    this.calls.push('listConversations');
    return [...this.conversations.values()].map(summary);
  }

  async createConversation(): Promise<ConversationSummary> {
    this.calls.push('createConversation');
    return summary(this.addConversation('New chat'));
  }

  async getConversation({ id, limit }: Request<'getConversation'>): Promise<Conversation | null> {
    this.calls.push('getConversation');
    const conversation = structuredClone(this.conversations.get(id) ?? null);
    if (!conversation || limit === undefined || conversation.messages.length <= limit) return conversation;
    const olderCount = conversation.messages.length - limit;
    return { ...conversation, messages: conversation.messages.slice(olderCount), olderCount };
  }

  async getOlderMessages({ id, before, limit }: Request<'getOlderMessages'>) {
    this.calls.push('getOlderMessages');
    const messages = this.conversations.get(id)?.messages ?? [];
    const end = messages.findIndex((m) => m.id === before);
    if (end === -1) return null;
    const start = Math.max(0, end - limit);
    return { messages: structuredClone(messages.slice(start, end)), olderCount: start };
  }

  async renameConversation({ id, title }: Request<'renameConversation'>): Promise<ConversationSummary> {
    this.calls.push('renameConversation');
    const conversation = this.get(id);
    conversation.title = title;
    return summary(conversation);
  }

  async deleteConversation({ id }: Request<'deleteConversation'>): Promise<void> {
    this.calls.push('deleteConversation');
    this.conversations.delete(id);
  }

  async sendMessage({ conversationId, text }: Request<'sendMessage'>): Promise<Response<'sendMessage'>> {
    this.calls.push('sendMessage');
    const userMessage = this.message('user', text);
    this.get(conversationId).messages.push(userMessage);
    this.answer = { conversationId, id: this.id('m'), text: '', cards: [] };
    return { userMessage, assistantMessageId: this.answer.id };
  }

  async retry({ conversationId }: Request<'retry'>): Promise<Response<'retry'>> {
    this.calls.push('retry');
    this.answer = { conversationId, id: this.id('m'), text: '', cards: [] };
    return { assistantMessageId: this.answer.id };
  }

  /** Like main: the partial answer is stored and announced as stopped. */
  async stop(_request: Request<'stop'>): Promise<void> {
    this.calls.push('stop');
    if (this.answer) queueMicrotask(() => this.finish('stopped'));
  }

  async getNotices(): Promise<string[]> {
    this.calls.push('getNotices');
    return this.notices;
  }

  async listReminders(): Promise<Reminder[]> {
    this.calls.push('listReminders');
    return structuredClone(this.reminders);
  }

  async listAppointments(): Promise<Appointment[]> {
    this.calls.push('listAppointments');
    return structuredClone(this.appointments);
  }

  async updateReminder(request: Request<'updateReminder'>): Promise<ItemResult> {
    return this.change('updateReminder', request, () => {
      const reminder = this.reminder(request.id);
      if (request.title !== undefined) reminder.title = request.title;
      if (request.due !== undefined) reminder.due = request.due;
    });
  }

  async snoozeReminder(request: Request<'snoozeReminder'>): Promise<ItemResult> {
    return this.change('snoozeReminder', request, () => {
      this.reminder(request.id).snoozedUntil = new Date(Date.now() + request.minutes * 60_000).toISOString();
    });
  }

  async completeReminder(request: Request<'completeReminder'>): Promise<ItemResult> {
    return this.change('completeReminder', request, () => {
      const reminder = this.reminder(request.id);
      reminder.status = 'done';
      reminder.doneAt = this.tick();
    });
  }

  async deleteReminder(request: Request<'deleteReminder'>): Promise<ItemResult> {
    return this.change('deleteReminder', request, () => {
      this.reminders = this.reminders.filter((r) => r.id !== request.id);
    });
  }

  async updateAppointment(request: Request<'updateAppointment'>): Promise<ItemResult> {
    return this.change('updateAppointment', request, () => {
      const appointment = this.appointments.find((a) => a.id === request.id);
      if (!appointment) throw new Error(`No appointment ${request.id}`);
      if (request.title !== undefined) appointment.title = request.title;
      if (request.start !== undefined) appointment.start = request.start;
      if (request.end !== undefined) appointment.end = request.end;
    });
  }

  async deleteAppointment(request: Request<'deleteAppointment'>): Promise<ItemResult> {
    return this.change('deleteAppointment', request, () => {
      this.appointments = this.appointments.filter((a) => a.id !== request.id);
    });
  }

  async undo(request: Request<'undo'>): Promise<ItemResult> {
    return this.change('undo', request, () => {
      const id = this.undoable.get(request.token);
      if (id === undefined) throw new Error('This can no longer be undone.');
      this.undoable.delete(request.token);
      this.reminders = this.reminders.filter((r) => r.id !== id);
      this.appointments = this.appointments.filter((a) => a.id !== id);
    });
  }

  async answerConfirmation(request: Request<'answerConfirmation'>): Promise<void> {
    this.calls.push('answerConfirmation');
    this.requests.push({ op: 'answerConfirmation', request });
  }

  /** What `listFired` answers: reminders that fired before the window opened. */
  firedBeforeOpen: FiredItem[] = [];

  async listFired(): Promise<FiredItem[]> {
    this.calls.push('listFired');
    return structuredClone(this.firedBeforeOpen);
  }

  async exportCalendar(): Promise<Response<'exportCalendar'>> {
    this.calls.push('exportCalendar');
    return this.calendar;
  }

  async quickAsk(request: Request<'quickAsk'>): Promise<QuickAskResult> {
    this.calls.push('quickAsk');
    this.requests.push({ op: 'quickAsk', request });
    const plan = this.quickAskPlans.shift();
    if (plan instanceof Error) throw plan;
    if (plan) return structuredClone(plan);
    const conversation = this.addConversation(request.text);
    const { userMessage, assistantMessageId } = await this.sendMessage({
      conversationId: conversation.id,
      text: request.text,
    });
    return { kind: 'chat', conversationId: conversation.id, userMessage, assistantMessageId };
  }

  async showConversation(request: Request<'showConversation'>): Promise<void> {
    this.calls.push('showConversation');
    this.requests.push({ op: 'showConversation', request });
  }

  async showQuickAsk(): Promise<void> {
    this.calls.push('showQuickAsk');
  }

  async hideQuickAsk(): Promise<void> {
    this.calls.push('hideQuickAsk');
  }

  /** Like main: holds notifications until then, and announces the changed settings. */
  async pauseReminders(request: Request<'pauseReminders'>): Promise<Settings> {
    this.calls.push('pauseReminders');
    this.requests.push({ op: 'pauseReminders', request });
    const until = request.minutes === 0 ? null : new Date(Date.now() + request.minutes * 60_000).toISOString();
    this.settings = { ...this.settings, remindersPausedUntil: until };
    this.emit('settingsChanged', structuredClone(this.settings));
    return structuredClone(this.settings);
  }

  async getUsage(): Promise<UsageSummary> {
    this.calls.push('getUsage');
    return structuredClone(this.usage);
  }

  async exportUsageCsv(): Promise<Response<'exportUsageCsv'>> {
    this.calls.push('exportUsageCsv');
    return this.usageCsv;
  }

  async getPrices(): Promise<PriceTable> {
    this.calls.push('getPrices');
    return structuredClone(this.prices);
  }

  async setPrices(request: Request<'setPrices'>): Promise<PriceTable> {
    this.calls.push('setPrices');
    this.requests.push({ op: 'setPrices', request });
    const failure = this.failures.get('setPrices');
    if (failure !== undefined) throw new Error(failure);
    this.prices = structuredClone(request) as Record<string, ModelPrice>;
    return structuredClone(this.prices);
  }

  /** Like main: stores the conversation's own model and instructions, and announces the list. */
  async updateConversation(request: Request<'updateConversation'>): Promise<ConversationSummary> {
    this.calls.push('updateConversation');
    this.requests.push({ op: 'updateConversation', request });
    const conversation = this.get(request.id);
    if (request.model !== undefined) conversation.model = request.model;
    if (request.systemPrompt !== undefined) conversation.systemPrompt = request.systemPrompt;
    return summary(conversation);
  }

  /** Main recorded a request: the Usage view gets the new summary. */
  usageRecorded(usage: UsageSummary): void {
    this.usage = structuredClone(usage);
    this.emit('usageChanged', structuredClone(usage));
  }

  /** Records the call, then either returns the planned failure or applies the change and announces it. */
  private async change(op: OperationName, request: unknown, apply: () => void): Promise<ItemResult> {
    this.calls.push(op);
    this.requests.push({ op, request });
    const failure = this.failures.get(op);
    if (failure !== undefined) return { ok: false, error: failure };
    try {
      apply();
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
    this.changed();
    return { ok: true };
  }

  private reminder(id: string): Reminder {
    const reminder = this.reminders.find((r) => r.id === id);
    if (!reminder) throw new Error(`No reminder ${id}`);
    return reminder;
  }

  private current(): NonNullable<FakeAide['answer']> {
    if (!this.answer) throw new Error('No answer is streaming');
    return this.answer;
  }

  private store(answer: NonNullable<FakeAide['answer']>, status: ChatMessage['status']): ChatMessage {
    const cards = answer.cards.length > 0 ? { cards: structuredClone(answer.cards) } : {};
    const message = { ...this.message('assistant', answer.text), id: answer.id, status, ...cards };
    this.get(answer.conversationId).messages.push(message);
    return message;
  }

  private get(id: string): Conversation {
    const conversation = this.conversations.get(id);
    if (!conversation) throw new Error(`No conversation ${id}`);
    return conversation;
  }

  private message(role: ChatMessage['role'], content: string): ChatMessage {
    return { id: this.id('m'), role, content, createdAt: this.tick(), status: 'complete' };
  }

  private id(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  private tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString();
  }
}

function summary({ id, title, createdAt, updatedAt, model, systemPrompt }: Conversation): ConversationSummary {
  return { id, title, createdAt, updatedAt, model: model ?? null, systemPrompt: systemPrompt ?? null };
}

export function totals(fields: Partial<UsageTotals> = {}): UsageTotals {
  const base = {
    requests: 0,
    promptTokens: 0,
    cachedTokens: 0,
    completionTokens: 0,
    costUsd: 0,
    unpricedTokens: 0,
    ...fields,
  };
  return { ...base, totalTokens: fields.totalTokens ?? base.promptTokens + base.completionTokens };
}

/** The last 30 days ending on `last` (YYYY-MM-DD), oldest first, with the given days filled in. */
export function usageDays(
  last: string,
  filled: Record<string, { totalTokens: number; costUsd: number }> = {},
): UsageSummary['days'] {
  const end = Date.parse(`${last}T12:00:00Z`);
  return Array.from({ length: 30 }, (_, index) => {
    const date = new Date(end - (29 - index) * 86_400_000).toISOString().slice(0, 10);
    return { date, ...(filled[date] ?? { totalTokens: 0, costUsd: 0 }) };
  });
}

export function emptyUsage(): UsageSummary {
  return {
    today: totals(),
    month: totals(),
    byModel: [],
    byConversation: [],
    days: usageDays('2026-01-05'),
    budget: { monthlyUsd: null, spentUsd: 0, share: null, state: 'none' },
  };
}

/** A month of use: two models (one without a price), two conversations, a budget at 85%. */
export function sampleUsage(): UsageSummary {
  return {
    today: totals({ requests: 3, promptTokens: 1200, cachedTokens: 200, completionTokens: 300, costUsd: 0.0123 }),
    month: totals({
      requests: 42,
      promptTokens: 50_000,
      cachedTokens: 10_000,
      completionTokens: 12_000,
      costUsd: 8.5,
      unpricedTokens: 3000,
    }),
    byModel: [
      {
        model: 'gpt-4o',
        ...totals({ requests: 40, promptTokens: 48_000, cachedTokens: 10_000, completionTokens: 11_000, costUsd: 8.5 }),
      },
      {
        model: 'llama3',
        ...totals({ requests: 2, promptTokens: 2000, completionTokens: 1000, unpricedTokens: 3000 }),
      },
    ],
    byConversation: [
      {
        conversationId: 'c1',
        title: 'Trip planning',
        ...totals({ requests: 30, promptTokens: 40_000, completionTokens: 9000, costUsd: 6.25 }),
      },
      {
        conversationId: 'c2',
        title: 'Groceries',
        ...totals({ requests: 12, promptTokens: 10_000, completionTokens: 3000, costUsd: 2.25 }),
      },
    ],
    days: usageDays('2026-01-05', {
      '2026-01-03': { totalTokens: 40_000, costUsd: 5 },
      '2026-01-05': { totalTokens: 1500, costUsd: 0.0123 },
    }),
    budget: { monthlyUsd: 10, spentUsd: 8.5, share: 0.85, state: 'warning' },
  };
}
