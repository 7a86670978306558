// One round of an answer: admitted by the budget and the rate limits, streamed, and retried while
// nothing of it has arrived: after a rate limit (counting down), or without tools when refused.
import { APIError, APIUserAbortError } from 'openai';
import type { ChatContext, Turn } from './chat-options';
import { countdown, rateLimitWait } from './rate-limit-retry';
import { admit } from './request-admission';
import { streamRequest, type StreamHandlers, type StreamRequest, type StreamResult } from './stream-request';
import { classifyError, refusesImages } from './user-errors';

export async function streamRound(
  context: ChatContext,
  turn: Turn,
  request: StreamRequest,
  handlers: StreamHandlers,
): Promise<StreamResult> {
  const { conversationId, messageId, model, baseUrl, signal } = turn;
  let offerTools = request.offerTools;
  for (let attempt = 0; ; attempt++) {
    let arrived = false;
    const onText = (delta: string) => {
      arrived = true;
      handlers.onText(delta);
    };
    const ticket = await admit(context, turn, request.promptTokens);
    try {
      return await streamRequest(context, turn, { ...request, offerTools }, ticket, { ...handlers, onText });
    } catch (error) {
      if (signal.aborted || error instanceof APIUserAbortError || arrived) throw error;
      // Remembered, so the next picture for this model is stopped before it is sent.
      if (refusesImages(error)) context.vision?.markBlind(model);
      if (offerTools && refusesTools(error)) {
        // Some local models have no tool support; answer without tools rather than fail.
        context.toolsUnsupported.add(`${baseUrl} ${model}`);
        offerTools = false;
        continue;
      }
      const { code } = classifyError(error, { model, baseUrl });
      const wait = rateLimitWait(error, code, attempt, context.clock.now());
      if (wait === null) throw error;
      context.logger.warn('rate limited; retrying', { attempt: attempt + 1, waitMs: wait });
      const show = (status: string) => context.emit('chatStatus', { conversationId, messageId, status });
      await countdown(context.clock, show, wait, signal);
    }
  }
}

function refusesTools(error: unknown): boolean {
  return error instanceof APIError && error.status === 400 && /tool/i.test(error.message);
}
