// Searching all conversations: the operations behind the `Search conversations` box. Joined into
// the one operation list in contract.ts.
import { z } from 'zod';
import { ChatMessage } from './contract';

// contract.ts imports this file first: its message schema is read lazily, once both are loaded.
const Id = z.string().min(1).max(100);
const Role = z.enum(['user', 'assistant']);
const Messages = z.lazy(() => z.array(ChatMessage));

/** A piece of a snippet: `match` pieces are the words the query found. */
export const SnippetSegment = z.object({ text: z.string(), match: z.boolean() });

export const SearchHit = z.object({
  conversationId: z.string(),
  title: z.string(),
  messageId: z.string(),
  role: Role,
  createdAt: z.string(),
  /** The model that wrote the answer; null for the person's own messages. */
  model: z.string().nullable(),
  snippet: z.array(SnippetSegment),
});
export type SearchHit = z.output<typeof SearchHit>;

export const conversationSearchOperations = {
  /**
   * Messages of every conversation that hold all the query's words (prefixes and one typo in a
   * longer word forgiven), best first; `from`/`to` bound the message's time, `model` keeps the
   * conversations that model answered in. `models` lists every model the index has seen, for the filter.
   */
  searchConversations: {
    request: z.object({
      query: z.string().trim().min(1).max(500),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      model: z.string().trim().min(1).max(200).optional(),
      limit: z.number().int().min(1).max(200),
    }),
    response: z.object({
      results: z.array(SearchHit),
      models: z.array(z.string()),
      /** False while the index is still being built (first start, or after it was rebuilt). */
      ready: z.boolean(),
    }),
  },
  /**
   * Up to `before` messages before `messageId`, the message itself and up to `after` after it, with
   * how many older and newer ones were left out; null if the conversation or message is unknown.
   */
  getMessagesAround: {
    request: z.object({
      id: Id,
      messageId: z.string().min(1).max(200),
      before: z.number().int().min(0).max(1_000),
      after: z.number().int().min(0).max(1_000),
    }),
    response: z
      .object({
        messages: Messages,
        olderCount: z.number().int().nonnegative(),
        newerCount: z.number().int().nonnegative(),
      })
      .nullable(),
  },
} as const;
