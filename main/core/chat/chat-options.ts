// What the chat is built from (its ports and settings) and what one answer carries through its
// rounds: the types every part of chat/ shares.
import type { EventName, EventPayload, UserError, UsageFeature } from '../../../common/contract';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { VisionCapabilities } from '../attachments/vision-table';
import type { ConversationStore } from '../conversations/conversation-store';
import type { Clock, Logger } from '../ports';
import type { KeyService } from '../secrets/key-service';
import type { SettingsService } from '../settings-service';
import type { ConfirmRequest, ToolExecutor } from '../tools/tool-executor';
import type { RateLimiter } from '../usage/rate-limiter';
import type { RequestUsage } from '../usage/usage-service';
import type { OfflineFallback } from './offline-fallback';

export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface UsagePort {
  record(usage: RequestUsage): unknown;
  /** Why no request may be sent now (the budget's hard stop), or null. */
  blocked(): UserError | null;
}

export interface ChatServiceOptions {
  settings: SettingsService;
  keys: KeyService;
  conversations: ConversationStore;
  clock: Clock;
  logger: Logger;
  emit: Emit;
  fetch?: typeof fetch;
  /** The reminder tools; without them the model only chats. */
  tools?: ToolExecutor;
  /** A stream quiet for this long is given up as a network error (default 60 s). */
  idleTimeoutMs?: number;
  /** The offline parser, used when there is no key or no network. */
  offline?: OfflineFallback;
  /** The user's IANA zone (tests pin it). */
  timeZone?: () => string;
  /** The usage ledger and the monthly budget; without them nothing is recorded or blocked. */
  usage?: UsagePort;
  /** Client-side rate limits; without them requests go at once. */
  limiter?: RateLimiter;
  /** Stored attachments; without them messages carry none. */
  attachments?: AttachmentStore;
  /** Which models see pictures. */
  vision?: VisionCapabilities;
}

/** The options plus what the service keeps between answers. */
export interface ChatContext extends ChatServiceOptions {
  /** "baseUrl model" pairs whose server refused a request with tools. */
  readonly toolsUnsupported: Set<string>;
  /** Asks the user in a dialog; a stopped answer counts as declined. */
  confirm(conversationId: string, request: ConfirmRequest, signal: AbortSignal): Promise<boolean>;
}

/** What started an answer: the chat, or the quick-ask popup. Later rounds of the agent loop are tool rounds. */
export type AnswerFeature = Extract<UsageFeature, 'chat' | 'quick_ask'>;

/** One answer being written: where it goes, which model writes it, and the user's Stop. */
export interface Turn {
  conversationId: string;
  messageId: string;
  model: string;
  baseUrl: string;
  feature: AnswerFeature;
  signal: AbortSignal;
}
