// One answer from start to end: checks for a key, runs the tool loop, and ends done, stopped or
// failed, or answered by the local parser when the model cannot be asked.
import { APIUserAbortError } from 'openai';
import type { UserError } from '../../../common/contract';
import { attachmentParts } from '../attachments/model-parts';
import { errorFields } from '../logger';
import { AnswerDraft } from './answer-draft';
import type { ChatContext, Turn } from './chat-options';
import { historyOf } from './conversation-history';
import { offlineReply } from './offline-fallback';
import { createClient, isOpenAIHost } from './openai-client';
import { BudgetBlockedError } from './request-admission';
import { systemPrompt } from './system-prompt';
import { runToolLoop } from './tool-loop';
import { classifyError, hostOf } from './user-errors';

export async function answerTurn(context: ChatContext, turn: Turn): Promise<void> {
  const { conversations, emit } = context;
  const draft = new AnswerDraft(turn, emit, conversations, context.clock.now().toISOString());
  const { conversationId, messageId, baseUrl } = turn;
  let lastUserText = '';
  try {
    const apiKey = await context.keys.key();
    const conversation = await conversations.get(conversationId);
    const parts =
      context.attachments && conversation
        ? await attachmentParts(context.attachments, conversation.messages, context.vision?.canSee(turn.model) ?? null)
        : new Map();
    const prompt = systemPrompt(context.clock.now(), context.timeZone?.());
    const history = historyOf(conversationId, conversation, prompt, parts);
    lastUserText = history.lastUserText;
    if (!apiKey && isOpenAIHost(baseUrl)) {
      if (await answerOffline(context, draft, lastUserText, 'no API key is set')) return;
      emit('chatError', { conversationId, messageId, message: null, error: noKeyError() });
      return;
    }
    const client = createClient({ baseUrl, apiKey, maxRetries: 0, fetch: context.fetch });
    await runToolLoop(context, turn, { client, history: history.messages, turnKey: history.turnKey }, draft);
    await draft.finish('complete');
  } catch (error) {
    await endInError(context, turn, draft, error, lastUserText);
  } finally {
    emit('conversationsChanged', conversations.list());
  }
}

async function endInError(
  context: ChatContext,
  turn: Turn,
  draft: AnswerDraft,
  error: unknown,
  lastUserText: string,
): Promise<void> {
  const { conversationId, messageId, model, baseUrl } = turn;
  if (turn.signal.aborted || error instanceof APIUserAbortError) {
    await draft.finish('stopped');
    return;
  }
  const userError = error instanceof BudgetBlockedError ? error.userError : classifyError(error, { model, baseUrl });
  context.logger.warn('chat request failed', { code: userError.code, ...errorFields(error) });
  const unreachable = `${hostOf(baseUrl)} cannot be reached`;
  if (
    userError.code === 'network' &&
    draft.isEmpty &&
    (await answerOffline(context, draft, lastUserText, unreachable))
  ) {
    return;
  }
  const message = draft.isEmpty ? null : await draft.store('error');
  const { code, message: text, retryable } = userError;
  context.emit('chatError', { conversationId, messageId, message, error: { code, message: text, retryable } });
}

/** Without the model, the local parser still sets plain reminders; true when it answered. */
async function answerOffline(context: ChatContext, draft: AnswerDraft, text: string, reason: string): Promise<boolean> {
  const reply = offlineReply(context.offline?.(text) ?? { kind: 'none' }, reason);
  if (!reply) return false;
  if (reply.card) draft.addCard(reply.card);
  draft.addText(reply.text);
  await draft.finish('complete');
  return true;
}

function noKeyError(): UserError {
  return {
    code: 'no_key',
    message:
      'No OpenAI API key is set. Add one in Settings (it is kept in your system keychain). Plain reminders like "remind me to call mom at 5pm" work without one.',
    retryable: true,
  };
}
