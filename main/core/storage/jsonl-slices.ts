// JSON-lines files read and written without holding the event loop: a read hands the lines over a
// few milliseconds at a time with a turn of the loop between; a write serializes a slice of items
// per asynchronous write into a temp file that is flushed and renamed into place (old or new file,
// never a mix); an append is one synchronous, flushed write that is undone if it fails part way.
import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import { nextTurn } from '../next-turn';

/** Work between two turns of the event loop while reading. */
const READ_SLICE_MS = 2;
/** Bytes decoded at a time (cut back to a line's end): ~40 lines of reminders, under a millisecond of parsing and checking warm (a few cold). */
const DECODE_CHUNK = 16 * 1024;
/** Items serialized per write: ~1–2 ms of work at a few hundred bytes each. */
const WRITE_SLICE = 250;

/** One line: its text (without the newline), its end offset in bytes, and whether a newline ended it. */
export interface FileLine {
  text: string;
  end: number;
  terminated: boolean;
}

/** Calls `visit` for each line in order; resolves to the file's size, or null when it does not exist. */
export async function readLinesInSlices(file: string, visit: (line: FileLine) => void): Promise<number | null> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let sliceStart = performance.now();
  let count = 0;
  // Decoded a chunk of whole lines at a time: a Buffer search per line cost more than the lines' parse.
  for (let start = 0; start < data.length;) {
    const cut = data.lastIndexOf(0x0a, Math.min(start + DECODE_CHUNK, data.length) - 1);
    const stop = cut >= start ? cut + 1 : data.length;
    const lines = data.toString('utf8', start, stop).split('\n');
    let end = start;
    lines.forEach((text, i) => {
      const terminated = i < lines.length - 1;
      if (!terminated && text === '') return;
      end += Buffer.byteLength(text) + (terminated ? 1 : 0);
      visit({ text, end, terminated });
    });
    start = stop;
    count += lines.length;
    if (count >= 32 && performance.now() - sliceStart >= READ_SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
      count = 0;
    }
  }
  return data.length;
}

/** Writes `head` then one line per item, through `temp`, flushed, then renamed over `file`. */
export async function writeLinesInSlices<T>(
  file: string,
  temp: string,
  head: readonly string[],
  items: readonly T[],
  line: (item: T) => string,
): Promise<void> {
  const handle = await open(temp, 'w', 0o600);
  try {
    if (head.length > 0) await handle.write(head.map((text) => `${text}\n`).join(''));
    for (let start = 0; start < items.length; start += WRITE_SLICE) {
      const slice = items.slice(start, start + WRITE_SLICE);
      await handle.write(slice.map((item) => `${line(item)}\n`).join(''));
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

/**
 * Appends `text` and flushes it to the disk before returning, as conf's whole-file writes did. A
 * write that fails part way is cut back off, so the next append never joins a torn line.
 */
export function appendDurably(file: string, text: string): void {
  const fd = openSync(file, 'a', 0o600);
  try {
    const before = fstatSync(fd).size;
    try {
      const bytes = Buffer.from(text);
      for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
      fdatasyncSync(fd);
    } catch (error) {
      try {
        ftruncateSync(fd, before);
      } catch {
        // The torn tail is skipped (and cut off) at the next start.
      }
      throw error;
    }
  } finally {
    closeSync(fd);
  }
}
