// The composition root: builds the core services on their ports, starts what runs in the
// background, and joins every feature's operations into one dispatch for the edges.
import { ChatService } from './chat/chat-service';
import { chatOperations } from './chat/chat-operations';
import { warmUpTokenizer } from './chat/context-window';
import { ConversationStore } from './conversations/conversation-store';
import { conversationOperations } from './conversations/conversation-operations';
import type { CoreOptions } from './core-options';
import type { Core, Handlers } from './core-types';
import { createDispatch } from './dispatch';
import { createEventBus } from './event-bus';
import { errorFields } from './logger';
import { systemClock, type Clock } from './ports';
import { parseQuickAdd } from './quick-add/parse';
import { quickAdd } from './quick-add/quick-add';
import { quickAskOperations } from './quick-ask/quick-ask-operations';
import { rememberSecret } from './redact';
import { NotificationPause } from './reminders/notification-pause';
import { reminderOperations } from './reminders/reminder-operations';
import { ReminderService } from './reminders/reminder-service';
import { Scheduler } from './reminders/scheduler';
import { scheduleKeyRotation } from './secrets/key-rotation';
import { KeyService } from './secrets/key-service';
import { settingsOperations } from './settings/settings-operations';
import { SettingsService } from './settings-service';
import { openConfStore } from './storage/open-store';
import { ToolExecutor } from './tools/tool-executor';
import { PriceBook } from './usage/prices';
import { RateLimiter } from './usage/rate-limiter';
import { UsageLedger } from './usage/usage-ledger';
import { usageOperations } from './usage/usage-operations';
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
  const { logger, dataDir, desktop, fetch } = options;
  const timeZone = options.timeZone ?? (() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const bus = createEventBus();
  const { emit } = bus;

  const settings = new SettingsService(openStore, dataDir, options.env.OPENAI_BASE_URL);
  const conversations = new ConversationStore(openStore, dataDir, clock);
  const keys = new KeyService(options.secretStore, options.env.OPENAI_API_KEY, () => settings.keySavedAt);
  const reminders = new ReminderService({ openStore, dataDir, clock, logger, timeZone });
  const tools = new ToolExecutor(reminders);
  const offline = (text: string) => quickAdd(text, { reminders, tools, clock, timeZone });
  const prices = new PriceBook(openStore, dataDir);
  const ledger = new UsageLedger({ dataDir, clock, logger });
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
    fetch,
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
  reminders.onChange(() =>
    emit('remindersChanged', { reminders: reminders.listReminders(), appointments: reminders.listAppointments() }),
  );
  rememberSecret(options.env.OPENAI_API_KEY);
  void keys.key().then(rememberSecret, () => undefined);
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
  warmUp(
    () => settings.model,
    () => parseQuickAdd('remind me to stretch tomorrow at 9am', { now: clock.now(), timeZone: timeZone() }),
  );

  const notices = [settings.notice, conversations.notice, reminders.notice, prices.notice].filter(
    (n): n is string => n !== null,
  );
  for (const notice of notices) logger.warn('store moved aside', { notice });
  if (options.secretStore instanceof Error) logger.warn('keychain unavailable', errorFields(options.secretStore));

  const handlers: Handlers = {
    ...settingsOperations({
      settings,
      keys,
      pause,
      limiter,
      usage,
      desktop,
      syncKeyRotation,
      notices,
      clock,
      logger,
      emit,
      fetch,
    }),
    ...conversationOperations({ conversations, settings, chat, usage, emit }),
    ...chatOperations(chat),
    ...reminderOperations({ reminders, tools, clock, startedAt }),
    ...quickAskOperations({ reminders, tools, chat, conversations, clock, timeZone, desktop, emit }),
    ...usageOperations(usage),
  };

  return {
    handlers,
    dispatch: createDispatch(handlers, { checkResponses: options.checkResponses ?? true }),
    onEvent: bus.onEvent,
    resume() {
      scheduler.check('resume');
    },
    async dispose() {
      scheduler.stop();
      pause.stop();
      await chat.dispose();
      limiter.dispose();
      await ledger.flush();
      bus.clear();
    },
  };
}

/** Pays start-up costs in the background, before the person's first message, not with it. */
function warmUp(model: () => string, parse: () => unknown): void {
  // The tokenizer's tables take about a second to load.
  setTimeout(() => warmUpTokenizer(model()), 3_000).unref();
  // The first parse pays for JIT and time-zone data (~40 ms).
  setTimeout(() => {
    try {
      parse();
    } catch {
      // An unknown zone is reported when the user adds something; warming up is best effort.
    }
  }, 0).unref();
}
