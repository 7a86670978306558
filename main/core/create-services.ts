// Builds every core service on its ports and wires them to each other, one feature at a time;
// nothing is started here but the stores' reads. create-core.ts starts them and joins the operations.
import { createCalendarSync } from './calendar-sync/create-calendar-sync';
import { connectCalDav } from './calendar-sync/caldav-client';
import { CalendarSyncEngine } from './calendar-sync/sync-engine';
import { icalMapping } from './calendar-sync/sync-mapping';
import { screenAttachment } from './attachments/attachment-kinds';
import { AttachmentStore } from './attachments/attachment-store';
import { VisionCapabilities } from './attachments/vision-table';
import { ChatService } from './chat/chat-service';
import { ConversationStore } from './conversations/conversation-store';
import { SearchService } from './conversations/search/search-service';
import type { CreateCoreOptions } from './create-core';
import type { Emit } from './event-bus';
import { systemClock, type Clock } from './ports';
import { quickAdd } from './quick-add/quick-add';
import { NotificationPause } from './reminders/notification-pause';
import { AgendaService } from './reminders/agenda-service';
import { Scheduler } from './reminders/scheduler';
import { warmUpIntl } from './intl-warm-up';
import { nextTurn } from './next-turn';
import { KeyService } from './secrets/key-service';
import { SettingsService } from './settings-service';
import { openConfStore } from './storage/open-store';
import { ToolExecutor } from './tools/tool-executor';
import { UploadStore } from './uploads/upload-store';
import { PriceBook } from './usage/prices';
import { RateLimiter } from './usage/rate-limiter';
import { UsageLedger } from './usage/usage-ledger';
import { UsageService } from './usage/usage-service';

/** What every feature's builder gets: the options, the event bus, and the ports made once. */
interface Base {
  options: CreateCoreOptions;
  emit: Emit;
  clock: Clock;
  openStore: NonNullable<CreateCoreOptions['openStore']>;
  timeZone: () => string;
}

export type Services = Awaited<ReturnType<typeof createServices>>;

export async function createServices(options: CreateCoreOptions, emit: Emit) {
  const base: Base = {
    options,
    emit,
    clock: options.clock ?? systemClock,
    openStore: options.openStore ?? openConfStore,
    timeZone: options.timeZone ?? (() => Intl.DateTimeFormat().resolvedOptions().timeZone),
  };
  const { openStore, clock } = base;
  const { dataDir, logger } = options;

  // ICU's data loads in a worker meanwhile; the reminders are the first to format a date. Starting
  // a thread takes a few ms of this one: a turn of its own too.
  const intl = warmUpIntl();
  await nextTurn();
  // Each store opens in a turn of the event loop of its own (together they held it ~50 ms at a cold
  // start), one after the other: opened while the reminders load, a store's turn and a slice of
  // the reminders ran back to back.
  const settings = new SettingsService(openStore, dataDir, options.env.OPENAI_BASE_URL);
  const conversations = await ConversationStore.open(openStore, dataDir, clock);
  const search = new SearchService({ dataDir, conversations, logger, saveDelayMs: options.searchSaveDelayMs });
  const keys = new KeyService(options.secretStore, options.env.OPENAI_API_KEY, () => settings.keySavedAt);
  await nextTurn();
  await intl;
  const reminders = await AgendaService.open({ openStore, dataDir, clock, logger, timeZone: base.timeZone });
  // The engine is made below; the tools ask it only once a model turn runs.
  const tools = new ToolExecutor(reminders, (ref) => calendar.engine.readOnlyRefusal(ref));
  await nextTurn();
  const usageParts = await createUsage(base, settings, conversations);
  await nextTurn();
  const files = await createFiles(base);
  await nextTurn();
  const chat = new ChatService({
    settings,
    keys,
    conversations,
    clock,
    logger,
    emit,
    fetch: options.fetch,
    tools,
    timeZone: base.timeZone,
    offline: (text: string) => quickAdd(text, { reminders, tools, clock, timeZone: base.timeZone }),
    usage: usageParts.usage,
    limiter: usageParts.limiter,
    idleTimeoutMs: options.idleTimeoutMs,
    attachments: files.attachments,
    vision: files.vision,
  });
  const calendar = createReminderEdge(base, settings, reminders);
  return {
    clock,
    timeZone: base.timeZone,
    settings,
    conversations,
    search,
    keys,
    reminders,
    tools,
    ...usageParts,
    chat,
    pause: calendar.pause,
    scheduler: calendar.scheduler,
    calendarSync: calendar.calendarSync,
    calendarEngine: calendar.engine,
    ...files,
  };
}

/** Prices, the usage ledger (read now), the usage figures and the rate limiter. */
async function createUsage(base: Base, settings: SettingsService, conversations: ConversationStore) {
  const { options, clock, emit } = base;
  const prices = new PriceBook(base.openStore, options.dataDir);
  const ledger = new UsageLedger({ dataDir: options.dataDir, clock, logger: options.logger });
  await ledger.load();
  const usage = new UsageService({
    ledger,
    prices,
    budget: () => settings.budget,
    clock,
    timeZone: base.timeZone,
    titleOf: (id) => conversations.summary(id)?.title ?? null,
    emit,
  });
  const limiter = new RateLimiter({ limits: () => settings.limits, windowMs: options.rateLimitWindowMs });
  return { prices, ledger, usage, limiter };
}

/** The chunked uploads and the attachments stored from them, with the models' vision table. */
async function createFiles(base: Base) {
  const { dataDir, logger } = base.options;
  const uploads = new UploadStore(dataDir, logger);
  await uploads.start();
  uploads.screen('attachment', screenAttachment);
  const attachments = new AttachmentStore(base.openStore, dataDir, base.clock, logger);
  await attachments.start();
  const vision = new VisionCapabilities(base.openStore, dataDir);
  return { uploads, attachments, vision };
}

/** What reminders meet outside the agenda: notifications (and their pause), the scheduler, the calendar sync. */
function createReminderEdge(base: Base, settings: SettingsService, reminders: AgendaService) {
  const { options, clock, emit, openStore } = base;
  const { dataDir, logger } = options;
  const pause = new NotificationPause({
    clock,
    deliver: (items) => {
      emit('reminderFired', { items });
      options.notifier?.show(items);
    },
  });
  pause.until(settings.remindersPausedUntil);
  const scheduler = new Scheduler({ service: reminders, clock, logger, notify: (items) => pause.notify(items) });
  const engine = new CalendarSyncEngine({
    agenda: reminders,
    dataDir,
    openStore,
    clock,
    logger,
    timeZone: base.timeZone,
    mapping: icalMapping,
  });
  const calendarSync = createCalendarSync({
    openStore,
    dataDir,
    secretStore: options.secretStore,
    env: options.env,
    clock,
    logger,
    emit,
    connect: (account) => connectCalDav(account, { fetch: options.fetch }),
    engine,
    minuteMs: options.calendarSyncMinuteMs,
    debounceMs: options.calendarSyncDebounceMs,
  });
  reminders.onChange(() =>
    emit('remindersChanged', { reminders: reminders.listReminders(), appointments: reminders.listAppointments() }),
  );
  return { pause, scheduler, engine, calendarSync };
}
