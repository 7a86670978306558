// A hand-written, in-memory stand-in for `window.aide` (the preload API), with helpers that play
// main's part in a streamed answer so tests can drive the UI the way main would.
import type {
  AideApi,
  ChatMessage,
  Conversation,
  ConversationSummary,
  EventName,
  EventPayload,
  KeyStatus,
  Request,
  Response,
  Settings,
  UserError,
} from '../../common/contract';

type Listener = (payload: never) => void;

const noKey: KeyStatus = { present: false, source: 'none', masked: null, savedAt: null, problem: null };

export class FakeAide implements AideApi {
  readonly calls: string[] = [];
  readonly conversations = new Map<string, Conversation>();
  settings: Settings = { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', key: noKey };
  notices: string[] = [];
  models: string[] = ['gpt-4o', 'gpt-4o-mini'];
  /** The answer being streamed: which message, of which conversation, and its text so far. */
  answer: { conversationId: string; id: string; text: string } | null = null;
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private nextId = 1;
  private clock = Date.parse('2026-01-05T10:00:00Z');

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    this.listeners.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: EventPayload<E>) => void)(payload);
  }

  addConversation(title: string, messages: Array<Pick<ChatMessage, 'role' | 'content'>> = []): Conversation {
    const now = this.tick();
    const conversation: Conversation = {
      id: this.id('c'),
      title,
      createdAt: now,
      updatedAt: now,
      messages: messages.map((m) => this.message(m.role, m.content)),
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /** Main streams a piece of the current answer. */
  delta(text: string): void {
    const answer = this.current();
    answer.text += text;
    this.emit('chatDelta', { conversationId: answer.conversationId, messageId: answer.id, text });
  }

  status(status: string | null): void {
    const answer = this.current();
    this.emit('chatStatus', { conversationId: answer.conversationId, messageId: answer.id, status });
  }

  finish(status: ChatMessage['status'] = 'complete'): ChatMessage {
    const answer = this.current();
    const message = this.store(answer, status);
    this.answer = null;
    this.emit('chatDone', { conversationId: answer.conversationId, message });
    return message;
  }

  fail(error: UserError): void {
    const answer = this.current();
    const message = answer.text === '' ? null : this.store(answer, 'error');
    this.answer = null;
    this.emit('chatError', { conversationId: answer.conversationId, messageId: answer.id, error, message });
  }

  async getSettings(): Promise<Settings> {
    this.calls.push('getSettings');
    return this.settings;
  }

  async updateSettings(patch: Request<'updateSettings'>): Promise<Settings> {
    this.calls.push('updateSettings');
    this.settings = { ...this.settings, ...patch };
    return this.settings;
  }

  async saveKey({ key }: Request<'saveKey'>): Promise<Response<'saveKey'>> {
    this.calls.push('saveKey');
    const status: KeyStatus = {
      present: true,
      source: 'keychain',
      masked: `sk-…${key.slice(-4)}`,
      savedAt: '2026-01-05T10:00:00.000Z',
      problem: null,
    };
    this.settings = { ...this.settings, key: status };
    return { ok: true, key: status };
  }

  async removeKey(): Promise<KeyStatus> {
    this.calls.push('removeKey');
    this.settings = { ...this.settings, key: noKey };
    return noKey;
  }

  async listModels(): Promise<Response<'listModels'>> {
    this.calls.push('listModels');
    return { ok: true, models: this.models };
  }

  async listConversations(): Promise<ConversationSummary[]> {
    this.calls.push('listConversations');
    return [...this.conversations.values()].map(summary);
  }

  async createConversation(): Promise<ConversationSummary> {
    this.calls.push('createConversation');
    return summary(this.addConversation('New chat'));
  }

  async getConversation({ id }: Request<'getConversation'>): Promise<Conversation | null> {
    this.calls.push('getConversation');
    return structuredClone(this.conversations.get(id) ?? null);
  }

  async renameConversation({ id, title }: Request<'renameConversation'>): Promise<ConversationSummary> {
    this.calls.push('renameConversation');
    const conversation = this.get(id);
    conversation.title = title;
    return summary(conversation);
  }

  async deleteConversation({ id }: Request<'deleteConversation'>): Promise<void> {
    this.calls.push('deleteConversation');
    this.conversations.delete(id);
  }

  async sendMessage({ conversationId, text }: Request<'sendMessage'>): Promise<Response<'sendMessage'>> {
    this.calls.push('sendMessage');
    const userMessage = this.message('user', text);
    this.get(conversationId).messages.push(userMessage);
    this.answer = { conversationId, id: this.id('m'), text: '' };
    return { userMessage, assistantMessageId: this.answer.id };
  }

  async retry({ conversationId }: Request<'retry'>): Promise<Response<'retry'>> {
    this.calls.push('retry');
    this.answer = { conversationId, id: this.id('m'), text: '' };
    return { assistantMessageId: this.answer.id };
  }

  /** Like main: the partial answer is stored and announced as stopped. */
  async stop(_request: Request<'stop'>): Promise<void> {
    this.calls.push('stop');
    if (this.answer) queueMicrotask(() => this.finish('stopped'));
  }

  async getNotices(): Promise<string[]> {
    this.calls.push('getNotices');
    return this.notices;
  }

  private current(): NonNullable<FakeAide['answer']> {
    if (!this.answer) throw new Error('No answer is streaming');
    return this.answer;
  }

  private store(answer: NonNullable<FakeAide['answer']>, status: ChatMessage['status']): ChatMessage {
    const message = { ...this.message('assistant', answer.text), id: answer.id, status };
    this.get(answer.conversationId).messages.push(message);
    return message;
  }

  private get(id: string): Conversation {
    const conversation = this.conversations.get(id);
    if (!conversation) throw new Error(`No conversation ${id}`);
    return conversation;
  }

  private message(role: ChatMessage['role'], content: string): ChatMessage {
    return { id: this.id('m'), role, content, createdAt: this.tick(), status: 'complete' };
  }

  private id(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  private tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString();
  }
}

function summary({ id, title, createdAt, updatedAt }: Conversation): ConversationSummary {
  return { id, title, createdAt, updatedAt };
}
