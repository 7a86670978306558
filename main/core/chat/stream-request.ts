// One streamed Chat Completion request: sends it, reads text, tool calls and usage from its
// chunks, and gives up on a stream that goes quiet or sends nothing readable.
import type OpenAI from 'openai';
import { APIUserAbortError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Usage, UsageFeature } from '../../../common/contract';
import { toolSpecs } from '../tools/tool-definitions';
import type { ToolCall } from '../tools/tool-executor';
import type { RateTicket } from '../usage/rate-limiter';
import type { ChatContext, Turn } from './chat-options';
import { hostOf, StreamError } from './user-errors';

export interface StreamRequest {
  client: OpenAI;
  history: ChatCompletionMessageParam[];
  promptTokens: number;
  offerTools: boolean;
  /** What the request counts as in the usage ledger: the answer's feature, or a tool round. */
  feature: UsageFeature;
}

export interface StreamHandlers {
  onText: (delta: string) => void;
  onUsage: (usage: Usage) => void;
}

export interface StreamResult {
  toolCalls: ToolCall[];
  roundText: string;
}

/** The default quiet spell after which a stream is given up. */
const IDLE_TIMEOUT_MS = 60_000;

export async function streamRequest(
  context: ChatContext,
  turn: Turn,
  request: StreamRequest,
  ticket: RateTicket | null,
  handlers: StreamHandlers,
): Promise<StreamResult> {
  const { signal, baseUrl } = turn;
  const idleMs = context.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  const watch = new IdleWatch(idleMs, signal);
  const quietFor = `nothing for ${Math.round(idleMs / 1000)} s`;
  try {
    const stream = await request.client.chat.completions
      .create(
        {
          model: turn.model,
          messages: request.history,
          stream: true,
          stream_options: { include_usage: true },
          ...(request.offerTools && { tools: toolSpecs, parallel_tool_calls: true }),
        },
        { signal: watch.signal },
      )
      .finally(() => ticket?.sent());
    watch.alive();
    context.emit('chatStatus', { conversationId: turn.conversationId, messageId: turn.messageId, status: null });
    const read = await readStream(stream, watch, handlers.onText, ({ usage, cachedTokens, model }) => {
      handlers.onUsage(usage);
      ticket?.settle(usage.promptTokens + usage.completionTokens);
      context.usage?.record({
        // The API names the snapshot that answered ("gpt-4o-mini-2024-07-18"); the price table knows it by prefix.
        model: model || turn.model,
        feature: request.feature,
        conversationId: turn.conversationId,
        promptTokens: usage.promptTokens,
        cachedTokens,
        completionTokens: usage.completionTokens,
      });
    });
    // The SDK ends the iteration quietly when aborted, so a stop is noticed here.
    if (signal.aborted) throw new APIUserAbortError();
    if (watch.wentQuiet)
      throw new StreamError(`${hostOf(baseUrl)} stopped sending in the middle of the answer (${quietFor}).`);
    // An HTML error page or garbage under a 200 parses as no chunks at all.
    if (!read.finished && read.roundText === '' && read.calls.length === 0) {
      throw new StreamError(`${hostOf(baseUrl)} sent no readable answer. Check the Base URL in Settings, then retry.`);
    }
    const toolCalls = read.calls.filter(Boolean).map((c, i) => ({ ...c, id: c.id || `call_${i}` }));
    return { toolCalls, roundText: read.roundText };
  } catch (error) {
    if (watch.wentQuiet && !signal.aborted && !(error instanceof StreamError)) {
      throw new StreamError(`${hostOf(baseUrl)} stopped sending (${quietFor}).`);
    }
    throw error;
  } finally {
    watch.dispose();
  }
}

/** A stream's usage chunk: the tokens, and the model that answered ("" when the server does not say). */
interface UsageChunk {
  usage: Usage;
  cachedTokens: number;
  model: string;
}

async function readStream(
  stream: AsyncIterable<ChatCompletionChunk>,
  watch: IdleWatch,
  onText: (delta: string) => void,
  onUsage: (chunk: UsageChunk) => void,
) {
  let roundText = '';
  let finished = false;
  const calls: ToolCall[] = [];
  for await (const chunk of stream) {
    watch.alive();
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
      const {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: totalTokens,
      } = chunk.usage;
      onUsage({
        usage: { promptTokens, completionTokens, totalTokens },
        cachedTokens: chunk.usage.prompt_tokens_details?.cached_tokens ?? 0,
        model: chunk.model,
      });
    }
  }
  return { roundText, finished, calls };
}

/** Checks per idle time: a stream is given up after between 1 and 1.25 idle times of silence. */
const IDLE_CHECKS = 4;

/**
 * A stream that stops sending but stays open would wait forever: this request's own signal
 * aborts it after a quiet spell, and the user's Stop still aborts it. A chunk only resets a count
 * that a slow interval checks: resetting a timer per chunk cost more than reading a fast stream.
 */
class IdleWatch {
  private readonly request = new AbortController();
  private readonly abort = () => this.request.abort();
  private timer: ReturnType<typeof setInterval> | undefined;
  private quietChecks = 0;
  wentQuiet = false;

  constructor(
    private readonly idleMs: number,
    private readonly stop: AbortSignal,
  ) {
    stop.addEventListener('abort', this.abort, { once: true });
  }

  get signal(): AbortSignal {
    return this.request.signal;
  }

  /** Something arrived: the quiet spell starts again. */
  alive(): void {
    this.quietChecks = 0;
    this.timer ??= setInterval(this.check, this.idleMs / IDLE_CHECKS);
  }

  private readonly check = (): void => {
    this.quietChecks += 1;
    if (this.quietChecks <= IDLE_CHECKS) return;
    clearInterval(this.timer);
    this.wentQuiet = true;
    this.request.abort();
  };

  dispose(): void {
    clearInterval(this.timer);
    this.stop.removeEventListener('abort', this.abort);
  }
}
