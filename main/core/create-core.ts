// Wires the core services together and maps every contract operation to one of them.
// The edges (Electron IPC, browser mode) only parse requests and forward events.
import type { EventName, EventPayload, ItemResult, Settings, UserError } from '../../common/contract';
import { ChatService } from './chat/chat-service';
import { exportIcs } from './reminders/calendar-export';
import { ItemError, ReminderService } from './reminders/reminder-service';
import { Scheduler } from './reminders/scheduler';
import { ToolExecutor } from './tools/tool-executor';
import { NotificationPause } from './reminders/notification-pause';
import { handleOffline, quickAsk } from './quick-ask';
import { parseQuickAdd } from './quick-add/parse';
import { warmUpTokenizer } from './chat/context-window';
import { rememberSecret } from './redact';
import { scheduleKeyRotation } from './secrets/key-rotation';
import { createClient, isOpenAIHost } from './chat/openai-client';
import { classifyError } from './chat/user-errors';
import { ConversationStore } from './conversations/conversation-store';
import type { CoreOptions } from './core-options';
import type { Core, EventListener, Handlers } from './core-types';
import { errorFields } from './logger';
import { systemClock, SecretStoreUnavailableError, type Clock } from './ports';
import { KeyService } from './secrets/key-service';
import { SettingsService } from './settings-service';
import { openConfStore } from './storage/open-store';
import { PriceBook } from './usage/prices';
import { RateLimiter } from './usage/rate-limiter';
import { UsageLedger } from './usage/usage-ledger';
import { UsageService } from './usage/usage-service';

export async function createCore(
  options: CoreOptions & {
    clock?: Clock;
    /** The rate limits' window; a minute, shortened by tests that check the limits with real timers. */
    rateLimitWindowMs?: number;
    /** How long a stream may stay quiet before it is given up; shortened by tests. */
    idleTimeoutMs?: number;
  },
): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const openStore = options.openStore ?? openConfStore;
  const { logger } = options;
  const listeners = new Set<EventListener>();
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => {
    for (const listener of listeners) listener(name, payload);
  };

  const settings = new SettingsService(openStore, options.dataDir, options.env.OPENAI_BASE_URL);
  const conversations = new ConversationStore(openStore, options.dataDir, clock);
  const keys = new KeyService(options.secretStore, options.env.OPENAI_API_KEY, () => settings.keySavedAt);
  const timeZone = options.timeZone ?? (() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const reminders = new ReminderService({ openStore, dataDir: options.dataDir, clock, logger, timeZone });
  const tools = new ToolExecutor(reminders);
  const offline = (text: string) => handleOffline(text, { reminders, tools, clock, timeZone });
  const prices = new PriceBook(openStore, options.dataDir);
  const ledger = new UsageLedger({ dataDir: options.dataDir, clock, logger });
  await ledger.load();
  const usage = new UsageService({
    ledger,
    prices,
    budget: () => settings.budget,
    clock,
    timeZone,
    titleOf: (id) => conversations.summary(id)?.title ?? null,
    emit,
  });
  const limiter = new RateLimiter({ limits: () => settings.limits, windowMs: options.rateLimitWindowMs });
  const chat = new ChatService({
    settings,
    keys,
    conversations,
    clock,
    logger,
    emit,
    fetch: options.fetch,
    tools,
    timeZone,
    offline,
    usage,
    limiter,
    idleTimeoutMs: options.idleTimeoutMs,
  });
  const pause = new NotificationPause({
    clock,
    deliver: (items) => {
      emit('reminderFired', { items });
      options.notifier?.show(items);
    },
  });
  pause.until(settings.remindersPausedUntil);
  const scheduler = new Scheduler({ service: reminders, clock, logger, notify: (items) => pause.notify(items) });
  let shortcutProblem = options.desktop?.apply(settings.desktop) ?? null;
  reminders.onChange(() =>
    emit('remindersChanged', { reminders: reminders.listReminders(), appointments: reminders.listAppointments() }),
  );
  rememberSecret(options.env.OPENAI_API_KEY);
  void keys.key().then(rememberSecret, () => undefined);
  /** Keeps the "Rotate your OpenAI API key" reminder in line with the key's age and the setting. */
  const syncKeyRotation = () => {
    try {
      scheduleKeyRotation({
        reminders,
        savedAt: keys.fromEnvironment ? null : settings.keySavedAt,
        days: settings.keyRotationDays,
        now: clock.now(),
        timeZone: timeZone(),
      });
    } catch (error) {
      logger.warn('key rotation reminder not updated', errorFields(error));
    }
  };
  syncKeyRotation();
  const startedAt = clock.now().getTime();
  scheduler.start();
  // The tokenizer's tables take about a second to load; load them before the first message, not with it.
  setTimeout(() => warmUpTokenizer(settings.model), 3_000).unref();
  // The first parse pays for JIT and time-zone data (~40 ms); pay it now, not when the user presses Enter.
  setTimeout(() => {
    try {
      parseQuickAdd('remind me to stretch tomorrow at 9am', { now: clock.now(), timeZone: timeZone() });
    } catch {
      // An unknown zone is reported when the user adds something; warming up is best effort.
    }
  }, 0).unref();

  /** Runs a change from the Reminders view; a refused change becomes a sentence for the user. */
  const change = (run: () => unknown): Promise<ItemResult> => {
    try {
      run();
      return Promise.resolve({ ok: true });
    } catch (error) {
      if (error instanceof ItemError) return Promise.resolve({ ok: false, error: error.message });
      return Promise.reject(error);
    }
  };

  const notices = [settings.notice, conversations.notice, reminders.notice, prices.notice].filter((n): n is string => n !== null);
  for (const notice of notices) logger.warn('store moved aside', { notice });
  if (options.secretStore instanceof Error) logger.warn('keychain unavailable', errorFields(options.secretStore));

  const currentSettings = async (): Promise<Settings> => ({
    baseUrl: settings.baseUrl,
    model: settings.model,
    key: await keys.status(),
    desktop: {
      available: options.desktop !== undefined,
      ...settings.desktop,
      shortcutProblem,
      shortcutNote: options.desktop?.shortcutNote ?? null,
    },
    remindersPausedUntil: pause.pausedUntil(),
    limits: settings.limits,
    budget: settings.budget,
    keyRotationDays: settings.keyRotationDays,
  });

  /** Checks a key with a cheap authenticated call before anything is stored. */
  const validateKey = async (key: string | null): Promise<UserError | null> => {
    try {
      await createClient({ baseUrl: settings.baseUrl, apiKey: key, maxRetries: 1, fetch: options.fetch }).models.list();
      return null;
    } catch (error) {
      const { code, message, retryable } = classifyError(error, { model: settings.model, baseUrl: settings.baseUrl });
      return { code, message, retryable };
    }
  };

  const handlers: Handlers = {
    getSettings: currentSettings,
    async updateSettings(patch) {
      const before = JSON.stringify(settings.desktop);
      settings.update(patch);
      if (patch.keyRotationDays !== undefined) syncKeyRotation();
      if (patch.limits) limiter.changed();
      if (patch.budget) usage.changed();
      if (options.desktop && JSON.stringify(settings.desktop) !== before) shortcutProblem = options.desktop.apply(settings.desktop);
      const next = await currentSettings();
      emit('settingsChanged', next);
      return next;
    },
    async saveKey({ key }) {
      // Before anything can log it, even a key the server is about to reject.
      rememberSecret(key);
      if (keys.fromEnvironment) {
        return { ok: false, error: { code: 'keychain', message: 'The key comes from the OPENAI_API_KEY environment variable; unset it to use a saved key.', retryable: false } };
      }
      const rejected = await validateKey(key);
      if (rejected) return { ok: false, error: rejected };
      try {
        await keys.save(key);
      } catch (error) {
        const message = error instanceof SecretStoreUnavailableError ? error.message : 'The key could not be stored in the keychain.';
        logger.error('saving the key failed', errorFields(error));
        return { ok: false, error: { code: 'keychain', message, retryable: true } };
      }
      settings.update({ keySavedAt: clock.now().toISOString() });
      syncKeyRotation();
      logger.info('key saved');
      const next = await currentSettings();
      emit('settingsChanged', next);
      return { ok: true, key: next.key };
    },
    async removeKey() {
      await keys.remove();
      settings.update({ keySavedAt: null });
      syncKeyRotation();
      logger.info('key removed');
      const next = await currentSettings();
      emit('settingsChanged', next);
      return next.key;
    },
    async listModels() {
      const key = await keys.key();
      if (!key && isOpenAIHost(settings.baseUrl)) {
        return { ok: false, error: { code: 'no_key', message: 'Add an API key first to load the list of models.', retryable: false } };
      }
      try {
        const ids: string[] = [];
        for await (const model of createClient({ baseUrl: settings.baseUrl, apiKey: key, maxRetries: 1, fetch: options.fetch }).models.list()) {
          ids.push(model.id);
        }
        return { ok: true, models: ids.sort() };
      } catch (error) {
        const { code, message, retryable } = classifyError(error, { model: settings.model, baseUrl: settings.baseUrl });
        return { ok: false, error: { code, message, retryable } };
      }
    },
    listConversations: async () => conversations.list(),
    async createConversation() {
      const summary = await conversations.create();
      settings.update({ lastConversationId: summary.id });
      emit('conversationsChanged', conversations.list());
      return summary;
    },
    async getConversation({ id, limit }) {
      const conversation = await conversations.page(id, limit === undefined ? {} : { limit });
      if (conversation) settings.update({ lastConversationId: id });
      return conversation;
    },
    async getOlderMessages({ id, before, limit }) {
      const page = await conversations.page(id, { before, limit });
      return page && { messages: page.messages, olderCount: page.olderCount ?? 0 };
    },
    async renameConversation({ id, title }) {
      const summary = await conversations.rename(id, title);
      emit('conversationsChanged', conversations.list());
      usage.changed();
      return summary;
    },
    async updateConversation({ id, model, systemPrompt }) {
      const summary = await conversations.update(id, {
        ...(model !== undefined && { model }),
        ...(systemPrompt !== undefined && { systemPrompt }),
      });
      emit('conversationsChanged', conversations.list());
      return summary;
    },
    async deleteConversation({ id }) {
      await chat.stop(id);
      await conversations.delete(id);
      emit('conversationsChanged', conversations.list());
      usage.changed();
    },
    sendMessage: ({ conversationId, text }) => chat.send(conversationId, text),
    retry: ({ conversationId }) => chat.retry(conversationId),
    stop: ({ conversationId }) => chat.stop(conversationId),
    listReminders: async () => reminders.listReminders(),
    listAppointments: async () => reminders.listAppointments(),
    updateReminder: ({ id, title, due }) =>
      change(() => reminders.updateReminder(id, { ...(title !== undefined && { title }), ...(due !== undefined && { due }) })),
    snoozeReminder: ({ id, minutes }) => change(() => reminders.snoozeReminder(id, minutes)),
    completeReminder: ({ id }) => change(() => reminders.completeReminder(id)),
    deleteReminder: ({ id }) => change(() => reminders.deleteReminder(id)),
    updateAppointment: ({ id, title, start, end }) =>
      change(() =>
        reminders.updateAppointment(id, {
          ...(title !== undefined && { title }),
          ...(start !== undefined && { start }),
          ...(end !== undefined && { end }),
        }),
      ),
    deleteAppointment: ({ id }) => change(() => reminders.deleteAppointment(id)),
    undo: ({ token }) =>
      change(() => {
        if (!tools.undo(token)) throw new ItemError('This can no longer be undone (it was already undone, or Aide restarted).');
      }),
    async answerConfirmation({ id, confirmed }) {
      chat.answerConfirmation(id, confirmed);
    },
    async listFired() {
      const now = clock.now().getTime();
      return reminders
        .listReminders()
        .filter((r) => r.status === 'pending' && r.firedFor !== null && r.firedFor === (r.snoozedUntil ?? r.due))
        .map((r) => {
          const at = Date.parse(r.firedFor!);
          return { kind: 'reminder' as const, id: r.id, title: r.title, at: r.firedFor!, missed: at < startedAt || now - at > 60_000 };
        });
    },
    quickAsk: ({ text }) => quickAsk(text, { reminders, tools, chat, conversations, clock, timeZone }),
    async showConversation({ id }) {
      emit('conversationRequested', { id });
      options.desktop?.showMainWindow();
    },
    async hideQuickAsk() {
      options.desktop?.hideQuickAsk();
    },
    async showQuickAsk() {
      if (options.desktop) options.desktop.showQuickAsk();
      else emit('quickAskShown', { shownAt: clock.now().getTime() });
    },
    async pauseReminders({ minutes }) {
      const until = minutes === 0 ? null : new Date(clock.now().getTime() + minutes * 60_000).toISOString();
      settings.update({ remindersPausedUntil: until });
      pause.until(until);
      const next = await currentSettings();
      emit('settingsChanged', next);
      return next;
    },
    getUsage: async () => usage.summary(),
    exportUsageCsv: () => usage.exportCsv(),
    getPrices: async () => usage.getPrices(),
    setPrices: async (table) => usage.setPrices(table),
    async exportCalendar() {
      const day = clock.now().toISOString().slice(0, 10);
      return { filename: `aide-${day}.ics`, content: exportIcs(reminders.listReminders(), reminders.listAppointments(), {}) };
    },
    // The key's problem, not the store's: the desktop hands in a keychain that may still be
    // starting (pendingSecretStore), whose failure shows only once it answers.
    getNotices: async () => {
      const { problem } = await keys.status();
      return problem === null ? notices : [...notices, problem];
    },
  };

  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    resume() {
      scheduler.check('resume');
    },
    async dispose() {
      scheduler.stop();
      pause.stop();
      await chat.dispose();
      limiter.dispose();
      await ledger.flush();
      listeners.clear();
    },
  };
}
