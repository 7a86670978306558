// The composition root: builds the core services on their ports, starts what runs in the
// background, and joins every feature's operations into one dispatch for the edges.
import { calendarSyncOperations } from './calendar-sync/calendar-sync-operations';
import { attachmentOperations } from './attachments/attachment-operations';
import { chatOperations } from './chat/chat-operations';
import { warmUpTokenizer } from './chat/context-window';
import { conversationOperations } from './conversations/conversation-operations';
import { searchOperations } from './conversations/search/search-operations';
import { transferOperations } from './conversations/transfer/transfer-operations';
import type { CoreOptions } from './core-options';
import type { Core, Handlers } from './core-types';
import { createServices, type Services } from './create-services';
import { createDispatch } from './dispatch';
import { createEventBus, type Emit } from './event-bus';
import { errorFields } from './logger';
import { nextTurn } from './next-turn';
import type { Clock } from './ports';
import { quickAddWarmUps } from './quick-add/warm-up';
import { quickAskOperations } from './quick-ask/quick-ask-operations';
import { rememberSecret } from './redact';
import { reminderOperations } from './reminders/reminder-operations';
import { scheduleKeyRotation } from './secrets/key-rotation';
import { keyOperations } from './settings/key-operations';
import { settingsOperations } from './settings/settings-operations';
import { createSettingsView } from './settings/settings-view';
import { TOOL_SPECS_TEXT } from './tools/tool-definitions';
import { uploadOperations } from './uploads/upload-operations';
import { usageOperations } from './usage/usage-operations';

export type CreateCoreOptions = CoreOptions & {
  clock?: Clock;
  /** The rate limits' window; a minute, shortened by tests that check the limits with real timers. */
  rateLimitWindowMs?: number;
  /** How long a stream may stay quiet before it is given up; shortened by tests. */
  idleTimeoutMs?: number;
  /** A minute of the calendar sync interval, and the wait after a local change; shortened by tests. */
  calendarSyncMinuteMs?: number;
  calendarSyncDebounceMs?: number;
  /** How soon after a change the search index is saved; shortened by tests. */
  searchSaveDelayMs?: number;
};

export async function createCore(options: CreateCoreOptions): Promise<Core> {
  const bus = createEventBus();
  const services = await createServices(options, bus.emit);
  // The stores' opening and each step of the start below (key rotation, the scheduler's first check
  // over every item, the calendar's and search's start) get a turn of the event loop of their own:
  // at a cold start they were one 40–70 ms task.
  await nextTurn();
  const { clock, settings, reminders, keys, scheduler, pause, chat, ledger, limiter, calendarSync } = services;
  const { logger } = options;

  rememberSecret(options.env.OPENAI_API_KEY);
  void keys.key().then(rememberSecret, () => undefined);
  const syncKeyRotation = () => {
    try {
      scheduleKeyRotation({
        reminders,
        savedAt: keys.fromEnvironment ? null : settings.keySavedAt,
        days: settings.keyRotationDays,
        now: clock.now(),
        timeZone: services.timeZone(),
      });
    } catch (error) {
      logger.warn('key rotation reminder not updated', errorFields(error));
    }
  };
  syncKeyRotation();
  const startedAt = clock.now().getTime();
  let disposed = false;
  await nextTurn();
  afterCalendarSync(calendarSync.service.start(), () => {
    if (!disposed) scheduler.start();
  });
  await nextTurn();
  services.search.start();
  warmUp(
    () => settings.model,
    () => quickAddWarmUps(() => ({ now: clock.now(), timeZone: services.timeZone() })),
  );

  const { attachments, vision } = services;
  const notices = [
    settings.notice,
    services.conversations.notice,
    reminders.notice,
    services.prices.notice,
    calendarSync.notice,
    services.calendarEngine.notice,
    attachments.notice,
    vision.notice,
  ].filter((n): n is string => n !== null);
  for (const notice of notices) logger.warn('store moved aside', { notice });
  if (options.secretStore instanceof Error) logger.warn('keychain unavailable', errorFields(options.secretStore));

  const handlers = joinFeatures(services, { options, emit: bus.emit, syncKeyRotation, notices, startedAt });
  return {
    handlers,
    dispatch: createDispatch(handlers, { checkResponses: options.checkResponses ?? true }),
    onEvent: bus.onEvent,
    resume() {
      afterCalendarSync(calendarSync.service.resume(), () => scheduler.check('resume'));
    },
    async dispose() {
      disposed = true;
      scheduler.stop();
      pause.stop();
      await calendarSync.service.dispose();
      await chat.dispose();
      await services.uploads.dispose();
      await services.search.dispose();
      await reminders.settled();
      limiter.dispose();
      await ledger.flush();
      bus.clear();
    },
  };
}

/** The longest the scheduler's start or resume check waits for the calendar sync. */
const CALENDAR_WAIT_MS = 10_000;

/**
 * Runs the scheduler's check once the calendar sync has ended (at most CALENDAR_WAIT_MS), or at
 * once without an account: an alarm missed while Aide was closed or asleep may have been dismissed
 * on another device meanwhile, and only the sync brings that news (RFC 9074's ACKNOWLEDGED).
 */
function afterCalendarSync(sync: Promise<void> | null, check: () => void): void {
  if (sync === null) return void check();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cap = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CALENDAR_WAIT_MS);
    timer.unref();
  });
  void Promise.race([sync, cap]).then(() => {
    clearTimeout(timer);
    check();
  });
}

/** Each feature's operations, joined: TypeScript fails here until every operation has one handler. */
function joinFeatures(
  services: Services,
  extra: { options: CreateCoreOptions; emit: Emit; syncKeyRotation: () => void; notices: string[]; startedAt: number },
): Handlers {
  const { settings, keys, pause, limiter, usage, conversations, chat, reminders, tools, clock, timeZone } = services;
  const { options, emit, syncKeyRotation, notices } = extra;
  const { desktop, logger, fetch } = options;
  const view = createSettingsView({ settings, keys, pause, desktop, emit });
  return {
    ...settingsOperations({ settings, keys, view, pause, limiter, usage, syncKeyRotation, notices, clock }),
    ...keyOperations({ settings, keys, view, syncKeyRotation, clock, logger, fetch }),
    ...conversationOperations({ conversations, settings, chat, usage, emit, attachments: services.attachments }),
    ...chatOperations(chat),
    ...reminderOperations({
      reminders,
      tools,
      clock,
      startedAt: extra.startedAt,
      refuseChange: (ref) => services.calendarEngine.readOnlyRefusal(ref),
    }),
    ...quickAskOperations({ reminders, tools, chat, conversations, clock, timeZone, desktop, emit }),
    ...usageOperations(usage),
    ...calendarSyncOperations({ calendarSync: services.calendarSync.service, uploads: services.uploads, logger }),
    ...uploadOperations(services.uploads),
    ...attachmentOperations(services),
    ...searchOperations({ search: services.search, conversations }),
    ...transferOperations({
      conversations,
      uploads: services.uploads,
      dataDir: options.dataDir,
      clock,
      logger,
      emit,
      attachments: services.attachments,
    }),
  };
}

/** Between two warm-up steps: the event loop serves whatever came meanwhile. */
const WARM_UP_GAP_MS = 10;

/**
 * Pays start-up costs in the background, before the person's first message, not with it. The
 * first quick-add parse costs 50–250 ms (compiling its patterns, time-zone data): done in one go
 * it was the main process's longest stall at start, so it is paid in steps of a few ms each.
 */
function warmUp(model: () => string, quickAddSteps: () => (() => void)[]): void {
  // The tokenizer's tables load in its worker; this only asks it to start.
  setTimeout(() => warmUpTokenizer(model(), [TOOL_SPECS_TEXT]), 3_000).unref();
  let steps: (() => void)[] = [];
  const next = () => {
    const step = steps.shift();
    if (!step) return;
    try {
      step();
    } catch {
      // An unknown zone is reported when the user adds something; warming up is best effort.
    }
    setTimeout(next, WARM_UP_GAP_MS).unref();
  };
  setTimeout(() => {
    steps = [() => steps.push(...quickAddSteps())];
    next();
  }, 50).unref();
}
