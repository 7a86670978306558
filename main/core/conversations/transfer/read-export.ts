// Reads an export file (a .zip or a plain conversations.json) from disk a chunk at a time and hands
// back its conversations one by one, as raw values: never the whole file in memory.
import { open } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { JsonArrayElements, UnreadableExportError, type Element } from './json-array-elements';
import { ZipConversations, isZip } from './zip-conversations';

const CHUNK_BYTES = 64 * 1024;
/**
 * JSON bytes parsed in one turn of the event loop. The stream parser builds objects as it goes: a
 * whole 64 KB chunk (or what a zip's chunk inflates to) held the main thread 10–28 ms of its own at
 * a time on a loaded machine; a quarter of that keeps each turn to a few milliseconds.
 */
const PARSE_SLICE = 16 * 1024;

export interface ReadOptions {
  /** Called after each chunk with the bytes read so far and the file's size. */
  onBytes?: (read: number, total: number) => void;
}

export async function* readExport(file: string, options: ReadOptions = {}): AsyncGenerator<Element> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const elements = new JsonArrayElements();
    /** Bytes of JSON waiting to be parsed, a slice per turn. */
    const pending: Uint8Array[] = [];
    let zip: ZipConversations | null = null;
    let read = 0;
    const buffer = Buffer.alloc(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, read);
      // The parsers keep what they need of a chunk; a fresh copy keeps the buffer reusable.
      const chunk = new Uint8Array(buffer.subarray(0, bytesRead));
      if (read === 0) {
        if (bytesRead === 0) throw new UnreadableExportError('The file is empty.');
        if (isZip(chunk)) zip = new ZipConversations((data) => pending.push(data));
      }
      read += bytesRead;
      const last = bytesRead === 0;
      if (zip) zip.push(chunk, last);
      else pending.push(withoutByteOrderMark(chunk, read === bytesRead));
      options.onBytes?.(read, size);
      for (const slice of slices(pending.splice(0), PARSE_SLICE)) {
        elements.write(slice);
        yield* elements.take();
        await nextTurn();
      }
      if (last) break;
    }
    elements.end();
  } finally {
    await handle.close();
  }
}

/** The bytes of `chunks` in pieces of at most `size` (views, not copies). */
function* slices(chunks: Uint8Array[], size: number): Generator<Uint8Array> {
  for (const chunk of chunks)
    for (let start = 0; start < chunk.length; start += size) yield chunk.subarray(start, start + size);
}

function withoutByteOrderMark(chunk: Uint8Array, first: boolean): Uint8Array {
  return first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk;
}
