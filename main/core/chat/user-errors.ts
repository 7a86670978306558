// Turns what the openai SDK throws into sentences a person understands, with what to do next.
import { APIConnectionError, APIError } from 'openai';
import type { UserError } from '../../../common/contract';
import { redact } from '../redact';

/** A stream that went quiet or could not be read; its message says which, for the user. */
export class StreamError extends Error {
  override name = 'StreamError';
}

export interface ChatErrorContext {
  model: string;
  baseUrl: string;
}

/** The words for an error; how long a rate limit asks to wait is read by rate-limit-retry.ts. */
export function classifyError(error: unknown, context: ChatErrorContext): UserError {
  const host = hostOf(context.baseUrl);
  const make = (code: UserError['code'], message: string, retryable: boolean): UserError => ({
    code,
    message: redact(message),
    retryable,
  });

  if (error instanceof APIConnectionError) {
    const cause = causeOf(error);
    return make(
      'network',
      `Could not reach ${host}${cause ? ` (${cause})` : ''}. Check your connection or the Base URL in Settings, then retry.`,
      true,
    );
  }
  if (error instanceof StreamError) {
    return make('network', `${error.message} Your message is kept; retry to get the whole answer.`, true);
  }
  if (isDroppedConnection(error)) {
    return make(
      'network',
      `The connection to ${host} was lost in the middle of the answer. The part that arrived is kept; retry to get the whole answer.`,
      true,
    );
  }
  if (!(error instanceof APIError) || error.status === undefined) {
    const detail = error instanceof Error ? error.message : String(error);
    return make('unknown', `Something went wrong: ${detail}`, true);
  }
  const status = error.status;
  const code = typeof error.code === 'string' ? error.code : null;
  const serverMessage = apiMessage(error);
  if (status === 401) {
    return make('auth', `The API key was rejected by ${host} (401). Replace it in Settings.`, true);
  }
  if (status === 429 && (code === 'insufficient_quota' || error.type === 'insufficient_quota')) {
    return make(
      'quota',
      'Your OpenAI account is out of credit (insufficient quota). Add credit or raise your limit under Billing at platform.openai.com, then retry.',
      true,
    );
  }
  if (status === 429) {
    return make('rate_limit', `${host} is rate limiting requests (429). Wait a moment and retry.`, true);
  }
  if (status === 404 && (code === 'model_not_found' || /model/i.test(serverMessage))) {
    return make(
      'model_not_found',
      `The model "${context.model}" was not found at ${host}. Choose another model in Settings.`,
      false,
    );
  }
  if (status >= 500) {
    return make('server', `${host} had a server error (${status}). Your message is kept; retry in a moment.`, true);
  }
  if (refusesImages(error)) {
    return make(
      'bad_request',
      `The model "${context.model}" at ${host} cannot see pictures. Aide has noted this under Model capabilities in Settings. Remove the picture, or choose a model that can see pictures, and send again.`,
      false,
    );
  }
  return make('bad_request', `${host} refused the request (${status}): ${serverMessage}`, false);
}

/**
 * A 400 saying the model takes no pictures, in the words servers use: "does not support images"
 * (LM Studio, Ollama), "image input is not supported" (llama.cpp), "image_url is only supported
 * by certain models" (OpenAI), "is not a multimodal model" (vLLM).
 */
export function refusesImages(error: unknown): boolean {
  if (!(error instanceof APIError) || error.status !== 400) return false;
  const text = apiMessage(error);
  return (
    /image|vision|picture|multimodal|multi-modal/i.test(text) &&
    /not support|unsupported|only supported|not a multi-?modal|does not|doesn't|cannot|can't|no support|not enabled/i.test(
      text,
    )
  );
}

/** undici reports a socket closed mid-body as `TypeError: terminated`, not as an API error. */
function isDroppedConnection(error: unknown): boolean {
  return error instanceof TypeError && (error.message === 'terminated' || error.cause instanceof Error);
}

function apiMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : error.message;
}

function causeOf(error: Error): string | null {
  let cause: unknown = error.cause;
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
  if (cause instanceof Error) return (cause as NodeJS.ErrnoException).code ?? cause.message;
  return null;
}

export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
