// When and how the search worker writes its index file: a moment after changes (together), or at
// once when asked; one save at a time, and never before the saved index is loaded.
//
// Runs inside the search worker (see search-worker.ts): each function may use only its parameters,
// the other functions of this file and those in `ctx.ix`.
import type { Context } from './search-worker-context';

export function saveSoon(ctx: Context): void {
  if (ctx.saveTimer) return;
  ctx.saveTimer = setTimeout(() => {
    ctx.saveTimer = null;
    saveNow(ctx).catch((error: unknown) =>
      ctx.post({ type: 'log', message: 'search index not saved', detail: String(error) }),
    );
  }, ctx.data.saveDelayMs);
}

/** Writes the index beside its file, then moves it in place: a crash mid-write leaves the old one whole. */
export function saveNow(ctx: Context): Promise<void> {
  if (ctx.saveTimer) {
    clearTimeout(ctx.saveTimer);
    ctx.saveTimer = null;
  }
  // One save at a time: two writing the same temporary file would trip over each other's rename.
  // And never before the saved index is loaded, which an empty one would overwrite.
  const save = ctx.saving.then(async () => {
    await ctx.loaded;
    const { fs, data } = ctx;
    const temporary = `${data.indexFile}.tmp`;
    // The file holds the index as it was here; what changes meanwhile is saved by the next save.
    const snapshot = ctx.ix.snapshotIndex(ctx.state);
    const parts = await ctx.ix.serializeSnapshot(snapshot, ctx.ix.indexFormatVersion(), ctx.ix.sliceClock(5));
    await fs.promises.writeFile(temporary, parts, { mode: 0o600 });
    await fs.promises.rename(temporary, data.indexFile);
  });
  ctx.saving = save.catch(() => undefined);
  return save;
}
