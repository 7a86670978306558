// What happens in another window of a renderer test, through the real core: the model's tool
// calls, whole conversations, and answers the fake server bills at given token counts.
import type { ToolName } from '../../main/core/tools/tool-definitions';
import { replies, type ReplyUsage, type ToolCallsReply } from './fake-openai-server';
import type { RealAide } from './renderer-core';

/** One tool the model calls, with its arguments. */
export type ToolCall = [name: ToolName, args: object];

/** The model's answer that calls these tools, all in one round. */
export function toolCalls(...calls: ToolCall[]): ToolCallsReply {
  return { kind: 'toolCalls', calls: calls.map(([name, args]) => ({ name, arguments: JSON.stringify(args) })) };
}

/** The model's create_reminder call. */
export function reminderCall(title: string, due: Date | string, rrule: string | null = null): ToolCall {
  return ['create_reminder', { title, due: new Date(due).toISOString(), rrule, notes: null }];
}

/** Another window asks the model, which makes these tool calls and then says "Done." */
export async function modelDoes(app: RealAide, ...calls: ToolCall[]): Promise<void> {
  app.server.enqueue(toolCalls(...calls), replies.stream('Done.'));
  const { id } = await app.other.createConversation();
  const { assistantMessageId } = await app.other.sendMessage({ conversationId: id, text: 'Please do that.' });
  await app.harness.waitFor('chatDone', (done) => done.message.id === assistantMessageId);
}

/** A conversation made through the core: each question sent, its answer streamed by the server. */
export async function converse(app: RealAide, exchanges: Array<[question: string, answer: string]>): Promise<string> {
  const { id } = await app.other.createConversation();
  for (const [question, answer] of exchanges) {
    app.server.enqueue(replies.stream(answer));
    const { assistantMessageId } = await app.other.sendMessage({ conversationId: id, text: question });
    await app.harness.waitFor('chatDone', (done) => done.message.id === assistantMessageId);
  }
  return id;
}

/**
 * Another window asks the model in `conversationId` (a new conversation when absent) and the
 * server bills the answer at `usage`; resolves with the conversation once the answer is stored.
 */
export async function spend(app: RealAide, usage: ReplyUsage, conversationId?: string): Promise<string> {
  const id = conversationId ?? (await app.other.createConversation()).id;
  app.server.enqueue(replies.stream('Noted.', { usage }));
  const { assistantMessageId } = await app.other.sendMessage({ conversationId: id, text: 'Summarise this' });
  await app.harness.waitFor('chatDone', (done) => done.message.id === assistantMessageId);
  return id;
}
