// Owns the fake OpenAI HTTP server for tests: a real local server (pure node:http) speaking the OpenAI wire format.
//
// Routes (all under /v1, all require `Authorization: Bearer <one of validKeys>`):
//   GET  /v1/models               -> { object: 'list', data: [{ id, object: 'model', created, owned_by }] }
//   GET  /v1/models/:id           -> the model, or 404 model_not_found
//   POST /v1/chat/completions     -> the next queued Reply (or a default streamed answer)
// Anything else gets OpenAI's 404 "Invalid URL (METHOD /path)" error body.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Header names lowercased; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** Parsed JSON body, or null when the body is empty or not valid JSON. */
  body: unknown;
  /** When the request arrived (Date.now()), so tests can count requests per time window. */
  time: number;
  /** When the first content chunk of a streamed answer was written, in epoch ms with fractions (for benchmarks). */
  firstContentAt?: number;
}

export interface FakeOpenAIServer {
  /** Base URL including /v1, e.g. http://127.0.0.1:PORT/v1 */
  url: string;
  /** Every request received, in arrival order (including rejected ones). */
  requests: RecordedRequest[];
  /** Keys accepted in `Authorization: Bearer <key>`; anything else gets a 401 invalid_api_key. Mutable. */
  validKeys: Set<string>;
  /** Model ids served by GET /v1/models. Mutable (or reassignable). */
  models: string[];
  /** Queue the behaviour of the next POST /v1/chat/completions calls, consumed in order; when the queue is empty, reply with a default streamed answer "Hello from the fake server." */
  enqueue(...replies: Reply[]): void;
  /** Stops listening and destroys every open connection (hanging streams included). Idempotent. */
  close(): Promise<void>;
}

export interface StreamReply {
  kind: 'stream';
  chunks: string[];
  /** Wait this long before each content chunk. */
  delayMs?: number;
  /** Reported in the usage chunk / usage field; estimated from text lengths when absent. */
  usage?: ReplyUsage;
  /** Stop sending after N content chunks and keep the connection open until the client aborts (or close()). */
  hangAfter?: number;
  /** Destroy the socket after N content chunks (a network error mid-stream). */
  dropAfter?: number;
}

/** Token counts a reply reports; `cached_tokens` goes to `prompt_tokens_details.cached_tokens` (0 when absent). */
export interface ReplyUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens?: number;
}

export interface JsonReply {
  kind: 'json';
  content: string;
}

export interface ErrorReply {
  kind: 'error';
  status: number;
  /** Sent with JSON.stringify, or as-is when it is a string (lets a test send a malformed body). */
  body: unknown;
  headers?: Record<string, string>;
}

export interface ToolCallsReply {
  kind: 'toolCalls';
  calls: { name: string; arguments: string; id?: string }[];
  delayMs?: number;
  /** Reported in the usage chunk / usage field; estimated from the calls' lengths when absent. */
  usage?: ReplyUsage;
}

/** Accepts the request and never answers, not even the headers (a server past the client's timeout). */
export interface HangReply {
  kind: 'hang';
}

/** A 200 event stream whose body is written as given: malformed SSE, a broken JSON chunk, no [DONE]. */
export interface RawStreamReply {
  kind: 'rawStream';
  /** Written one after the other, each flushed. */
  parts: string[];
  /** After the parts: end the response (default), keep it open, or destroy the socket. */
  then?: 'end' | 'hang' | 'drop';
}

export type Reply = StreamReply | JsonReply | ErrorReply | ToolCallsReply | HangReply | RawStreamReply;

export interface FakeOpenAIServerOptions {
  validKeys?: string[];
  models?: string[];
}

export const DEFAULT_API_KEY = 'sk-test-fake-openai-key-0001';
export const DEFAULT_MODELS: readonly string[] = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini'];
export const DEFAULT_ANSWER = 'Hello from the fake server.';

// ---------------------------------------------------------------------------------------------------------------------
// Reply helpers with the real OpenAI error bodies
// ---------------------------------------------------------------------------------------------------------------------

interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

function errorBody(message: string, type: string, code: string | null, param: string | null = null): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

/** Masks a key the way OpenAI does (`sk-proj-****…****abcd`); never returns the full key. */
export function maskApiKey(key: string): string {
  const prefixLength = key.length > 16 ? 8 : key.length > 8 ? 3 : 0;
  const suffixLength = key.length > 8 ? 4 : 0;
  const hidden = key.length - prefixLength - suffixLength;
  return key.slice(0, prefixLength) + '*'.repeat(hidden) + key.slice(key.length - suffixLength);
}

function invalidKeyBody(key: string): OpenAIErrorBody {
  return errorBody(
    `Incorrect API key provided: ${maskApiKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    'invalid_api_key',
  );
}

const MISSING_KEY_MESSAGE =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth " +
  "(i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API " +
  'from your browser and are prompted for a username. You can obtain an API key from https://platform.openai.com/account/api-keys.';

function modelNotFoundBody(model: string): OpenAIErrorBody {
  return errorBody(
    `The model \`${model}\` does not exist or you do not have access to it.`,
    'invalid_request_error',
    'model_not_found',
  );
}

const SERVER_ERROR_MESSAGE = 'The server had an error while processing your request. Sorry about that!';

/** Splits text into word-sized chunks ("Hello ", "from ", …) whose concatenation is the text. */
export function splitIntoChunks(text: string): string[] {
  return text.split(/(?<=\s)(?=\S)/).filter((piece) => piece.length > 0);
}

export const replies = {
  /** 401 as if a key had been revoked; the masked key in the message is a placeholder. */
  invalidKey(): Reply {
    return { kind: 'error', status: 401, body: invalidKeyBody('sk-proj-revoked-key-placeholder-abcd') };
  },
  insufficientQuota(): Reply {
    return {
      kind: 'error',
      status: 429,
      body: errorBody(
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
        'insufficient_quota',
        'insufficient_quota',
      ),
    };
  },
  rateLimited(retryAfterSeconds: number): Reply {
    return {
      kind: 'error',
      status: 429,
      headers: {
        'retry-after': String(retryAfterSeconds),
        'x-ratelimit-limit-requests': '3',
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': `${retryAfterSeconds}s`,
        'x-ratelimit-limit-tokens': '40000',
        'x-ratelimit-remaining-tokens': '39980',
        'x-ratelimit-reset-tokens': '30ms',
      },
      body: errorBody(
        `Rate limit reached for gpt-4o-mini in organization org-fake0000000000000000000 on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${retryAfterSeconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
        'requests',
        'rate_limit_exceeded',
      ),
    };
  },
  modelNotFound(model: string): Reply {
    return { kind: 'error', status: 404, body: modelNotFoundBody(model) };
  },
  forbidden(): Reply {
    return {
      kind: 'error',
      status: 403,
      body: errorBody(
        'Country, region, or territory not supported',
        'request_forbidden',
        'unsupported_country_region_territory',
      ),
    };
  },
  serviceUnavailable(): Reply {
    return {
      kind: 'error',
      status: 503,
      body: errorBody('The engine is currently overloaded, please try again later.', 'server_error', null),
    };
  },
  serverError(): Reply {
    return {
      kind: 'error',
      status: 500,
      body: errorBody(SERVER_ERROR_MESSAGE, 'server_error', null),
    };
  },
  /** A streamed answer; the text is split into word-sized chunks. */
  stream(text: string, opts: Omit<StreamReply, 'kind' | 'chunks'> = {}): Reply {
    return { kind: 'stream', chunks: splitIntoChunks(text), ...opts };
  },
};

// ---------------------------------------------------------------------------------------------------------------------
// Wire-format building blocks
// ---------------------------------------------------------------------------------------------------------------------

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

interface ToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function: { name?: string; arguments: string };
}

interface ChunkDelta {
  role?: 'assistant';
  content?: string | null;
  refusal?: null;
  tool_calls?: ToolCallDelta[];
}

type FinishReason = 'stop' | 'tool_calls';

/** What one chat completion request asked for, as far as the fake cares. */
interface ChatRequest {
  model: string;
  stream: boolean;
  includeUsage: boolean;
  promptText: string;
}

function randomId(prefix: string, length = 24): string {
  return prefix + randomBytes(length).toString('base64url').replace(/[-_]/g, 'x').slice(0, length);
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Rough token estimate (~4 characters per token), at least 1 for non-empty text. */
function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function makeUsage(promptTokens: number, completionTokens: number, cachedTokens = 0): Usage {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cachedTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Concatenates the text of every message (string content or text parts) for prompt token estimates. */
function promptTextOf(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  const parts: string[] = [];
  for (const message of messages) {
    if (!isRecord(message)) continue;
    const content = message['content'];
    if (typeof content === 'string') parts.push(content);
    else if (Array.isArray(content)) {
      for (const part of content) {
        if (isRecord(part) && typeof part['text'] === 'string') parts.push(part['text']);
      }
    }
  }
  return parts.join('\n');
}

function parseChatRequest(body: unknown): ChatRequest {
  const record = isRecord(body) ? body : {};
  const streamOptions = record['stream_options'];
  return {
    model: typeof record['model'] === 'string' ? record['model'] : 'gpt-4o-mini',
    stream: record['stream'] === true,
    includeUsage: isRecord(streamOptions) && streamOptions['include_usage'] === true,
    promptText: promptTextOf(record['messages']),
  };
}

/** Splits tool-call arguments into at least two pieces (when possible) so clients must reassemble them. */
function splitArguments(args: string): string[] {
  if (args.length < 2) return [args];
  const size = Math.max(1, Math.ceil(args.length / 4));
  const pieces: string[] = [];
  for (let start = 0; start < args.length; start += size) pieces.push(args.slice(start, start + size));
  return pieces;
}

/** Headers OpenAI sends on every API response. */
function standardHeaders(): Record<string, string> {
  return {
    'x-request-id': randomId('req_', 32),
    'openai-processing-ms': String(20 + Math.floor(Math.random() * 200)),
    'openai-version': '2020-10-01',
    'openai-organization': 'user-fakeorganization0000',
    'x-ratelimit-limit-requests': '10000',
    'x-ratelimit-remaining-requests': '9999',
    'x-ratelimit-reset-requests': '8.64s',
    'x-ratelimit-limit-tokens': '200000',
    'x-ratelimit-remaining-tokens': '199950',
    'x-ratelimit-reset-tokens': '15ms',
  };
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...standardHeaders(),
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(payload)),
    ...extraHeaders,
  });
  res.end(payload);
}

function isGone(res: ServerResponse): boolean {
  return res.destroyed || res.writableEnded;
}

/** Resolves after `ms`, or early when the response closes (client abort, drop, server close). */
function sleepUnlessClosed(res: ServerResponse, ms: number): Promise<void> {
  if (ms <= 0 || isGone(res)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.once('close', done);
  });
}

/** Writes one SSE event and resolves once it is flushed to the socket (or the response is gone). */
function writeEvent(res: ServerResponse, data: string): Promise<void> {
  if (isGone(res)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('close', done);
      resolve();
    };
    res.once('close', done);
    res.write(`data: ${data}\n\n`, () => done());
  });
}

function waitForClose(res: ServerResponse): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => res.once('close', () => resolve()));
}

// ---------------------------------------------------------------------------------------------------------------------
// Chat completion responses
// ---------------------------------------------------------------------------------------------------------------------

class ChatResponder {
  private readonly id = randomId('chatcmpl-', 29);
  private readonly created = nowSeconds();

  constructor(
    private readonly res: ServerResponse,
    private readonly request: ChatRequest,
    /** Called right before each content chunk is written. */
    private readonly onContent: () => void = () => undefined,
  ) {}

  private chunk(delta: ChunkDelta, finishReason: FinishReason | null): string {
    return JSON.stringify({
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.request.model,
      service_tier: 'default',
      system_fingerprint: 'fp_fake0000',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(this.request.includeUsage ? { usage: null } : {}),
    });
  }

  private usageChunk(usage: Usage): string {
    return JSON.stringify({
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.request.model,
      service_tier: 'default',
      system_fingerprint: 'fp_fake0000',
      choices: [],
      usage,
    });
  }

  private usageFor(completionText: string, given?: ReplyUsage): Usage {
    if (given) return makeUsage(given.prompt_tokens, given.completion_tokens, given.cached_tokens);
    return makeUsage(estimateTokens(this.request.promptText), estimateTokens(completionText));
  }

  private startStream(): void {
    this.res.writeHead(200, {
      ...standardHeaders(),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
    });
    this.res.flushHeaders();
  }

  private async finishStream(finishReason: FinishReason, usage: Usage): Promise<void> {
    await writeEvent(this.res, this.chunk({}, finishReason));
    if (this.request.includeUsage) await writeEvent(this.res, this.usageChunk(usage));
    await writeEvent(this.res, '[DONE]');
    if (!isGone(this.res)) this.res.end();
  }

  private sendCompletion(
    message: { content: string | null; tool_calls?: unknown[] },
    finishReason: FinishReason,
    usage: Usage,
  ): void {
    sendJson(this.res, 200, {
      id: this.id,
      object: 'chat.completion',
      created: this.created,
      model: this.request.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', refusal: null, annotations: [], ...message },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage,
      service_tier: 'default',
      system_fingerprint: 'fp_fake0000',
    });
  }

  async text(reply: StreamReply): Promise<void> {
    const text = reply.chunks.join('');
    const usage = this.usageFor(text, reply.usage);
    if (!this.request.stream) {
      // Non-streamed equivalents of the failure modes: hang without answering, or drop the connection.
      if (reply.hangAfter !== undefined) return waitForClose(this.res);
      if (reply.dropAfter !== undefined) {
        this.res.destroy();
        return;
      }
      this.sendCompletion({ content: text }, 'stop', usage);
      return;
    }

    this.startStream();
    await writeEvent(this.res, this.chunk({ role: 'assistant', content: '', refusal: null }, null));
    for (const [index, piece] of reply.chunks.entries()) {
      if (reply.hangAfter !== undefined && index >= reply.hangAfter) return waitForClose(this.res);
      if (reply.dropAfter !== undefined && index >= reply.dropAfter) {
        this.res.destroy();
        return;
      }
      await sleepUnlessClosed(this.res, reply.delayMs ?? 0);
      this.onContent();
      await writeEvent(this.res, this.chunk({ content: piece }, null));
      if (isGone(this.res)) return;
    }
    // N may equal the number of chunks: the failure then happens right before the final chunk.
    if (reply.hangAfter !== undefined) return waitForClose(this.res);
    if (reply.dropAfter !== undefined) {
      this.res.destroy();
      return;
    }
    await this.finishStream('stop', usage);
  }

  async raw(reply: RawStreamReply): Promise<void> {
    this.startStream();
    for (const part of reply.parts) {
      if (isGone(this.res)) return;
      await new Promise<void>((resolve) => this.res.write(part, () => resolve()));
    }
    if (reply.then === 'hang') return waitForClose(this.res);
    if (reply.then === 'drop') this.res.destroy();
    else if (!isGone(this.res)) this.res.end();
  }

  async json(reply: JsonReply): Promise<void> {
    this.sendCompletion({ content: reply.content }, 'stop', this.usageFor(reply.content));
  }

  async toolCalls(reply: ToolCallsReply): Promise<void> {
    const calls = reply.calls.map((call) => ({ ...call, id: call.id ?? randomId('call_') }));
    const usage = this.usageFor(calls.map((call) => call.name + call.arguments).join(''), reply.usage);
    if (!this.request.stream) {
      const toolCalls = calls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      }));
      this.sendCompletion({ content: null, tool_calls: toolCalls }, 'tool_calls', usage);
      return;
    }

    this.startStream();
    for (const [index, call] of calls.entries()) {
      const opening: ToolCallDelta = {
        index,
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: '' },
      };
      const delta: ChunkDelta =
        index === 0
          ? { role: 'assistant', content: null, refusal: null, tool_calls: [opening] }
          : { tool_calls: [opening] };
      await writeEvent(this.res, this.chunk(delta, null));
      for (const piece of splitArguments(call.arguments)) {
        await sleepUnlessClosed(this.res, reply.delayMs ?? 0);
        await writeEvent(this.res, this.chunk({ tool_calls: [{ index, function: { arguments: piece } }] }, null));
        if (isGone(this.res)) return;
      }
    }
    await this.finishStream('tool_calls', usage);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------------------------------

const MODEL_CREATED_BASE = 1_700_000_000;

const INVALID_JSON_MESSAGE =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library " +
  'correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring ' +
  'out how to fix this, please contact us through our help center at help.openai.com.)';

class FakeServer implements FakeOpenAIServer {
  url = '';
  requests: RecordedRequest[] = [];
  validKeys: Set<string>;
  models: string[];

  private readonly queue: Reply[] = [];
  /** The record of each response's request, to note when its first content went out. */
  private readonly records = new WeakMap<ServerResponse, RecordedRequest>();
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((req, res) => {
    res.on('error', () => undefined); // a client that vanished mid-write is not a server error
    this.handle(req, res).catch(() => {
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, errorBody(SERVER_ERROR_MESSAGE, 'server_error', null));
    });
  });
  private closing: Promise<void> | null = null;

  constructor(options: FakeOpenAIServerOptions) {
    this.validKeys = new Set(options.validKeys ?? [DEFAULT_API_KEY]);
    this.models = [...(options.models ?? DEFAULT_MODELS)];
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        const { port } = this.server.address() as AddressInfo;
        this.url = `http://127.0.0.1:${port}/v1`;
        resolve();
      });
    });
  }

  // Arrow properties so `afterEach(server.close)` and destructuring keep working.
  enqueue = (...queued: Reply[]): void => {
    this.queue.push(...queued);
  };

  close = (): Promise<void> => {
    this.closing ??= new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
    return this.closing;
  };

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const time = Date.now();
    const headers = flattenHeaders(req.headers);
    const rawBody = await readBody(req);
    const parsed = parseJson(rawBody);
    const record: RecordedRequest = { method, path, headers, body: parsed.ok ? parsed.value : null, time };
    this.requests.push(record);
    this.records.set(res, record);

    const route = this.route(method, path);
    if (!route) {
      sendJson(res, 404, errorBody(`Invalid URL (${method} ${path})`, 'invalid_request_error', null));
      return;
    }
    if (!this.authorize(headers, res)) return;
    if (!parsed.ok) {
      sendJson(res, 400, errorBody(INVALID_JSON_MESSAGE, 'invalid_request_error', null));
      return;
    }
    await route(parsed.value, res);
  }

  private route(method: string, path: string): ((body: unknown, res: ServerResponse) => Promise<void>) | null {
    if (method === 'GET' && path === '/v1/models') return async (_body, res) => this.listModels(res);
    const modelMatch = /^\/v1\/models\/([^/]+)$/.exec(path);
    if (method === 'GET' && modelMatch?.[1]) {
      const id = decodeURIComponent(modelMatch[1]);
      return async (_body, res) => this.retrieveModel(id, res);
    }
    if (method === 'POST' && path === '/v1/chat/completions') return (body, res) => this.chatCompletion(body, res);
    return null;
  }

  /** Sends the 401 and returns false unless the bearer key is valid. Runs before any queued reply is consumed. */
  private authorize(headers: Record<string, string>, res: ServerResponse): boolean {
    const match = /^Bearer\s+(.+)$/i.exec(headers['authorization'] ?? '');
    const key = match?.[1]?.trim() ?? '';
    if (key !== '' && this.validKeys.has(key)) return true;
    const body =
      key === '' ? errorBody(MISSING_KEY_MESSAGE, 'invalid_request_error', 'invalid_api_key') : invalidKeyBody(key);
    sendJson(res, 401, body);
    return false;
  }

  private modelObject(id: string, index: number): Record<string, unknown> {
    return { id, object: 'model', created: MODEL_CREATED_BASE + index * 86_400, owned_by: 'system' };
  }

  private listModels(res: ServerResponse): void {
    sendJson(res, 200, { object: 'list', data: this.models.map((id, index) => this.modelObject(id, index)) });
  }

  private retrieveModel(id: string, res: ServerResponse): void {
    const index = this.models.indexOf(id);
    if (index === -1) sendJson(res, 404, modelNotFoundBody(id));
    else sendJson(res, 200, this.modelObject(id, index));
  }

  private async chatCompletion(body: unknown, res: ServerResponse): Promise<void> {
    const reply = this.queue.shift() ?? replies.stream(DEFAULT_ANSWER);
    const record = this.records.get(res);
    const responder = new ChatResponder(res, parseChatRequest(body), () => {
      if (record && record.firstContentAt === undefined) record.firstContentAt = performance.timeOrigin + performance.now();
    });
    switch (reply.kind) {
      case 'error':
        sendJson(res, reply.status, reply.body, reply.headers);
        return;
      case 'json':
        return responder.json(reply);
      case 'stream':
        return responder.text(reply);
      case 'toolCalls':
        return responder.toolCalls(reply);
      case 'hang':
        return waitForClose(res);
      case 'rawStream':
        return responder.raw(reply);
    }
  }
}

export async function startFakeOpenAIServer(options: FakeOpenAIServerOptions = {}): Promise<FakeOpenAIServer> {
  const server = new FakeServer(options);
  await server.listen();
  return server;
}
