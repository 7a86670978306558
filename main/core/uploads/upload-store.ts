// Files arriving from the window in chunks: each upload is a temp file under the data folder
// (never a path the window names), capped at the size it declared and its purpose's limit,
// removed when cancelled, when a write fails, when left idle, and at start.
import { randomUUID } from 'node:crypto';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { formatSize } from '../../../common/file-size';
import { UPLOAD_LIMITS, type UploadedFile, type UploadPurpose } from '../../../common/upload-contract';
import type { Logger } from '../ports';
import { errorFields } from '../logger';

export type Refusal = { ok: false; error: string };

/** What a purpose's owner checks before any byte is sent: a sentence refusing it, or null. */
export type UploadScreen = (file: { name: string; type: string; size: number }) => string | null;

/** A finished upload handed to the feature that takes it; it deletes the file with `release`. */
export interface TakenUpload extends UploadedFile {
  path: string;
  release(): Promise<void>;
}

interface Upload extends UploadedFile {
  purpose: UploadPurpose;
  path: string;
  received: number;
  handle: FileHandle | null;
  finished: boolean;
  lastActive: number;
  /** Chunks are written one after another, in the order they arrive. */
  queue: Promise<unknown>;
}

/** At most this many uploads at once: a window cannot fill the disk with abandoned ones. */
const MAX_OPEN_UPLOADS = 16;
/** An upload nobody touched for this long is dropped with its temp file. */
const IDLE_MS = 15 * 60_000;

export class UploadStore {
  private readonly dir: string;
  private readonly uploads = new Map<string, Upload>();
  private readonly screens = new Map<UploadPurpose, UploadScreen>();
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(
    dataDir: string,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.dir = join(dataDir, 'uploads');
    this.sweeper = setInterval(() => void this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /** Removes what a previous run left behind (it crashed or quit mid-upload). */
  async start(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  /** The owner of a purpose (attachments, import) refuses files it cannot take, before any byte. */
  screen(purpose: UploadPurpose, check: UploadScreen): void {
    this.screens.set(purpose, check);
  }

  async begin(request: { name: string; size: number; type: string; purpose: UploadPurpose }) {
    const { name, size, type, purpose } = request;
    const limit = UPLOAD_LIMITS[purpose];
    if (size > limit) return refuse(`“${name}” is ${formatSize(size)}; Aide takes files up to ${formatSize(limit)}.`);
    const screened = this.screens.get(purpose)?.({ name, type, size });
    if (screened) return refuse(screened);
    await this.sweep();
    if (this.uploads.size >= MAX_OPEN_UPLOADS)
      return refuse('Too many files are being sent at once. Wait for them to finish.');
    const fileId = randomUUID();
    const path = join(this.dir, `${fileId}.part`);
    let handle: FileHandle;
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      handle = await open(path, 'wx', 0o600);
    } catch (error) {
      this.logger.warn('upload not started', errorFields(error));
      return refuse(`“${name}” could not be saved in Aide's data folder. Check that the disk has room.`);
    }
    this.uploads.set(fileId, {
      fileId,
      name,
      type,
      size,
      purpose,
      path,
      handle,
      received: 0,
      finished: false,
      lastActive: this.now(),
      queue: Promise.resolve(),
    });
    return { ok: true as const, uploadId: fileId };
  }

  chunk(uploadId: string, offset: number, data: string) {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.finished) return Promise.resolve(gone());
    const next = upload.queue.then(() => this.write(upload, offset, data));
    upload.queue = next.catch(() => undefined);
    return next;
  }

  async finish(uploadId: string) {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.finished) return gone();
    await upload.queue;
    if (!this.uploads.has(uploadId)) return gone();
    if (upload.received !== upload.size) {
      await this.drop(upload);
      return refuse(`“${upload.name}” did not arrive whole. Attach it again.`);
    }
    await upload.handle?.close();
    upload.handle = null;
    upload.finished = true;
    upload.lastActive = this.now();
    const { fileId, name, type, size } = upload;
    return { ok: true as const, file: { fileId, name, type, size } };
  }

  async cancel(uploadId: string): Promise<void> {
    const upload = this.uploads.get(uploadId);
    if (upload) await this.drop(upload);
  }

  /**
   * Hands a finished upload of `purpose` to its feature, which reads it and calls `release`.
   * Null when there is no such finished upload.
   */
  take(fileId: string, purpose: UploadPurpose): TakenUpload | null {
    const upload = this.uploads.get(fileId);
    if (!upload?.finished || upload.purpose !== purpose) return null;
    this.uploads.delete(fileId);
    const { name, type, size, path } = upload;
    return { fileId, name, type, size, path, release: () => rm(path, { force: true }) };
  }

  async dispose(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.uploads.values()].map((upload) => this.drop(upload)));
  }

  private async write(upload: Upload, offset: number, data: string) {
    if (!this.uploads.has(upload.fileId)) return gone();
    if (offset !== upload.received) return refuse(`Part of “${upload.name}” was lost on the way. Attach it again.`);
    const bytes = Buffer.from(data, 'base64');
    if (upload.received + bytes.length > upload.size) {
      await this.drop(upload);
      return refuse(`“${upload.name}” is larger than it said. Attach it again.`);
    }
    try {
      await upload.handle!.write(bytes, 0, bytes.length, offset);
    } catch (error) {
      this.logger.warn('upload write failed', errorFields(error));
      await this.drop(upload);
      return refuse(`“${upload.name}” could not be saved. Check that the disk has room, then attach it again.`);
    }
    upload.received += bytes.length;
    upload.lastActive = this.now();
    return { ok: true as const, received: upload.received };
  }

  private async drop(upload: Upload): Promise<void> {
    this.uploads.delete(upload.fileId);
    try {
      await upload.handle?.close();
    } catch {
      // Closing a handle whose write failed may fail too; the file is removed either way.
    }
    upload.handle = null;
    await rm(upload.path, { force: true });
  }

  private async sweep(): Promise<void> {
    const idleSince = this.now() - IDLE_MS;
    const idle = [...this.uploads.values()].filter((upload) => upload.lastActive < idleSince);
    await Promise.all(idle.map((upload) => this.drop(upload)));
  }
}

function refuse(error: string): Refusal {
  return { ok: false, error };
}

function gone(): Refusal {
  return refuse('That upload is no longer there (cancelled, or left too long). Attach the file again.');
}
