// Fits a conversation into the model's context window before it is sent: counts tokens with the
// model's own tokenizer (in a worker thread) and leaves out the oldest turns, never the system
// message or the question.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { bounds, countLater, counted, type Counter } from './token-counts';
import { preload, type EncodingName } from './token-worker';

export interface FitOptions {
  model: string;
  /** The model's context window when the user knows better than the table (a local model's num_ctx). */
  contextTokens?: number;
  /** Tokens kept free for the answer. */
  reserveForAnswer?: number;
  /** Tokens the request spends outside the messages. */
  extraPromptTokens?: number;
  /** Text the request carries outside the messages (the tool definitions' JSON), counted as the messages are. */
  extraPromptTexts?: string[];
}

export interface FitResult {
  messages: ChatCompletionMessageParam[];
  /** Messages left out (oldest first) to fit. */
  omitted: number;
  /**
   * Estimated prompt tokens of what is sent, the extras included. An upper bound when the counts
   * were not needed to decide what to send and the tokenizer had not answered yet (its UTF-8 bytes
   * for each text not counted): the rate limiter's estimate, corrected by the API's own count.
   */
  promptTokens: number;
  /** False when even the system message and the last user message exceed the window (sent anyway). */
  fits: boolean;
}

/** Ollama and most local servers default to small contexts (2–8k) whatever the model could do. */
const UNKNOWN_CONTEXT_TOKENS = 8_192;
const DEFAULT_RESERVE = 4_096;
/** OpenAI's documented framing: every message costs about 3 tokens, and the reply is primed with 3. */
const TOKENS_PER_MESSAGE = 3;
const REPLY_PRIMING = 3;
/**
 * A picture, at most 768×2048 after Aide scales it, costs at most 85 + 8 × 170 tokens at OpenAI's
 * high detail; counted as that, whatever its size, since its data URL is not text the model reads.
 */
export const IMAGE_TOKENS = 1_445;
/** Tool calls are framed as JSON the tokenizer does not see; a small allowance per call. */
const TOKENS_PER_TOOL_CALL = 8;

/** Longest prefix first; a prefix matches a whole name or one followed by a version or date ("gpt-4o-2024-08-06"). */
const CONTEXT_WINDOWS: readonly (readonly [string, number])[] = (
  [
    ['gpt-4.1', 1_047_576],
    ['gpt-4o', 128_000],
    ['chatgpt-4o', 128_000],
    ['gpt-4.5', 128_000],
    ['gpt-4-turbo', 128_000],
    ['gpt-4-32k', 32_768],
    ['gpt-4', 8_192],
    ['gpt-3.5-turbo', 16_385],
    ['gpt-5-chat', 128_000],
    ['gpt-5', 400_000],
    ['o1-mini', 128_000],
    ['o1-preview', 128_000],
    ['o1', 200_000],
    ['o3', 200_000],
    ['o4-mini', 200_000],
  ] satisfies [string, number][]
).sort((a, b) => b[0].length - a[0].length);

/** Families tokenized with cl100k_base; everything else (including local models, as an estimate) uses o200k_base. */
const CL100K_PREFIXES = ['gpt-4-', 'gpt-3.5', 'text-embedding-', 'davinci', 'babbage'];

export function contextWindow(model: string): number {
  const name = bareModel(model);
  for (const [prefix, tokens] of CONTEXT_WINDOWS) if (matchesPrefix(name, prefix)) return tokens;
  return UNKNOWN_CONTEXT_TOKENS;
}

export function encodingFor(model: string): EncodingName {
  const name = bareModel(model);
  if (name === 'gpt-4' || CL100K_PREFIXES.some((prefix) => name.startsWith(prefix))) return 'cl100k_base';
  return 'o200k_base';
}

/** The answer's share: 4,096 tokens, or a quarter of a small window so the prompt keeps the rest. */
export function defaultReserve(contextTokens: number): number {
  return Math.min(DEFAULT_RESERVE, Math.floor(contextTokens / 4));
}

/** Tokens of one piece of text in the model's encoding (cached). */
export async function countTokens(text: string, model: string): Promise<number> {
  return (await counted(encodingFor(model), [text])).count(text);
}

/** Tokens one message costs in a request, framing included. */
export async function messageTokens(message: ChatCompletionMessageParam, model: string): Promise<number> {
  return tokensOf(message, await counted(encodingFor(model), textsOf([message])));
}

/**
 * Loads the model's tokenizer now, in the worker (about a second of CPU for its tables), so that
 * the first fitToContext of a session does not wait for it while the user waits for an answer;
 * and counts `texts` every request carries (the tool definitions: ~6 kB, more than a small local
 * model's window can take at their upper bound, so a first send would wait for their count).
 */
export function warmUpTokenizer(model: string, texts: string[] = []): void {
  const encoding = encodingFor(model);
  preload(encoding);
  countLater(encoding, texts);
}

/**
 * Keeps the leading system message(s) and as many of the newest messages as fit in the window
 * minus the answer's reserve. An assistant message with tool_calls and the tool messages answering
 * it go or stay together (the API refuses a tool result without its call). The last user message
 * is always kept; when even that does not fit, it is sent anyway and `fits` is false.
 *
 * It waits for the tokenizer only when the counts decide something: when what is kept with every
 * text not counted yet at its upper bound (its bytes) is what is kept at its lower bound (one
 * token), the real counts keep the same, and it is sent at once (a conversation that surely fits,
 * most of all). The tokenizer counts those texts meanwhile, for the next send.
 */
export async function fitToContext(messages: ChatCompletionMessageParam[], options: FitOptions): Promise<FitResult> {
  const encoding = encodingFor(options.model);
  const texts = [...textsOf(messages), ...(options.extraPromptTexts ?? [])];
  const known = bounds(encoding, texts);
  if (known.exact) return fit(messages, options, known.upper);
  const most = fit(messages, options, known.upper);
  const least = fit(messages, options, known.lower);
  if (most.omitted === least.omitted && most.fits === least.fits) {
    countLater(encoding, texts);
    return most;
  }
  return fit(messages, options, await counted(encoding, texts));
}

/** What fitToContext keeps with these counts: fewer kept with more tokens, never more. */
function fit(messages: ChatCompletionMessageParam[], options: FitOptions, tokens: Counter): FitResult {
  const window = options.contextTokens ?? contextWindow(options.model);
  const budget = window - (options.reserveForAnswer ?? defaultReserve(window));

  let pinnedEnd = 0;
  while (pinnedEnd < messages.length && isInstruction(messages[pinnedEnd]!)) pinnedEnd++;
  const pinned = messages.slice(0, pinnedEnd);
  const units = toUnits(messages, pinnedEnd);
  const lastUser = lastUserUnit(units);

  let used = REPLY_PRIMING + (options.extraPromptTokens ?? 0);
  for (const text of options.extraPromptTexts ?? []) used += tokens.count(text);
  for (const message of pinned) used += tokensOf(message, tokens);
  if (lastUser !== -1) used += unitTokens(units[lastUser]!, tokens);

  // Newest first, stopping at the first unit that does not fit, so what is kept is one unbroken
  // stretch of the conversation (plus the last user message, counted above whatever it costs).
  const keep = units.map((_, i) => i === lastUser);
  for (let i = units.length - 1; i >= 0; i--) {
    if (i === lastUser) continue;
    const cost = unitTokens(units[i]!, tokens);
    if (used + cost > budget) break;
    used += cost;
    keep[i] = true;
  }

  const kept: ChatCompletionMessageParam[] = [...pinned];
  units.forEach((unit, i) => {
    if (keep[i]) kept.push(...unit);
  });
  return { messages: kept, omitted: messages.length - kept.length, promptTokens: used, fits: used <= budget };
}

/** Groups the messages after the pinned ones: an assistant message with tool_calls takes its tool answers along. */
function toUnits(messages: ChatCompletionMessageParam[], from: number): ChatCompletionMessageParam[][] {
  const units: ChatCompletionMessageParam[][] = [];
  let openCalls: Set<string> | null = null;
  for (let i = from; i < messages.length; i++) {
    const message = messages[i]!;
    if (message.role === 'tool' && openCalls?.has(message.tool_call_id)) {
      units.at(-1)!.push(message);
      continue;
    }
    units.push([message]);
    openCalls =
      message.role === 'assistant' && message.tool_calls?.length
        ? new Set(message.tool_calls.map((call) => call.id))
        : null;
  }
  return units;
}

function lastUserUnit(units: ChatCompletionMessageParam[][]): number {
  for (let i = units.length - 1; i >= 0; i--) if (units[i]![0]!.role === 'user') return i;
  return -1;
}

function isInstruction(message: ChatCompletionMessageParam): boolean {
  return message.role === 'system' || message.role === 'developer';
}

function unitTokens(unit: ChatCompletionMessageParam[], tokens: Counter): number {
  let sum = 0;
  for (const message of unit) sum += tokensOf(message, tokens);
  return sum;
}

function tokensOf(message: ChatCompletionMessageParam, tokens: Counter): number {
  let sum = TOKENS_PER_MESSAGE + 1; // the role is one token
  sum += contentTokens(message.content, tokens);
  if ('name' in message && message.name) sum += 1 + tokens.count(message.name);
  if (message.role === 'assistant') {
    for (const call of message.tool_calls ?? []) {
      if (call.type === 'function')
        sum += TOKENS_PER_TOOL_CALL + tokens.count(call.function.name) + tokens.count(call.function.arguments);
      else sum += TOKENS_PER_TOOL_CALL + tokens.count(JSON.stringify(call));
    }
  }
  if (message.role === 'tool') sum += tokens.count(message.tool_call_id);
  return sum;
}

type Content = ChatCompletionMessageParam['content'];

function contentTokens(content: Content, tokens: Counter): number {
  if (content === null || content === undefined) return 0;
  if (typeof content === 'string') return tokens.count(content);
  let sum = 0;
  for (const part of content) {
    // Audio and files are priced by their own rules; their JSON length is a generous stand-in.
    if (part.type === 'text') sum += tokens.count(part.text);
    else if (part.type === 'image_url') sum += IMAGE_TOKENS;
    else sum += tokens.count(JSON.stringify(part));
  }
  return sum;
}

/** Every text the messages would have counted. */
function textsOf(messages: ChatCompletionMessageParam[]): string[] {
  const texts: string[] = [];
  const recorder: Counter = {
    count(text) {
      texts.push(text);
      return 0;
    },
  };
  for (const message of messages) tokensOf(message, recorder);
  return texts;
}

function bareModel(model: string): string {
  // "openai/gpt-4o" (routers) and "GPT-4o" name the same model.
  return model.trim().toLowerCase().replace(/^.*\//, '');
}

function matchesPrefix(name: string, prefix: string): boolean {
  if (!name.startsWith(prefix)) return false;
  const next = name.charAt(prefix.length);
  return next === '' || next === '-' || next === '.' || next === ':' || next === '@';
}
