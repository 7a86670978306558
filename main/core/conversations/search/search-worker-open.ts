// Opening the index in the search worker: the saved file is loaded (a damaged or outdated one is
// moved aside), then brought up to the conversation files.
//
// Runs inside the search worker (see search-worker.ts): each function may use only its parameters,
// the other functions of this file and those in `ctx.ix`.
import type { Context } from './search-worker-context';

/** Loads the saved index and brings it up to the files; returns whether anything changed. */
export async function openIndex(ctx: Context, ids: string[]): Promise<boolean> {
  const { fs, data } = ctx;
  let changed = false;
  try {
    const text = await fs.promises.readFile(data.indexFile, 'utf8');
    ctx.state = ctx.ix.restoreIndex(ctx.ix.emptyIndex(ctx.Dictionary), text, ctx.ix.indexFormatVersion());
  } catch (error) {
    changed = true;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') await moveAside(ctx, String(error));
  } finally {
    ctx.markLoaded();
  }
  const wanted = new Set(ids);
  for (const id of [...ctx.state.files.keys()]) {
    if (!wanted.has(id)) {
      ctx.ix.removeConversation(ctx.state, id);
      changed = true;
    }
  }
  for (const id of ids) {
    try {
      if (await ctx.ix.catchUp(ctx, id)) changed = true;
    } catch (error) {
      // One unreadable file leaves its conversation out of the results, not the others.
      ctx.post({ type: 'log', message: 'conversation not indexed', detail: String(error) });
    }
  }
  return changed;
}

/** A damaged or outdated index file is kept beside, as other stores' are, and the index rebuilt. */
export async function moveAside(ctx: Context, problem: string): Promise<void> {
  const { fs, data } = ctx;
  const outdated = problem.includes('search index version');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const aside = data.indexFile.replace(/\.json$/, `.corrupt-${stamp}.json`);
  try {
    if (outdated) await fs.promises.rm(data.indexFile, { force: true });
    else await fs.promises.rename(data.indexFile, aside);
  } catch {
    // Saving the rebuilt index replaces it anyway.
  }
  ctx.post({
    type: 'log',
    message: outdated ? 'search index outdated, rebuilding' : 'search index damaged, moved aside, rebuilding',
    detail: problem,
  });
}
