// The chat's way in: sends a message (stored first), retries or stops an answer, and passes the
// user's confirmations on. Each answer runs on its own (answer-turn.ts) until it ends or is stopped.
import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '../../../common/contract';
import { attachmentsToSend } from '../attachments/message-attachments';
import { NEW_CHAT_TITLE } from '../conversations/conversation-store';
import { errorFields } from '../logger';
import { answerTurn } from './answer-turn';
import type { AnswerFeature, ChatContext, ChatServiceOptions } from './chat-options';
import { Confirmations } from './confirmations';

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

export class ChatService {
  private readonly running = new Map<string, Running>();
  private readonly confirmations: Confirmations;
  private readonly context: ChatContext;

  constructor(private readonly options: ChatServiceOptions) {
    const confirmations = new Confirmations(options.emit);
    this.confirmations = confirmations;
    this.context = {
      ...options,
      toolsUnsupported: new Set(),
      confirm: (conversationId, request, signal) => confirmations.ask(conversationId, request, signal),
    };
  }

  async send(
    conversationId: string,
    text: string,
    feature: AnswerFeature = 'chat',
    attachmentIds: string[] = [],
  ): Promise<{ userMessage: ChatMessage; assistantMessageId: string }> {
    const { conversations, emit } = this.options;
    // Refused before anything is stored: the text and the attachments stay in the composer.
    const attachments = attachmentsToSend(this.options, this.modelOf(conversationId), attachmentIds);
    await this.stop(conversationId);
    const userMessage: ChatMessage = {
      id: randomUUID(),
      role: 'user',
      content: text,
      createdAt: this.options.clock.now().toISOString(),
      status: 'complete',
      ...(attachments.length > 0 && { attachments }),
    };
    this.options.attachments?.reference(conversationId, attachmentIds);
    await conversations.append(conversationId, userMessage);
    if (conversations.summary(conversationId)?.title === NEW_CHAT_TITLE) {
      await conversations.rename(conversationId, titleFrom(text || attachments.map((a) => a.name).join(', ')));
    }
    emit('conversationsChanged', conversations.list());
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

  /** The user's answer to a confirmation dialog; unknown or settled ids are ignored. */
  answerConfirmation(id: string, confirmed: boolean): void {
    this.confirmations.answer(id, confirmed);
  }

  private start(conversationId: string, feature: AnswerFeature): string {
    const messageId = randomUUID();
    const controller = new AbortController();
    const { settings, logger } = this.options;
    const model = this.modelOf(conversationId);
    const turn = { conversationId, messageId, model, baseUrl: settings.baseUrl, feature, signal: controller.signal };
    const done = answerTurn(this.context, turn)
      .catch((error: unknown) => logger.error('answer failed to finish', errorFields(error)))
      .finally(() => this.running.delete(conversationId));
    this.running.set(conversationId, { controller, done });
    return messageId;
  }

  private modelOf(conversationId: string): string {
    return this.options.conversations.summary(conversationId)?.model ?? this.options.settings.model;
  }
}

function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 48 ? `${line.slice(0, 47)}…` : line;
}
