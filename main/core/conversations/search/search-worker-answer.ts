// The search worker's answer to a query: the index's best messages, each with a snippet of its text
// read back from its conversation's file.
//
// Runs inside the search worker (see search-worker.ts): each function may use only its parameters
// and those in `ctx.ix`.
import type { SearchQuery } from './search-query';
import type { Context } from './search-worker-context';

export async function answerSearch(ctx: Context, reqId: number, query: SearchQuery): Promise<void> {
  try {
    await ctx.loaded;
    const { docs, terms } = ctx.ix.searchIndex(ctx.state, query);
    const rows = docs.map((doc) => ctx.ix.docRow(ctx.state, doc));
    // Only the results shown are read back, side by side, for their snippets.
    const contents = await Promise.all(
      rows.map(([conversationId, , , , , at]) => ctx.ix.lineContentAt(ctx, conversationId, at)),
    );
    const matched = new Set(terms);
    const results = rows.map(([conversationId, messageId, role, time, model], i) => ({
      conversationId,
      messageId,
      role: role === 1 ? ('user' as const) : ('assistant' as const),
      createdAt: new Date(time).toISOString(),
      model,
      snippet: contents[i] == null ? [] : ctx.ix.snippetOf(contents[i], matched),
    }));
    ctx.post({ type: 'results', reqId, results, models: ctx.ix.indexedModels(ctx.state), ready: ctx.ready });
  } catch (error) {
    ctx.post({ type: 'failed', reqId, detail: String(error) });
  }
}
