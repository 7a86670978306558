// The search worker's reads of conversation files (JSON lines): the part of a file the index has
// not seen, and one message's line, for a result's snippet.
//
// Runs inside the search worker (see search-worker.ts): each function may use only its parameters,
// the other functions of this file and those in `ctx.ix`.
import type * as Fs from 'node:fs';
import type { Context } from './search-worker-context';

/**
 * Reads the part of a conversation's file the index has not seen. Its length is checked first
 * (a stat, not a read): an up-to-date conversation costs no read at all.
 */
export async function catchUp(ctx: Context, id: string): Promise<boolean> {
  const { fs, path, state } = ctx;
  const file = path.join(ctx.data.conversationsDir, `${id}.jsonl`);
  let size: number;
  try {
    size = (await fs.promises.stat(file)).size;
  } catch {
    return false;
  }
  let covered = state.files.get(id)?.bytes ?? 0;
  if (covered === size && state.files.has(id)) return false;
  if (covered > size) {
    ctx.ix.removeConversation(state, id);
    covered = 0;
  }
  if (!state.files.has(id)) state.files.set(id, { bytes: 0, models: [] });
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(size - covered);
    await handle.read(buffer, 0, buffer.length, covered);
    state.files.get(id)!.bytes = covered + indexLines(ctx, id, buffer, covered);
  } finally {
    await handle.close();
    // Its message ids are looked up again only if a message comes in: no need to hold them meanwhile.
    state.byMessage.delete(id);
  }
  return true;
}

/** Indexes the complete lines in `buffer` (read from byte `base`); returns the bytes they take. */
export function indexLines(ctx: Context, id: string, buffer: Buffer, base: number): number {
  let start = 0;
  for (let end = buffer.indexOf(10, start); end !== -1; end = buffer.indexOf(10, start)) {
    const message = messageOf(buffer.toString('utf8', start, end));
    if (message) ctx.ix.addMessage(ctx.state, id, message, base + start);
    start = end + 1;
  }
  return start;
}

/** The message a conversation line holds, or null for other lines and damaged ones. */
export function messageOf(
  line: string,
): { id: string; role: 'user' | 'assistant'; content: string; createdAt: string; model?: string | null } | null {
  try {
    const parsed = JSON.parse(line) as { type?: unknown; message?: Record<string, unknown> };
    const message = parsed.message;
    if (parsed.type !== 'message' || !message) return null;
    const { id, role, content, createdAt, model } = message;
    if (typeof id !== 'string' || typeof content !== 'string' || typeof createdAt !== 'string') return null;
    if (role !== 'user' && role !== 'assistant') return null;
    return { id, role, content, createdAt, model: typeof model === 'string' ? model : null };
  } catch {
    return null;
  }
}

/** The text of the message whose line starts at byte `at` (null if the file cannot be read there). */
export async function lineContentAt(ctx: Context, conversationId: string, at: number): Promise<string | null> {
  const file = ctx.path.join(ctx.data.conversationsDir, `${conversationId}.jsonl`);
  let handle: Fs.promises.FileHandle | undefined;
  try {
    handle = await ctx.fs.promises.open(file, 'r');
    const chunks: Buffer[] = [];
    for (let position = at; ;) {
      const chunk = Buffer.alloc(16 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      const newline = chunk.subarray(0, bytesRead).indexOf(10);
      chunks.push(chunk.subarray(0, newline === -1 ? bytesRead : newline));
      if (newline !== -1 || bytesRead === 0) break;
      position += bytesRead;
    }
    return messageOf(Buffer.concat(chunks).toString('utf8'))?.content ?? null;
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}
