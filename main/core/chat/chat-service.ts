// Answers a conversation with a streamed Chat Completion: stores the user's message first,
// streams deltas (batched) as events, keeps partial text on stop or failure, and retries
// rate limits visibly, honouring retry-after.
import { randomUUID } from 'node:crypto';
import { APIUserAbortError } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ChatMessage, EventName, EventPayload, Usage, UserError } from '../../../common/contract';
import type { ConversationStore } from '../conversations/conversation-store';
import { NEW_CHAT_TITLE } from '../conversations/conversation-store';
import { errorFields } from '../logger';
import type { Clock, Logger } from '../ports';
import type { KeyService } from '../secrets/key-service';
import type { SettingsService } from '../settings-service';
import { DeltaBatcher } from './delta-batcher';
import { createClient, isOpenAIHost } from './openai-client';
import { classifyError } from './user-errors';

export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface ChatServiceOptions {
  settings: SettingsService;
  keys: KeyService;
  conversations: ConversationStore;
  clock: Clock;
  logger: Logger;
  emit: Emit;
  fetch?: typeof fetch;
  /** Automatic retries of a rate-limited request before the error is shown. */
  rateLimitRetries?: number;
  /** Longest wait between rate-limit retries; a longer retry-after becomes an error with Retry. */
  maxRetryWaitMs?: number;
}

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

export class ChatService {
  private readonly running = new Map<string, Running>();

  constructor(private readonly options: ChatServiceOptions) {}

  async send(conversationId: string, text: string): Promise<{ userMessage: ChatMessage; assistantMessageId: string }> {
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
    return { userMessage, assistantMessageId: this.start(conversationId) };
  }

  async retry(conversationId: string): Promise<{ assistantMessageId: string }> {
    await this.stop(conversationId);
    const conversation = await this.options.conversations.get(conversationId);
    if (!conversation) throw new Error('That conversation no longer exists.');
    const answered = conversation.messages.filter((m) => m.status !== 'error');
    if (answered.at(-1)?.role !== 'user') throw new Error('There is no unanswered message to retry.');
    return { assistantMessageId: this.start(conversationId) };
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

  private start(conversationId: string): string {
    const messageId = randomUUID();
    const controller = new AbortController();
    const done = this.answer(conversationId, messageId, controller.signal)
      .catch((error: unknown) => this.options.logger.error('answer failed to finish', errorFields(error)))
      .finally(() => this.running.delete(conversationId));
    this.running.set(conversationId, { controller, done });
    return messageId;
  }

  private async answer(conversationId: string, messageId: string, signal: AbortSignal): Promise<void> {
    const { settings, emit, logger } = this.options;
    const model = settings.model;
    const baseUrl = settings.baseUrl;
    const createdAt = this.now();
    let text = '';
    let usage: Usage | null = null;
    const batcher = new DeltaBatcher((delta) => emit('chatDelta', { conversationId, messageId, text: delta }));
    const finish = async (status: ChatMessage['status']): Promise<ChatMessage> => {
      batcher.flush();
      const message: ChatMessage = { id: messageId, role: 'assistant', content: text, createdAt, status, model, usage };
      await this.options.conversations.append(conversationId, message);
      return message;
    };

    try {
      const apiKey = await this.options.keys.key();
      if (!apiKey && isOpenAIHost(baseUrl)) {
        emit('chatError', { conversationId, messageId, message: null, error: noKeyError() });
        return;
      }
      const client = createClient({ baseUrl, apiKey, maxRetries: 0, fetch: this.options.fetch });
      const history = await this.history(conversationId);
      for (let attempt = 0; ; attempt++) {
        try {
          const stream = await client.chat.completions.create(
            { model, messages: history, stream: true, stream_options: { include_usage: true } },
            { signal },
          );
          emit('chatStatus', { conversationId, messageId, status: null });
          for await (const chunk of stream) {
            const delta = chunk.choices[0]?.delta?.content ?? '';
            text += delta;
            batcher.push(delta);
            if (chunk.usage) {
              usage = {
                promptTokens: chunk.usage.prompt_tokens,
                completionTokens: chunk.usage.completion_tokens,
                totalTokens: chunk.usage.total_tokens,
              };
            }
          }
          // The SDK ends the iteration quietly when aborted, so a stop is noticed here.
          if (signal.aborted) throw new APIUserAbortError();
          break;
        } catch (error) {
          if (signal.aborted || error instanceof APIUserAbortError) throw error;
          const classified = classifyError(error, { model, baseUrl });
          const wait = this.rateLimitWait(classified.code, classified.retryAfterMs, attempt, text);
          if (wait === null) throw error;
          logger.warn('rate limited; retrying', { attempt: attempt + 1, waitMs: wait });
          await this.countdown(conversationId, messageId, wait, signal);
        }
      }
      const message = await finish('complete');
      emit('chatDone', { conversationId, message });
    } catch (error) {
      if (signal.aborted || error instanceof APIUserAbortError) {
        const message = await finish('stopped');
        emit('chatDone', { conversationId, message });
        return;
      }
      const userError = classifyError(error, { model, baseUrl });
      logger.warn('chat request failed', { code: userError.code, ...errorFields(error) });
      const message = text === '' ? (batcher.flush(), null) : await finish('error');
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

  /** How long to wait before retrying, or null when this error should be shown instead. */
  private rateLimitWait(code: UserError['code'], retryAfter: number | null, attempt: number, text: string): number | null {
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

  private async history(conversationId: string): Promise<ChatCompletionMessageParam[]> {
    const conversation = await this.options.conversations.get(conversationId);
    const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: systemPrompt(this.options.clock.now()) }];
    for (const m of conversation?.messages ?? []) {
      if (m.status === 'error' || (m.role === 'assistant' && m.content === '')) continue;
      messages.push({ role: m.role, content: m.content });
    }
    return messages;
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }
}

/** The system message: who the assistant is and the user's current local date, time and zone. */
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
  return `You are Aide, a concise and helpful personal assistant. The user's local date and time is ${local} (time zone ${timeZone}). Answer in Markdown.`;
}

function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 48 ? `${line.slice(0, 47)}…` : line;
}

function noKeyError(): UserError {
  return {
    code: 'no_key',
    message: 'No OpenAI API key is set. Add one in Settings (it is kept in your system keychain).',
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
