// The assistant message being written: its text (streamed out in batches), usage, cards and how
// much history was left out; stored once, when the answer ends.
import type { ChatMessage, ToolCard, Usage } from '../../../common/contract';
import type { ConversationStore } from '../conversations/conversation-store';
import type { Emit, Turn } from './chat-options';
import { DeltaBatcher } from './delta-batcher';

export class AnswerDraft {
  private content = '';
  private usage: Usage | null = null;
  private readonly cards: ToolCard[] = [];
  private readonly batcher: DeltaBatcher;
  /** Older messages the first request left out to fit the model's window. */
  contextOmitted = 0;

  constructor(
    private readonly turn: Turn,
    private readonly emit: Emit,
    private readonly conversations: ConversationStore,
    private readonly createdAt: string,
  ) {
    const { conversationId, messageId } = turn;
    this.batcher = new DeltaBatcher((text) => emit('chatDelta', { conversationId, messageId, text }));
  }

  get text(): string {
    return this.content;
  }

  /** Nothing has reached the user yet: no text, no card. */
  get isEmpty(): boolean {
    return this.content === '' && this.cards.length === 0;
  }

  addText(delta: string): void {
    this.content += delta;
    this.batcher.push(delta);
  }

  addUsage(more: Usage): void {
    this.usage = {
      promptTokens: (this.usage?.promptTokens ?? 0) + more.promptTokens,
      completionTokens: (this.usage?.completionTokens ?? 0) + more.completionTokens,
      totalTokens: (this.usage?.totalTokens ?? 0) + more.totalTokens,
    };
  }

  /** Shows a card after the text that came before it. */
  addCard(card: ToolCard): void {
    this.cards.push(card);
    this.batcher.flush();
    this.emit('chatCard', { conversationId: this.turn.conversationId, messageId: this.turn.messageId, card });
  }

  /** Stores the message and tells the UI the answer is over. */
  async finish(status: 'complete' | 'stopped'): Promise<void> {
    this.emit('chatDone', { conversationId: this.turn.conversationId, message: await this.store(status) });
  }

  async store(status: ChatMessage['status']): Promise<ChatMessage> {
    this.batcher.flush();
    const message: ChatMessage = {
      id: this.turn.messageId,
      role: 'assistant',
      content: this.content,
      createdAt: this.createdAt,
      status,
      model: this.turn.model,
      usage: this.usage,
      ...(this.cards.length > 0 && { cards: this.cards }),
      ...(this.contextOmitted > 0 && { contextOmitted: this.contextOmitted }),
    };
    await this.conversations.append(this.turn.conversationId, message);
    return message;
  }
}
