// Reads an export file (a .zip or a plain conversations.json) from disk a chunk at a time and hands
// back its conversations one by one, as raw values: never the whole file in memory.
import { open } from 'node:fs/promises';
import { JsonArrayElements, UnreadableExportError, type Element } from './json-array-elements';
import { ZipConversations, isZip } from './zip-conversations';

const CHUNK_BYTES = 64 * 1024;

export interface ReadOptions {
  /** Called after each chunk with the bytes read so far and the file's size. */
  onBytes?: (read: number, total: number) => void;
}

export async function* readExport(file: string, options: ReadOptions = {}): AsyncGenerator<Element> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const elements = new JsonArrayElements();
    let zip: ZipConversations | null = null;
    let read = 0;
    const buffer = Buffer.alloc(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, read);
      // The parsers keep what they need of a chunk; a fresh copy keeps the buffer reusable.
      const chunk = new Uint8Array(buffer.subarray(0, bytesRead));
      if (read === 0) {
        if (bytesRead === 0) throw new UnreadableExportError('The file is empty.');
        if (isZip(chunk)) zip = new ZipConversations((data) => elements.write(data));
      }
      read += bytesRead;
      const last = bytesRead === 0;
      if (zip) zip.push(chunk, last);
      else elements.write(withoutByteOrderMark(chunk, read === bytesRead));
      options.onBytes?.(read, size);
      yield* elements.take();
      if (last) break;
    }
    elements.end();
  } finally {
    await handle.close();
  }
}

function withoutByteOrderMark(chunk: Uint8Array, first: boolean): Uint8Array {
  return first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk;
}
