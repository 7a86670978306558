// Appends JSON lines to append-only files (conversations, the usage ledger) that a crash may have
// left ending mid-line: the first append to a file in this run checks its last byte, so a new
// line never joins a torn one.
import { appendFile, open } from 'node:fs/promises';

export class LineAppender {
  /** Files known to end with a newline, so later appends need no check. */
  private readonly sealed = new Set<string>();

  /** Appends one line; resolves to the bytes written (a leading newline after a torn line included). */
  async append(file: string, json: string): Promise<number> {
    const lead = this.sealed.has(file) ? '' : await tornLineBreak(file);
    const text = `${lead}${json}\n`;
    try {
      await appendFile(file, text, { mode: 0o600 });
    } catch (error) {
      // Part of the line may be there: check the end again before the next append.
      this.sealed.delete(file);
      throw error;
    }
    this.sealed.add(file);
    return Buffer.byteLength(text);
  }

  /** The file was removed or rewritten: check it again before the next append. */
  forget(file: string): void {
    this.sealed.delete(file);
  }
}

/** A newline when the file ends mid-line, so the next line stays whole. */
async function tornLineBreak(file: string): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return '';
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a ? '' : '\n';
  } finally {
    await handle.close();
  }
}
