// The one contract between the renderer and main: every operation, every event, their zod
// schemas and the types derived from them. Electron IPC and browser mode's WebSocket both carry it.
import { z } from 'zod';
import { Attachment, AttachmentId, attachmentOperations, MAX_ATTACHMENTS } from './attachment-contract';
import { calendarSyncEvents, calendarSyncOperations } from './calendar-sync-contract';
import { conversationSearchOperations } from './conversation-search-contract';
import { conversationTransferEvents, conversationTransferOperations } from './conversation-transfer-contract';
import { uploadOperations } from './upload-contract';

export const KeySource = z.enum(['keychain', 'environment', 'encrypted-file', 'none']);

/** What the renderer may know about the API key. Never the key itself. */
export const KeyStatus = z.object({
  present: z.boolean(),
  source: KeySource,
  /** `sk-…1234`, or null when there is no key. */
  masked: z.string().nullable(),
  /** ISO time the key was saved in the keychain; null for the environment or no key. */
  savedAt: z.string().nullable(),
  /** Why no key can be stored or read here (no keychain), with how to fix it. */
  problem: z.string().nullable(),
});

/** Desktop-only settings: the tray, the global shortcut, starting at login. */
export const DesktopSettings = z.object({
  /** False in browser mode, where none of these apply. */
  available: z.boolean(),
  /** Electron accelerator, e.g. "CommandOrControl+Shift+Space". */
  shortcut: z.string(),
  /** Why the shortcut is not active (taken by another app, Wayland…); null when it works. */
  shortcutProblem: z.string().nullable(),
  /** A caveat while the shortcut is registered (Wayland: the desktop may not deliver it); null when none. */
  shortcutNote: z.string().nullable(),
  /** Keep running in the tray when the window is closed. */
  runInBackground: z.boolean(),
  startAtLogin: z.boolean(),
});

/** Client-side limits enforced before a request is sent, so the API's own limits are rarely hit. */
export const RateLimits = z.object({
  requestsPerMinute: z.number().int().min(1).max(100_000),
  tokensPerMinute: z.number().int().min(1_000).max(100_000_000),
});

export const Budget = z.object({
  /** Monthly budget in US dollars, or null for none. */
  monthlyUsd: z.number().positive().max(1_000_000).nullable(),
  /** Share of the budget at which to warn (0.8 = 80%). */
  warnAt: z.number().min(0.05).max(1),
  /** Block new requests once the budget is spent, until the user raises it. */
  hardStop: z.boolean(),
});

export const Settings = z.object({
  baseUrl: z.string(),
  model: z.string(),
  key: KeyStatus,
  desktop: DesktopSettings,
  /** Notifications are held until this time ("Pause reminders for 1 hour"); null when not paused. */
  remindersPausedUntil: z.string().nullable(),
  limits: RateLimits,
  budget: Budget,
  /** Days after which Aide reminds the user to rotate the key; null turns the reminder off. */
  keyRotationDays: z.number().int().min(1).max(3650).nullable(),
});

/** An Electron accelerator: modifiers and one key joined by "+". */
export const Accelerator = z
  .string()
  .trim()
  .regex(
    /^([A-Za-z0-9]+\+)*[A-Za-z0-9]+$|^([A-Za-z0-9]+\+)+[^+\s]$/,
    'Use keys joined by "+", e.g. CommandOrControl+Shift+Space.',
  )
  .max(80);

export const SettingsPatch = z.object({
  baseUrl: z
    .string()
    .trim()
    .url({ protocol: /^https?$/ })
    .optional(),
  model: z.string().trim().min(1).max(200).optional(),
  shortcut: Accelerator.optional(),
  runInBackground: z.boolean().optional(),
  startAtLogin: z.boolean().optional(),
  limits: RateLimits.optional(),
  budget: Budget.optional(),
  keyRotationDays: z.number().int().min(1).max(3650).nullable().optional(),
});

export const Role = z.enum(['user', 'assistant']);
export const MessageStatus = z.enum(['complete', 'stopped', 'error']);

export const Usage = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
});

/** A reminder. `due` is when it is next due; for a recurring one, the next occurrence. */
export const Reminder = z.object({
  id: z.string(),
  title: z.string(),
  /** ISO 8601 with the zone's offset. */
  due: z.string(),
  /** The first occurrence, which the recurrence counts from. */
  start: z.string(),
  /** RFC 5545 RRULE (without "RRULE:"), or null when it happens once. */
  rrule: z.string().nullable(),
  notes: z.string().nullable(),
  /** IANA zone the times and the recurrence are computed in. */
  timeZone: z.string(),
  status: z.enum(['pending', 'done']),
  /** When snoozed, it fires at this time instead of `due`. */
  snoozedUntil: z.string().nullable(),
  /** The time (due or snoozedUntil) it last fired for, so it never fires twice for the same one. */
  firedFor: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  doneAt: z.string().nullable(),
  /** The recurrence in words, e.g. "every weekday at 09:00". */
  recurrenceText: z.string().nullable(),
  /** Calendar sync: what a conflict with the server replaced, one sentence each, oldest first. */
  history: z.array(z.string()).optional(),
  /** Calendar sync: the calendar the item lives in, or null (or absent) when it is only here. */
  calendar: z.object({ name: z.string(), color: z.string().nullable() }).nullable().optional(),
});

export const Appointment = z.object({
  id: z.string(),
  title: z.string(),
  /** Next (or only) occurrence's start and end, ISO 8601 with offset. */
  start: z.string(),
  end: z.string(),
  /** The first occurrence's start, which the recurrence counts from. */
  firstStart: z.string(),
  location: z.string().nullable(),
  notes: z.string().nullable(),
  rrule: z.string().nullable(),
  remindMinutesBefore: z.number().int().nonnegative(),
  timeZone: z.string(),
  /** The start it last notified for. */
  firedFor: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  recurrenceText: z.string().nullable(),
  /** Calendar sync: what a conflict with the server replaced, one sentence each, oldest first. */
  history: z.array(z.string()).optional(),
  /** Calendar sync: the calendar the item lives in, or null (or absent) when it is only here. */
  calendar: z.object({ name: z.string(), color: z.string().nullable() }).nullable().optional(),
});

/** One reminder or appointment as a chat card shows it. */
export const ItemCard = z.object({
  kind: z.enum(['reminder', 'appointment']),
  id: z.string(),
  title: z.string(),
  /** Due time, or an appointment's start. */
  when: z.string(),
  end: z.string().nullable(),
  recurrenceText: z.string().nullable(),
  location: z.string().nullable(),
  done: z.boolean(),
});

/** What one tool call did, shown in the chat as a compact card. */
export const ToolCard = z.object({
  action: z.enum(['created', 'updated', 'listed', 'completed', 'snoozed', 'deleted', 'declined', 'error']),
  tool: z.string(),
  items: z.array(ItemCard),
  /** For errors and declines: what happened, in words. */
  message: z.string().nullable(),
  /** Present on a creation that can still be undone. */
  undoToken: z.string().nullable(),
  /**
   * A quick-add's reading: the phrase as read, the spans of it that made the time (shown
   * highlighted) and, for a time said in another zone, both clocks ("4:00 PM CET (10:00 AM your time)").
   */
  reading: z
    .object({
      text: z.string(),
      spans: z.array(z.object({ start: z.number().int().min(0), end: z.number().int().min(0) })),
      zoneNote: z.string().nullable(),
    })
    .optional(),
});

export const FiredItem = z.object({
  kind: z.enum(['reminder', 'appointment']),
  id: z.string(),
  title: z.string(),
  /** The time it was due (for an appointment: its start). */
  at: z.string(),
  /** True when it came due while Aide was not running or the computer slept. */
  missed: z.boolean(),
});

export const ChatMessage = z.object({
  id: z.string(),
  role: Role,
  content: z.string(),
  createdAt: z.string(),
  status: MessageStatus,
  model: z.string().nullable().optional(),
  usage: Usage.nullable().optional(),
  /** Reminders and appointments this answer created, changed or listed. */
  cards: z.array(ToolCard).optional(),
  /** How many older messages were left out to fit the model's context window for this answer. */
  contextOmitted: z.number().int().nonnegative().optional(),
  /** Pictures and documents sent with the message; absent (older files) means none. */
  attachments: z.array(Attachment).optional(),
});

export const ConversationSummary = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** This conversation's model, or null for the one in Settings. */
  model: z.string().nullable().optional(),
  /** Custom instructions added to the system message, or null. */
  systemPrompt: z.string().nullable().optional(),
});

export const Conversation = ConversationSummary.extend({
  messages: z.array(ChatMessage),
  /** How many earlier messages were left out (asked for the newest `limit` only); absent when none. */
  olderCount: z.number().int().nonnegative().optional(),
});

export const ErrorCode = z.enum([
  'auth', // 401: the key was rejected
  'quota', // 429 insufficient_quota: out of credit
  'rate_limit', // 429: too many requests, retries exhausted
  'model_not_found', // 404 for the chosen model
  'server', // 5xx
  'network', // could not reach the server
  'no_key', // no key stored anywhere
  'bad_request', // 400 and other 4xx
  'keychain', // the keychain could not be reached
  'budget', // the monthly budget's hard stop blocks new requests
  'unknown',
]);

export const UserError = z.object({
  code: ErrorCode,
  /** One or two sentences a person understands: what happened and what to do. */
  message: z.string(),
  /** Whether a Retry button makes sense. */
  retryable: z.boolean(),
});

const Id = z.string().min(1).max(100);

/** What a request was for. */
export const UsageFeature = z.enum(['chat', 'quick_ask', 'tool_round']);

/** Prices in US dollars per million tokens. */
export const ModelPrice = z.object({
  input: z.number().nonnegative(),
  cachedInput: z.number().nonnegative().nullable(),
  output: z.number().nonnegative(),
});
export const PriceTable = z.record(z.string().min(1).max(200), ModelPrice);

export const UsageTotals = z.object({
  requests: z.number().int().nonnegative(),
  promptTokens: z.number().int().nonnegative(),
  cachedTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  /** Estimated cost of the priced requests. */
  costUsd: z.number().nonnegative(),
  /** Tokens of models with no price in the table (not in costUsd). */
  unpricedTokens: z.number().int().nonnegative(),
});

export const UsageSummary = z.object({
  today: UsageTotals,
  month: UsageTotals,
  byModel: z.array(UsageTotals.extend({ model: z.string() })),
  byConversation: z.array(UsageTotals.extend({ conversationId: z.string(), title: z.string() })),
  /** The last 30 days, oldest first, by local date (YYYY-MM-DD). */
  days: z.array(
    z.object({ date: z.string(), totalTokens: z.number().int().nonnegative(), costUsd: z.number().nonnegative() }),
  ),
  budget: z.object({
    monthlyUsd: z.number().nullable(),
    spentUsd: z.number().nonnegative(),
    /** spent / budget, or null without a budget. */
    share: z.number().nonnegative().nullable(),
    state: z.enum(['none', 'ok', 'warning', 'blocked']),
  }),
});

/** What the quick-ask popup did with the text. */
export const QuickAskResult = z.discriminatedUnion('kind', [
  /** A plain reminder or appointment, created at once by the offline parser. */
  z.object({ kind: z.literal('created'), card: ToolCard, message: z.string() }),
  /** A reminder without a time: the popup asks "when?". */
  z.object({ kind: z.literal('incomplete'), title: z.string(), message: z.string() }),
  /** Anything else went to the model, in a new conversation; the answer streams as chat events. */
  z.object({
    kind: z.literal('chat'),
    conversationId: z.string(),
    userMessage: ChatMessage,
    assistantMessageId: z.string(),
  }),
]);

/** Result of a change made from the Reminders view; `error` is a sentence for the user. */
export const ItemResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** Request and response schema of every operation the renderer can call. */
export const operations = {
  getSettings: { request: z.void(), response: Settings },
  updateSettings: { request: SettingsPatch, response: Settings },
  /** Validates the key against the server (GET /models) first; a rejected key is not stored. */
  saveKey: {
    request: z.object({ key: z.string().trim().min(8).max(500) }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), key: KeyStatus }),
      z.object({ ok: z.literal(false), error: UserError }),
    ]),
  },
  removeKey: { request: z.void(), response: KeyStatus },
  listModels: {
    request: z.void(),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), models: z.array(z.string()) }),
      z.object({ ok: z.literal(false), error: UserError }),
    ]),
  },
  listConversations: { request: z.void(), response: z.array(ConversationSummary) },
  createConversation: { request: z.void(), response: ConversationSummary },
  /** The conversation; with `limit`, only its newest messages (a long chat opens fast). */
  getConversation: {
    request: z.object({ id: Id, limit: z.number().int().min(1).max(100_000).optional() }),
    response: Conversation.nullable(),
  },
  /** Up to `limit` messages before the message `before`, oldest first; null if either is unknown. */
  getOlderMessages: {
    request: z.object({ id: Id, before: z.string().min(1).max(200), limit: z.number().int().min(1).max(1_000) }),
    response: z.object({ messages: z.array(ChatMessage), olderCount: z.number().int().nonnegative() }).nullable(),
  },
  renameConversation: {
    request: z.object({ id: Id, title: z.string().trim().min(1).max(200) }),
    response: ConversationSummary,
  },
  deleteConversation: { request: z.object({ id: Id }), response: z.void() },
  /** Stores the user's message and starts streaming the answer; progress arrives as events. */
  sendMessage: {
    request: z
      .object({
        conversationId: Id,
        /** May be empty when attachments go alone (a picture and nothing to say about it). */
        text: z.string().trim().max(100_000),
        /** Ids from addAttachment. */
        attachments: z.array(AttachmentId).max(MAX_ATTACHMENTS).optional(),
      })
      .refine((request) => request.text !== '' || (request.attachments?.length ?? 0) > 0, {
        message: 'Write a message or attach a file.',
        path: ['text'],
      }),
    response: z.object({ userMessage: ChatMessage, assistantMessageId: z.string() }),
  },
  /** Answers the last user message again (after an error). */
  retry: {
    request: z.object({ conversationId: Id }),
    response: z.object({ assistantMessageId: z.string() }),
  },
  stop: { request: z.object({ conversationId: Id }), response: z.void() },
  /** Notices for the user raised while starting (a settings file moved aside, no keychain…). */
  getNotices: { request: z.void(), response: z.array(z.string()) },
  listReminders: { request: z.void(), response: z.array(Reminder) },
  listAppointments: { request: z.void(), response: z.array(Appointment) },
  updateReminder: {
    request: z.object({
      id: Id,
      title: z.string().trim().min(1).max(500).optional(),
      due: z.iso.datetime({ offset: true }).optional(),
    }),
    response: ItemResult,
  },
  snoozeReminder: { request: z.object({ id: Id, minutes: z.number().int().min(1).max(10_080) }), response: ItemResult },
  completeReminder: { request: z.object({ id: Id }), response: ItemResult },
  deleteReminder: { request: z.object({ id: Id }), response: ItemResult },
  updateAppointment: {
    request: z.object({
      id: Id,
      title: z.string().trim().min(1).max(500).optional(),
      start: z.iso.datetime({ offset: true }).optional(),
      end: z.iso.datetime({ offset: true }).optional(),
    }),
    response: ItemResult,
  },
  deleteAppointment: { request: z.object({ id: Id }), response: ItemResult },
  /** Undoes a creation shown on a chat card. */
  undo: { request: z.object({ token: Id }), response: ItemResult },
  /** The user's answer to a `confirmRequested` dialog. */
  answerConfirmation: { request: z.object({ id: Id, confirmed: z.boolean() }), response: z.void() },
  /**
   * Reminders that fired and still wait for the user (not done or snoozed): the window shows them
   * on load, since a reminder missed while Aide was closed fires before any window is open.
   */
  listFired: { request: z.void(), response: z.array(FiredItem) },
  /** The quick-ask popup: the offline parser first, the model for anything else. */
  quickAsk: { request: z.object({ text: z.string().trim().min(1).max(10_000) }), response: QuickAskResult },
  /** "Open in Aide": the main window shows this conversation. */
  showConversation: { request: z.object({ id: Id }), response: z.void() },
  /** Esc in the popup. */
  hideQuickAsk: { request: z.void(), response: z.void() },
  /**
   * Shows the quick-ask popup (desktop); in browser mode, tells open quick-ask pages they were
   * shown (`quickAskShown`), which resets and focuses them.
   */
  showQuickAsk: { request: z.void(), response: z.void() },
  /** Holds notifications for `minutes` (0 resumes); what fires meanwhile arrives as one group after. */
  pauseReminders: { request: z.object({ minutes: z.number().int().min(0).max(1440) }), response: Settings },
  getUsage: { request: z.void(), response: UsageSummary },
  /** The usage ledger as CSV (no message text, no key). */
  exportUsageCsv: { request: z.void(), response: z.object({ filename: z.string(), content: z.string() }) },
  getPrices: { request: z.void(), response: PriceTable },
  /** Replaces the user's price table (the shipped one is the default). */
  setPrices: { request: PriceTable, response: PriceTable },
  /** A conversation's own model and custom instructions (null: use Settings / none). */
  updateConversation: {
    request: z.object({
      id: Id,
      model: z.string().trim().min(1).max(200).nullable().optional(),
      systemPrompt: z.string().max(20_000).nullable().optional(),
    }),
    response: ConversationSummary,
  },
  /** Every reminder and appointment as an iCalendar file, recurrence included. */
  exportCalendar: { request: z.void(), response: z.object({ filename: z.string(), content: z.string() }) },
  ...calendarSyncOperations,
  ...conversationSearchOperations,
  ...conversationTransferOperations,
  ...uploadOperations,
  ...attachmentOperations,
} as const;

/** Events main sends to the renderer. */
export const events = {
  /** Streamed text, batched: `text` is what arrived since the previous delta. */
  chatDelta: z.object({ conversationId: z.string(), messageId: z.string(), text: z.string() }),
  /** Something the user should see while waiting, e.g. "Rate limited — retrying in 3 s". */
  chatStatus: z.object({
    conversationId: z.string(),
    messageId: z.string(),
    status: z.string().nullable(),
  }),
  /** The answer is finished (complete or stopped); the stored message. */
  chatDone: z.object({ conversationId: z.string(), message: ChatMessage }),
  /** The answer failed; any partial text is stored in `message` (null when nothing arrived). */
  chatError: z.object({
    conversationId: z.string(),
    messageId: z.string(),
    error: UserError,
    message: ChatMessage.nullable(),
  }),
  conversationsChanged: z.array(ConversationSummary),
  settingsChanged: Settings,
  /** A tool call finished; its card belongs to the answer being streamed. */
  chatCard: z.object({ conversationId: z.string(), messageId: z.string(), card: ToolCard }),
  remindersChanged: z.object({ reminders: z.array(Reminder), appointments: z.array(Appointment) }),
  /** Items that came due; several at once arrive together, as one notification. */
  reminderFired: z.object({ items: z.array(FiredItem) }),
  /** The model wants to delete, or change more than one item: ask the user. */
  confirmRequested: z.object({
    id: z.string(),
    conversationId: z.string(),
    title: z.string(),
    details: z.array(z.string()),
  }),
  /** The confirmation was answered (here or in another window) or dropped. */
  confirmSettled: z.object({ id: z.string() }),
  /** The main window should show this conversation ("Open in Aide" from the popup). */
  conversationRequested: z.object({ id: z.string() }),
  /** A request's usage was recorded (the Usage view refreshes). */
  usageChanged: UsageSummary,
  /** The monthly budget crossed its warning share, or was used up. */
  budgetAlert: z.object({ state: z.enum(['warning', 'blocked']), message: z.string() }),
  /** The popup was just shown: clear it and focus the Ask box. */
  quickAskShown: z.object({ shownAt: z.number() }),
  ...calendarSyncEvents,
  ...conversationTransferEvents,
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type Request<N extends OperationName> = z.input<Operations[N]['request']>;
export type Response<N extends OperationName> = z.output<Operations[N]['response']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]>;

export type KeyStatus = z.output<typeof KeyStatus>;
export type Settings = z.output<typeof Settings>;
export type ChatMessage = z.output<typeof ChatMessage>;
export type ConversationSummary = z.output<typeof ConversationSummary>;
export type Conversation = z.output<typeof Conversation>;
export type UserError = z.output<typeof UserError>;
export type Usage = z.output<typeof Usage>;
export type Reminder = z.output<typeof Reminder>;
export type Appointment = z.output<typeof Appointment>;
export type ItemCard = z.output<typeof ItemCard>;
export type ToolCard = z.output<typeof ToolCard>;
export type FiredItem = z.output<typeof FiredItem>;
export type ItemResult = z.output<typeof ItemResult>;
export type QuickAskResult = z.output<typeof QuickAskResult>;
export type DesktopSettings = z.output<typeof DesktopSettings>;
export type RateLimits = z.output<typeof RateLimits>;
export type Budget = z.output<typeof Budget>;
export type UsageFeature = z.output<typeof UsageFeature>;
export type ModelPrice = z.output<typeof ModelPrice>;
export type PriceTable = z.output<typeof PriceTable>;
export type UsageTotals = z.output<typeof UsageTotals>;
export type UsageSummary = z.output<typeof UsageSummary>;

export const operationNames = Object.keys(operations) as OperationName[];
export const eventNames = Object.keys(events) as EventName[];

/** IPC channel of an operation or event; one prefix so the edge can refuse anything else. */
export const channelOf = (name: OperationName | EventName): string => `aide:${name}`;

/**
 * The API `window.aide` offers: one named function per operation, plus `on` for events.
 * Requests without a payload take no argument.
 */
export type AideApi = {
  [N in OperationName]: Request<N> extends void
    ? () => Promise<Response<N>>
    : (request: Request<N>) => Promise<Response<N>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Parses an operation's request from an untrusted sender; throws a ZodError when it does not fit. */
export function parseRequest<N extends OperationName>(name: N, payload: unknown): Request<N> {
  return operations[name].request.parse(payload) as Request<N>;
}

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(operations, name);
}
