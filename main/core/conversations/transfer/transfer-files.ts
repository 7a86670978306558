// Core's temp area for files on their way in (uploaded exports, a chunk at a time) and out
// (exports read back a chunk at a time), under the data folder. File names are ids Aide made:
// nothing a sender says ever becomes a path. Left-overs are removed at start and when idle.
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, open, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TRANSFER_CHUNK_BYTES } from '../../../../common/conversation-transfer-contract';

/** Uploads and exports untouched this long are removed. */
const IDLE_MS = 30 * 60 * 1000;
const MAX_OPEN = 8;

interface Entry {
  file: string;
  size: number;
  received: number;
  touched: number;
  /** Chunks are appended one after another, in the order they were accepted. */
  writing: Promise<void>;
}

export class TransferFiles {
  readonly dir: string;
  private readonly uploads = new Map<string, Entry>();
  private readonly exports = new Map<string, Entry>();
  private readonly cleared: Promise<void>;

  constructor(
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.dir = join(dataDir, 'transfer-temp');
    this.cleared = rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
  }

  async beginUpload(size: number): Promise<string> {
    await this.sweep();
    if (this.uploads.size >= MAX_OPEN) throw new Error('Too many imports are under way; wait for one to finish.');
    const id = randomUUID();
    const file = await this.create(id);
    this.uploads.set(id, { file, size, received: 0, touched: this.now(), writing: Promise.resolve() });
    return id;
  }

  async uploadChunk(id: string, offset: number, base64: string): Promise<number> {
    const upload = this.upload(id);
    const bytes = Buffer.from(base64, 'base64');
    if (offset !== upload.received) throw new Error('The file arrived out of order; import it again.');
    if (bytes.length > TRANSFER_CHUNK_BYTES || upload.received + bytes.length > upload.size)
      throw new Error('The file is bigger than announced; import it again.');
    upload.received += bytes.length;
    upload.touched = this.now();
    const received = upload.received;
    upload.writing = upload.writing.then(() => appendFile(upload.file, bytes));
    await upload.writing;
    return received;
  }

  /** The whole uploaded file, handed over: it is no longer an upload (the caller removes it). */
  async completeUpload(id: string): Promise<string> {
    const upload = this.upload(id);
    if (upload.received !== upload.size) throw new Error('The file has not fully arrived; import it again.');
    this.uploads.delete(id);
    await upload.writing;
    return upload.file;
  }

  async cancelUpload(id: string): Promise<boolean> {
    const upload = this.uploads.get(id);
    if (!upload) return false;
    this.uploads.delete(id);
    await rm(upload.file, { force: true });
    return true;
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
    this.exports.set(id, { file, size, received: 0, touched: this.now(), writing: Promise.resolve() });
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

  async remove(file: string): Promise<void> {
    await rm(file, { force: true });
  }

  private upload(id: string): Entry {
    const upload = this.uploads.get(id);
    if (!upload) throw new Error('That import is no longer under way; choose the file again.');
    return upload;
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
    for (const entries of [this.uploads, this.exports]) {
      for (const [id, entry] of entries) {
        if (entry.touched >= stale) continue;
        entries.delete(id);
        await rm(entry.file, { force: true });
      }
    }
  }
}
