// Core's temp area for exports on their way out (written whole, read back a chunk at a time),
// under the data folder. File names are ids Aide made: nothing a sender says ever becomes a path.
// Left-overs are removed at start and when idle.
import { randomUUID } from 'node:crypto';
import { mkdir, open, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TRANSFER_CHUNK_BYTES } from '../../../../common/conversation-transfer-contract';

/** Exports not read for this long are removed. */
const IDLE_MS = 30 * 60 * 1000;

interface Entry {
  file: string;
  size: number;
  touched: number;
}

export class TransferFiles {
  readonly dir: string;
  private readonly exports = new Map<string, Entry>();
  private readonly cleared: Promise<void>;

  constructor(
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.dir = join(dataDir, 'transfer-temp');
    this.cleared = rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
  }

  /** A new file for an export; `write` fills it, then it can be read back by id. */
  async addExport(write: (file: string) => Promise<void>): Promise<{ id: string; size: number }> {
    await this.sweep();
    const id = randomUUID();
    const file = await this.create(id);
    try {
      await write(file);
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
    const { size } = await stat(file);
    this.exports.set(id, { file, size, touched: this.now() });
    return { id, size };
  }

  /** Up to a chunk of an export from `offset`, as base64; the file goes once its end was read. */
  async readExport(id: string, offset: number): Promise<{ data: string; done: boolean }> {
    const entry = this.exports.get(id);
    if (!entry) throw new Error('That export is no longer available; export again.');
    entry.touched = this.now();
    const length = Math.max(0, Math.min(TRANSFER_CHUNK_BYTES, entry.size - offset));
    const buffer = Buffer.alloc(length);
    const handle = await open(entry.file, 'r');
    try {
      if (length > 0) await handle.read(buffer, 0, length, offset);
    } finally {
      await handle.close();
    }
    const done = offset + length >= entry.size;
    if (done) {
      this.exports.delete(id);
      await rm(entry.file, { force: true });
    }
    return { data: buffer.toString('base64'), done };
  }

  private async create(id: string): Promise<string> {
    await this.cleared;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = join(this.dir, `${id}.part`);
    await writeFile(file, '', { mode: 0o600, flag: 'wx' });
    return file;
  }

  private async sweep(): Promise<void> {
    const stale = this.now() - IDLE_MS;
    for (const [id, entry] of this.exports) {
      if (entry.touched >= stale) continue;
      this.exports.delete(id);
      await rm(entry.file, { force: true });
    }
  }
}
