// Holds a request until the monthly budget and the client-side rate limits allow it; while it
// waits in the limiter's queue the chat shows for how long ("Waiting 4 s — rate limit (3 requests per minute)").
import type { UserError } from '../../../common/contract';
import type { RateTicket } from '../usage/rate-limiter';
import type { ChatServiceOptions, Turn } from './chat-options';

/** The budget's hard stop: the request is not sent. */
export class BudgetBlockedError extends Error {
  constructor(readonly userError: UserError) {
    super(userError.message);
  }
}

/** Tokens an answer is expected to take at most, counted before sending (the API counts max_tokens likewise). */
const EXPECTED_COMPLETION_TOKENS = 1024;

/** The request's place in the limiter's window (null without a limiter); throws BudgetBlockedError. */
export async function admit(
  options: Pick<ChatServiceOptions, 'usage' | 'limiter' | 'emit'>,
  turn: Pick<Turn, 'conversationId' | 'messageId' | 'signal'>,
  promptTokens: number,
): Promise<RateTicket | null> {
  const { conversationId, messageId, signal } = turn;
  const refuse = options.usage?.blocked();
  if (refuse) throw new BudgetBlockedError(refuse);
  if (!options.limiter) return null;
  // The prompt as counted for the context window, plus room for the answer: corrected with the
  // real count when usage arrives.
  let shown: string | null = null;
  const ticket = await options.limiter.acquire(
    promptTokens + EXPECTED_COMPLETION_TOKENS,
    signal,
    ({ waitMs, reason }) => {
      const status = `Waiting ${Math.ceil(waitMs / 1000)} s — rate limit (${reason})`;
      if (status === shown) return;
      shown = status;
      options.emit('chatStatus', { conversationId, messageId, status });
    },
  );
  if (shown !== null) options.emit('chatStatus', { conversationId, messageId, status: null });
  // Others may have spent the rest of the budget while this one waited.
  const refuseNow = options.usage?.blocked();
  if (refuseNow) {
    ticket.release();
    throw new BudgetBlockedError(refuseNow);
  }
  return ticket;
}
