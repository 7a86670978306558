// What a person could lose, read straight from the data folder: every file but the log, which
// grows with every refused request by design, and the search index, a cache rebuilt from the
// conversations that its worker saves in the background after start.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Each file of the data folder (the log excepted) by its path, with its content. */
export async function dataFiles(dataDir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dataDir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const name = relative(dataDir, path);
    if (entry.isFile() && !name.startsWith('logs') && !name.startsWith('search-index'))
      files[name] = await readFile(path, 'utf8');
  }
  return files;
}

/** Resolves once the data folder stops changing (a streamed answer and its usage are written). */
export async function settledFiles(dataDir: string, quietMs = 150, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = JSON.stringify(await dataFiles(dataDir));
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = JSON.stringify(await dataFiles(dataDir));
    if (now === last) return;
    if (Date.now() > deadline) throw new Error(`${dataDir} kept changing for ${timeoutMs} ms`);
    last = now;
  }
}
