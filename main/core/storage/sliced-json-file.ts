// Writes a big JSON object file without blocking the event loop: its large records are serialized
// a slice of entries at a time between asynchronous writes, into a temp file that is flushed and
// then renamed over the old one, so a reader (or a run killed mid-write) sees the old file or the
// new one, never a mix. conf's own write serializes and writes the whole file synchronously.
import { open, rename } from 'node:fs/promises';

/** A key with a plain value (serialized at once) or with a record given as its entries (in slices). */
export type JsonPart = { key: string; value: unknown } | { key: string; entries: ReadonlyArray<readonly [string, unknown]> };

/** Entries serialized per write: ~1 ms of work at a few hundred bytes each. */
const SLICE = 500;

/** The temp file a write goes through; one left behind by a killed run is ignored (and may be removed). */
export const tempFileOf = (file: string): string => `${file}.writing`;

export async function writeJsonInSlices(file: string, parts: readonly JsonPart[]): Promise<void> {
  const temp = tempFileOf(file);
  const handle = await open(temp, 'w', 0o600);
  try {
    let lead = '{';
    for (const part of parts) {
      if ('value' in part) {
        await handle.write(`${lead}${JSON.stringify(part.key)}:${JSON.stringify(part.value)}`);
      } else {
        await handle.write(`${lead}${JSON.stringify(part.key)}:{`);
        for (let start = 0; start < part.entries.length; start += SLICE) {
          const slice = part.entries.slice(start, start + SLICE);
          const text = slice.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',');
          await handle.write(start === 0 ? text : `,${text}`);
        }
        await handle.write('}');
      }
      lead = ',';
    }
    await handle.write('}');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}
