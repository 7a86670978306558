// Answers a conversation with a streamed Chat Completion: stores the user's message first,
// streams deltas (batched) as events, keeps partial text on stop or failure, waits for the
// client-side rate limits and the monthly budget before each request, records each request's
// usage, and retries the API's rate limits visibly, honouring retry-after.
import { randomUUID } from 'node:crypto';
import OpenAI, { APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type {
  ChatMessage,
  EventName,
  EventPayload,
  ToolCard,
  Usage,
  UsageFeature,
  UserError,
} from '../../../common/contract';
import type { ConversationStore } from '../conversations/conversation-store';
import { NEW_CHAT_TITLE } from '../conversations/conversation-store';
import { errorFields } from '../logger';
import type { Clock, Logger } from '../ports';
import type { KeyService } from '../secrets/key-service';
import type { SettingsService } from '../settings-service';
import { toolSpecs } from '../tools/tool-definitions';
import type { ConfirmRequest, ToolCall, ToolExecutor } from '../tools/tool-executor';
import { countTokens, fitToContext } from './context-window';
import { DeltaBatcher } from './delta-batcher';
import { createClient, isOpenAIHost } from './openai-client';
import { classifyError, hostOf, StreamError } from './user-errors';
import type { OfflineOutcome } from '../quick-ask';
import type { RateLimiter } from '../usage/rate-limiter';
import type { RequestUsage } from '../usage/usage-service';

export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

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
  offline?: (text: string) => OfflineOutcome;
  /** The user's IANA zone (tests pin it). */
  timeZone?: () => string;
  /** Automatic retries of a rate-limited request before the error is shown. */
  rateLimitRetries?: number;
  /** Longest wait between rate-limit retries; a longer retry-after becomes an error with Retry. */
  maxRetryWaitMs?: number;
  /** The usage ledger and the monthly budget; without them nothing is recorded or blocked. */
  usage?: UsagePort;
  /** Client-side rate limits; without them requests go at once. */
  limiter?: RateLimiter;
}

export interface UsagePort {
  record(usage: RequestUsage): unknown;
  /** Why no request may be sent now (the budget's hard stop), or null. */
  blocked(): UserError | null;
}

/** What started an answer: the chat, or the quick-ask popup. Later rounds of the agent loop are tool rounds. */
export type AnswerFeature = Extract<UsageFeature, 'chat' | 'quick_ask'>;

/** The budget's hard stop: the request is not sent. */
class BudgetBlockedError extends Error {
  constructor(readonly userError: UserError) {
    super(userError.message);
  }
}

/** Tokens an answer is expected to take at most, counted before sending (the API counts max_tokens likewise). */
const EXPECTED_COMPLETION_TOKENS = 1024;

/** Tool rounds in one answer before Aide stops asking the model (a loop guard). */
const MAX_TOOL_ROUNDS = 6;

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

export class ChatService {
  private readonly running = new Map<string, Running>();
  private readonly confirmations = new Map<string, (confirmed: boolean) => void>();
  /** "baseUrl model" pairs whose server refused a request with tools. */
  private readonly toolsUnsupported = new Set<string>();

  constructor(private readonly options: ChatServiceOptions) {}

  async send(
    conversationId: string,
    text: string,
    feature: AnswerFeature = 'chat',
  ): Promise<{ userMessage: ChatMessage; assistantMessageId: string }> {
    await this.stop(conversationId);
    const userMessage: ChatMessage = {
      id: randomUUID(),
      role: 'user',
      content: text,
      createdAt: this.now(),
      status: 'complete',
    };
    await this.options.conversations.append(conversationId, userMessage);
    const summary = this.options.conversations.summary(conversationId);
    if (summary?.title === NEW_CHAT_TITLE) await this.options.conversations.rename(conversationId, titleFrom(text));
    this.options.emit('conversationsChanged', this.options.conversations.list());
    return { userMessage, assistantMessageId: this.start(conversationId, feature) };
  }

  async retry(conversationId: string): Promise<{ assistantMessageId: string }> {
    await this.stop(conversationId);
    const conversation = await this.options.conversations.get(conversationId);
    if (!conversation) throw new Error('That conversation no longer exists.');
    const answered = conversation.messages.filter((m) => m.status !== 'error');
    if (answered.at(-1)?.role !== 'user') throw new Error('There is no unanswered message to retry.');
    return { assistantMessageId: this.start(conversationId, 'chat') };
  }

  /** Stops the answer being streamed; its partial text is kept as a stopped message. */
  async stop(conversationId: string): Promise<void> {
    const running = this.running.get(conversationId);
    if (!running) return;
    running.controller.abort();
    await running.done;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }

  isStreaming(conversationId: string): boolean {
    return this.running.has(conversationId);
  }

  private start(conversationId: string, feature: AnswerFeature): string {
    const messageId = randomUUID();
    const controller = new AbortController();
    const done = this.answer(conversationId, messageId, feature, controller.signal)
      .catch((error: unknown) => this.options.logger.error('answer failed to finish', errorFields(error)))
      .finally(() => this.running.delete(conversationId));
    this.running.set(conversationId, { controller, done });
    return messageId;
  }

  private async answer(
    conversationId: string,
    messageId: string,
    feature: AnswerFeature,
    signal: AbortSignal,
  ): Promise<void> {
    const { settings, emit, logger } = this.options;
    const model = this.options.conversations.summary(conversationId)?.model ?? settings.model;
    const baseUrl = settings.baseUrl;
    const createdAt = this.now();
    let text = '';
    let usage: Usage | null = null;
    const cards: ToolCard[] = [];
    const batcher = new DeltaBatcher((delta) => emit('chatDelta', { conversationId, messageId, text: delta }));
    const addText = (delta: string) => {
      text += delta;
      batcher.push(delta);
    };
    const addUsage = (more: Usage) => {
      usage = {
        promptTokens: (usage?.promptTokens ?? 0) + more.promptTokens,
        completionTokens: (usage?.completionTokens ?? 0) + more.completionTokens,
        totalTokens: (usage?.totalTokens ?? 0) + more.totalTokens,
      };
    };
    let contextOmitted = 0;
    const finish = async (status: ChatMessage['status']): Promise<ChatMessage> => {
      batcher.flush();
      const message: ChatMessage = {
        id: messageId,
        role: 'assistant',
        content: text,
        createdAt,
        status,
        model,
        usage,
        ...(cards.length > 0 && { cards }),
        ...(contextOmitted > 0 && { contextOmitted }),
      };
      await this.options.conversations.append(conversationId, message);
      return message;
    };

    /** Without the model, the local parser still sets plain reminders; true when it answered. */
    let lastUserText = '';
    const answerOffline = async (reason: string): Promise<boolean> => {
      const outcome = this.options.offline?.(lastUserText) ?? { kind: 'none' as const };
      if (outcome.kind === 'none') return false;
      if (outcome.kind === 'created') {
        cards.push(outcome.card);
        emit('chatCard', { conversationId, messageId, card: outcome.card });
        addText(`${outcome.message} — added offline, because ${reason}.`);
      } else {
        addText(`${outcome.message} (Only plain reminders work while ${reason}.)`);
      }
      emit('chatDone', { conversationId, message: await finish('complete') });
      return true;
    };

    try {
      const apiKey = await this.options.keys.key();
      const { messages: history, turnKey, lastUserText: userText } = await this.history(conversationId);
      lastUserText = userText;
      if (!apiKey && isOpenAIHost(baseUrl)) {
        if (await answerOffline('no API key is set')) return;
        emit('chatError', { conversationId, messageId, message: null, error: noKeyError() });
        return;
      }
      const client = createClient({ baseUrl, apiKey, maxRetries: 0, fetch: this.options.fetch });
      const tools = this.options.tools;
      for (let round = 0; ; round++) {
        const offerTools = tools !== undefined && !this.toolsUnsupported.has(`${baseUrl} ${model}`);
        // The whole history stays in `history`; each request sends what fits the model's window.
        const fitted = fitToContext(history, { model, extraPromptTokens: offerTools ? toolSpecTokens(model) : 0 });
        if (round === 0) contextOmitted = fitted.omitted;
        const separator = text === '' ? '' : '\n\n';
        let startedRound = false;
        const { toolCalls, roundText } = await this.streamRound(
          {
            client,
            model,
            baseUrl,
            history: fitted.messages,
            promptTokens: fitted.promptTokens,
            offerTools,
            conversationId,
            messageId,
            signal,
            feature: round === 0 ? feature : 'tool_round',
          },
          (delta) => {
            if (!startedRound && delta !== '') {
              startedRound = true;
              addText(separator);
            }
            addText(delta);
          },
          addUsage,
        );
        if (toolCalls.length === 0 || !tools) break;
        if (round >= MAX_TOOL_ROUNDS) {
          addText(`${text === '' ? '' : '\n\n'}(I stopped after ${MAX_TOOL_ROUNDS} rounds of tool calls.)`);
          break;
        }
        history.push({
          role: 'assistant',
          content: roundText === '' ? null : roundText,
          tool_calls: toolCalls.map((c) => ({
            id: c.id,
            type: 'function',
            function: { name: c.name, arguments: c.arguments },
          })),
        });
        const outcomes = await tools.execute(toolCalls, {
          turnKey,
          confirm: (request) => this.confirm(conversationId, request, signal),
        });
        outcomes.forEach((outcome, i) => {
          cards.push(outcome.card);
          batcher.flush();
          emit('chatCard', { conversationId, messageId, card: outcome.card });
          history.push({ role: 'tool', tool_call_id: toolCalls[i]!.id, content: outcome.content });
        });
        if (signal.aborted) throw new APIUserAbortError();
      }
      const message = await finish('complete');
      emit('chatDone', { conversationId, message });
    } catch (error) {
      if (signal.aborted || error instanceof APIUserAbortError) {
        const message = await finish('stopped');
        emit('chatDone', { conversationId, message });
        return;
      }
      const userError =
        error instanceof BudgetBlockedError ? error.userError : classifyError(error, { model, baseUrl });
      logger.warn('chat request failed', { code: userError.code, ...errorFields(error) });
      if (
        userError.code === 'network' &&
        text === '' &&
        cards.length === 0 &&
        (await answerOffline(`${hostOf(baseUrl)} cannot be reached`))
      ) {
        return;
      }
      const message = text === '' && cards.length === 0 ? (batcher.flush(), null) : await finish('error');
      emit('chatError', {
        conversationId,
        messageId,
        message,
        error: { code: userError.code, message: userError.message, retryable: userError.retryable },
      });
    } finally {
      this.options.emit('conversationsChanged', this.options.conversations.list());
    }
  }

  /**
   * One request of the turn: streams text out through `onText` and collects tool calls, retrying
   * a rate limit (visibly) while nothing of this round has arrived yet.
   */
  private async streamRound(
    round: {
      client: OpenAI;
      model: string;
      baseUrl: string;
      history: ChatCompletionMessageParam[];
      promptTokens: number;
      offerTools: boolean;
      conversationId: string;
      messageId: string;
      signal: AbortSignal;
      feature: UsageFeature;
    },
    onText: (delta: string) => void,
    onUsage: (usage: Usage) => void,
  ): Promise<{ toolCalls: ToolCall[]; roundText: string }> {
    const { client, model, baseUrl, history, conversationId, messageId, signal, feature } = round;
    let offerTools = round.offerTools;
    for (let attempt = 0; ; attempt++) {
      let roundText = '';
      const calls: ToolCall[] = [];
      const ticket = await this.admit(round);
      // A stream that stops sending but stays open would wait forever; this request's own signal
      // aborts it after a quiet spell, and the user's Stop still aborts it through `signal`.
      const request = new AbortController();
      const stopRequest = () => request.abort();
      signal.addEventListener('abort', stopRequest, { once: true });
      const idleMs = this.options.idleTimeoutMs ?? 60_000;
      let idle: ReturnType<typeof setTimeout> | undefined;
      let wentQuiet = false;
      const stillAlive = () => {
        clearTimeout(idle);
        idle = setTimeout(() => {
          wentQuiet = true;
          request.abort();
        }, idleMs);
      };
      let finished = false;
      try {
        const stream = await client.chat.completions
          .create(
            {
              model,
              messages: history,
              stream: true,
              stream_options: { include_usage: true },
              ...(offerTools && { tools: toolSpecs, parallel_tool_calls: true }),
            },
            { signal: request.signal },
          )
          .finally(() => ticket?.sent());
        stillAlive();
        this.options.emit('chatStatus', { conversationId, messageId, status: null });
        for await (const chunk of stream) {
          stillAlive();
          if (chunk.choices[0]?.finish_reason) finished = true;
          const delta = chunk.choices[0]?.delta;
          if (delta?.content) {
            roundText += delta.content;
            onText(delta.content);
          }
          for (const part of delta?.tool_calls ?? []) {
            const call = (calls[part.index] ??= { id: '', name: '', arguments: '' });
            if (part.id) call.id = part.id;
            if (part.function?.name) call.name += part.function.name;
            if (part.function?.arguments) call.arguments += part.function.arguments;
          }
          if (chunk.usage) {
            const { prompt_tokens: promptTokens, completion_tokens: completionTokens } = chunk.usage;
            onUsage({ promptTokens, completionTokens, totalTokens: chunk.usage.total_tokens });
            ticket?.settle(promptTokens + completionTokens);
            this.options.usage?.record({
              // The API names the snapshot that answered ("gpt-4o-mini-2024-07-18"); the price table knows it by prefix.
              model: chunk.model || model,
              feature,
              conversationId,
              promptTokens,
              cachedTokens: chunk.usage.prompt_tokens_details?.cached_tokens ?? 0,
              completionTokens,
            });
          }
        }
        // The SDK ends the iteration quietly when aborted, so a stop is noticed here.
        if (signal.aborted) throw new APIUserAbortError();
        if (wentQuiet)
          throw new StreamError(
            `${hostOf(baseUrl)} stopped sending in the middle of the answer (nothing for ${Math.round(idleMs / 1000)} s).`,
          );
        // An HTML error page or garbage under a 200 parses as no chunks at all.
        if (!finished && roundText === '' && calls.length === 0) {
          throw new StreamError(
            `${hostOf(baseUrl)} sent no readable answer. Check the Base URL in Settings, then retry.`,
          );
        }
        const toolCalls = calls.filter(Boolean).map((c, i) => ({ ...c, id: c.id || `call_${i}` }));
        return { toolCalls, roundText };
      } catch (error) {
        if (signal.aborted || (error instanceof APIUserAbortError && !wentQuiet)) throw error;
        if (wentQuiet && !(error instanceof StreamError)) {
          throw new StreamError(`${hostOf(baseUrl)} stopped sending (nothing for ${Math.round(idleMs / 1000)} s).`);
        }
        if (offerTools && roundText === '' && refusesTools(error)) {
          // Some local models have no tool support; answer without tools rather than fail.
          this.toolsUnsupported.add(`${baseUrl} ${model}`);
          offerTools = false;
          continue;
        }
        const classified = classifyError(error, { model, baseUrl });
        const wait = this.rateLimitWait(classified.code, classified.retryAfterMs, attempt, roundText);
        if (wait === null) throw error;
        this.options.logger.warn('rate limited; retrying', { attempt: attempt + 1, waitMs: wait });
        await this.countdown(conversationId, messageId, wait, signal);
      } finally {
        clearTimeout(idle);
        signal.removeEventListener('abort', stopRequest);
      }
    }
  }

  /**
   * Holds a request until the budget and the client-side limits allow it; while it waits in the
   * limiter's queue the chat shows for how long ("Waiting 4 s — rate limit (3 requests per minute)").
   */
  private async admit(round: { promptTokens: number; conversationId: string; messageId: string; signal: AbortSignal }) {
    const { conversationId, messageId, signal } = round;
    const refuse = this.options.usage?.blocked();
    if (refuse) throw new BudgetBlockedError(refuse);
    const limiter = this.options.limiter;
    if (!limiter) return null;
    // The prompt as counted for the context window, plus room for the answer: corrected with the
    // real count when usage arrives.
    let shown: string | null = null;
    const ticket = await limiter.acquire(
      round.promptTokens + EXPECTED_COMPLETION_TOKENS,
      signal,
      ({ waitMs, reason }) => {
        const status = `Waiting ${Math.ceil(waitMs / 1000)} s — rate limit (${reason})`;
        if (status === shown) return;
        shown = status;
        this.options.emit('chatStatus', { conversationId, messageId, status });
      },
    );
    if (shown !== null) this.options.emit('chatStatus', { conversationId, messageId, status: null });
    // Others may have spent the rest of the budget while this one waited.
    const refuseNow = this.options.usage?.blocked();
    if (refuseNow) {
      ticket.release();
      throw new BudgetBlockedError(refuseNow);
    }
    return ticket;
  }

  /** Asks the user in a dialog; a stopped answer counts as declined. */
  private confirm(conversationId: string, request: ConfirmRequest, signal: AbortSignal): Promise<boolean> {
    const id = randomUUID();
    return new Promise((resolve) => {
      const settle = (confirmed: boolean) => {
        if (!this.confirmations.delete(id)) return;
        signal.removeEventListener('abort', onAbort);
        this.options.emit('confirmSettled', { id });
        resolve(confirmed);
      };
      const onAbort = () => settle(false);
      this.confirmations.set(id, settle);
      signal.addEventListener('abort', onAbort, { once: true });
      this.options.emit('confirmRequested', { id, conversationId, title: request.title, details: request.details });
    });
  }

  /** The user's answer to a confirmation dialog; unknown or settled ids are ignored. */
  answerConfirmation(id: string, confirmed: boolean): void {
    this.confirmations.get(id)?.(confirmed);
  }

  /** How long to wait before retrying, or null when this error should be shown instead. */
  private rateLimitWait(
    code: UserError['code'],
    retryAfter: number | null,
    attempt: number,
    text: string,
  ): number | null {
    const retries = this.options.rateLimitRetries ?? 3;
    const maxWait = this.options.maxRetryWaitMs ?? 60_000;
    if (code !== 'rate_limit' || attempt >= retries || text !== '') return null;
    const wait = retryAfter ?? 1000 * 2 ** attempt;
    return wait <= maxWait ? wait : null;
  }

  /** Waits, telling the user each second how long is left ("retrying in 3 s"). */
  private async countdown(conversationId: string, messageId: string, ms: number, signal: AbortSignal): Promise<void> {
    const end = Date.now() + ms;
    while (!signal.aborted) {
      const left = end - Date.now();
      if (left <= 0) break;
      const seconds = Math.ceil(left / 1000);
      this.options.emit('chatStatus', { conversationId, messageId, status: `Rate limited — retrying in ${seconds} s` });
      await sleep(left - (seconds - 1) * 1000, signal);
    }
    if (signal.aborted) throw new APIUserAbortError();
  }

  private async history(
    conversationId: string,
  ): Promise<{ messages: ChatCompletionMessageParam[]; turnKey: string; lastUserText: string }> {
    const conversation = await this.options.conversations.get(conversationId);
    const base = systemPrompt(this.options.clock.now(), this.options.timeZone?.());
    const instructions = conversation?.systemPrompt?.trim();
    const messages: ChatCompletionMessageParam[] = [
      {
        role: 'system',
        content: instructions
          ? `${base}\n\nThe user's custom instructions for this conversation:\n${instructions}`
          : base,
      },
    ];
    let turnKey = conversationId;
    let lastUserText = '';
    for (const m of conversation?.messages ?? []) {
      if (m.status === 'error' || (m.role === 'assistant' && m.content === '' && !m.cards?.length)) continue;
      if (m.role === 'user') {
        turnKey = m.id;
        lastUserText = m.content;
      }
      messages.push({ role: m.role, content: m.role === 'assistant' ? withCardSummary(m) : m.content });
    }
    return { messages, turnKey, lastUserText };
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }
}

/** The system message: who the assistant is, the user's local date, time, weekday and zone. */
export function systemPrompt(now: Date, timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  const local = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(now);
  const offset = utcOffset(now, timeZone);
  return [
    'You are Aide, a concise and helpful personal assistant. Answer in Markdown.',
    `The user's local date and time is ${local}, time zone ${timeZone} (UTC${offset} now).`,
    'Use the tools to create, list, change, complete, snooze and delete reminders and appointments.',
    `Give times as ISO 8601 with the offset that applies on that date in ${timeZone}, e.g. ${isoExample(now, timeZone)}.`,
    'Ask when the time is unclear instead of guessing. Use the ids from tool results; list first when you need an id.',
  ].join('\n');
}

/** "+01:00" for the zone at that instant. */
function utcOffset(at: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = part?.replace('GMT', '') ?? '';
  return offset === '' ? '+00:00' : offset;
}

function isoExample(now: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T17:00:00${utcOffset(now, timeZone)}`;
}

/** Past answers carry their tool results only as cards; a one-line summary keeps the model aware of them. */
function withCardSummary(message: ChatMessage): string {
  const lines = (message.cards ?? [])
    .filter((card) => card.action !== 'listed' && card.items.length > 0)
    .map(
      (card) =>
        `[${card.action} ${card.items.map((i) => `${i.kind} "${i.title}" (id ${i.id}) at ${i.when}`).join(', ')}]`,
    );
  return lines.length === 0 ? message.content : `${message.content}\n\n${lines.join('\n')}`.trim();
}

/** The tool definitions count against the window too; they are the same for every request. */
const toolSpecTokenCache = new Map<string, number>();
function toolSpecTokens(model: string): number {
  let tokens = toolSpecTokenCache.get(model);
  if (tokens === undefined) {
    tokens = countTokens(JSON.stringify(toolSpecs), model);
    toolSpecTokenCache.set(model, tokens);
  }
  return tokens;
}

function refusesTools(error: unknown): boolean {
  return error instanceof APIError && error.status === 400 && /tool/i.test(error.message);
}

function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 48 ? `${line.slice(0, 47)}…` : line;
}

function noKeyError(): UserError {
  return {
    code: 'no_key',
    message:
      'No OpenAI API key is set. Add one in Settings (it is kept in your system keychain). Plain reminders like "remind me to call mom at 5pm" work without one.',
    retryable: true,
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
