// Reads a file of lines backwards, a chunk at a time from a given offset, so the newest lines of a
// long append-only file are found without reading the rest of it.
import type { FileHandle } from 'node:fs/promises';

const CHUNK_BYTES = 64 * 1024;

export interface LineAt {
  text: string;
  /** Offset of the line's first byte. */
  start: number;
}

/**
 * The lines that end before `end` (a line's start, or the file's length), newest first. A last line
 * without its newline (torn by a crash) comes too; what to make of it is the reader's business.
 */
export async function* linesBefore(handle: FileHandle, end: number, chunkBytes = CHUNK_BYTES): AsyncGenerator<LineAt> {
  let from = end;
  /** Bytes from `from` to where the next (older) line to yield ends. */
  let carry = Buffer.alloc(0);
  let first = true;
  while (from > 0) {
    const start = Math.max(0, from - chunkBytes);
    const chunk = Buffer.alloc(from - start);
    await readAt(handle, chunk, start);
    const data = carry.length === 0 ? chunk : Buffer.concat([chunk, carry]);
    let lineEnd = data.length;
    if (first && data[lineEnd - 1] === 0x0a) lineEnd -= 1;
    first = false;
    while (lineEnd > 0) {
      const newline = data.lastIndexOf(0x0a, lineEnd - 1);
      if (newline === -1) break;
      yield { text: data.toString('utf8', newline + 1, lineEnd), start: start + newline + 1 };
      lineEnd = newline;
    }
    carry = data.subarray(0, lineEnd);
    from = start;
  }
  if (carry.length > 0) yield { text: carry.toString('utf8'), start: 0 };
}

/** Fills `buffer` from `position` (a read may return fewer bytes than asked). */
async function readAt(handle: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position + filled);
    if (bytesRead === 0) throw new Error('The file became shorter while it was read.');
    filled += bytesRead;
  }
}
