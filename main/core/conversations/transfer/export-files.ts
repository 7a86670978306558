// The files an export's .zip carries beside conversations.json, read in a first pass so a
// conversation can take them whatever order the zip lists them in: Aide's own `attachments/<id>`
// entries and ChatGPT's pictures (`file-XXXX-name.png`, `file_XXXX.jpg`, top level or in a folder).
// Each is written to a temp file named by a counter; an entry's name is only matched, never a path.
import { createHash } from 'node:crypto';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { ATTACHMENT_LIMITS } from '../../../../common/attachment-contract';
import { UnreadableExportError } from './json-array-elements';
import { defaultZipLimits, isZip, type ZipLimits } from './zip-conversations';

export interface ExportFile {
  path: string;
  /** The name to show: the entry's file name without ChatGPT's id prefix. */
  name: string;
}

export interface ExportFiles {
  /** Aide attachments by their id (a SHA-256 in hex). */
  aide: Map<string, ExportFile>;
  /** ChatGPT pictures by their file id ("file-abc123", "file_00ab…"). */
  chatgpt: Map<string, ExportFile>;
}

const CHUNK_BYTES = 64 * 1024;
/** The largest file kept: the largest attachment Aide takes. */
const MAX_FILE_BYTES = Math.max(...Object.values(ATTACHMENT_LIMITS));
const AIDE_ENTRY = /^attachments\/([0-9a-f]{64})$/;
const CHATGPT_NAME = /^(file[-_][A-Za-z0-9]{1,100})(?:[-.](.{0,200}))?\.(png|jpe?g|webp|gif)$/i;

type Wanted = { kind: 'aide' | 'chatgpt'; key: string; name: string };

/** What an entry's name says it is, or null for anything else (and for any name that looks like a path trick). */
export function wantedEntry(name: string): Wanted | null {
  if (name.includes('..') || name.includes('\\') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return null;
  const aide = AIDE_ENTRY.exec(name);
  if (aide) return { kind: 'aide', key: aide[1]!, name: aide[1]! };
  const parts = name.split('/');
  if (parts.length > 3 || parts.some((part) => part === '')) return null;
  const base = parts.at(-1)!;
  const chatgpt = CHATGPT_NAME.exec(base);
  if (!chatgpt) return null;
  const rest = chatgpt[2] ? `${chatgpt[2]}.${chatgpt[3]}` : base;
  return { kind: 'chatgpt', key: chatgpt[1]!, name: rest };
}

export const noExportFiles = (): ExportFiles => ({ aide: new Map(), chatgpt: new Map() });

/**
 * Reads the zip at `file` for its attachment files into `dir`; a plain JSON file has none.
 * `onBytes` hears, for a zip only, the bytes read so far and the file's size after each chunk.
 */
export async function collectExportFiles(
  file: string,
  dir: string,
  signal: AbortSignal,
  onBytes: (read: number, total: number) => void = () => undefined,
  limits: ZipLimits = defaultZipLimits,
): Promise<ExportFiles> {
  const files = noExportFiles();
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(CHUNK_BYTES);
    const collector = new ZipFiles(limits);
    for (let read = 0; ;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, read);
      const chunk = new Uint8Array(buffer.subarray(0, bytesRead));
      if (read === 0 && !isZip(chunk)) return files;
      read += bytesRead;
      // A damaged or bomb-like zip stops this pass; reading conversations.json then says what is wrong.
      const failed = !collector.tryPush(chunk, bytesRead === 0);
      for (const done of collector.take()) await keep(files, dir, done);
      onBytes(read, size);
      if (failed) return files;
      if (bytesRead === 0 || signal.aborted) return files;
    }
  } finally {
    await handle.close();
  }
}

async function keep(files: ExportFiles, dir: string, done: Wanted & { bytes: Buffer }): Promise<void> {
  const map = files[done.kind];
  if (map.has(done.key)) return;
  // Aide's id is the SHA-256 of the file as first attached, not of these (prepared) bytes: kept as said.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, createHash('sha256').update(`${done.kind}:${done.key}`).digest('hex'));
  await writeFile(path, done.bytes, { mode: 0o600 });
  map.set(done.key, { path, name: done.name });
}

export const removeExportFiles = (dir: string): Promise<void> => rm(dir, { recursive: true, force: true });

/** fflate's streaming Unzip over the wanted entries, with the same limits as conversations.json's reader. */
class ZipFiles {
  private readonly unzip = new Unzip();
  private readonly done: (Wanted & { bytes: Buffer })[] = [];
  private entries = 0;
  private read = 0;
  private inflated = 0;
  private failure: Error | null = null;

  constructor(private readonly limits: ZipLimits) {
    this.unzip.register(UnzipInflate);
    this.unzip.onfile = (file) => this.onFile(file);
  }

  /** False once the zip cannot be read on. */
  tryPush(chunk: Uint8Array, final: boolean): boolean {
    this.read += chunk.length;
    try {
      this.unzip.push(chunk, final);
    } catch {
      this.failure ??= new UnreadableExportError('The zip file is damaged.');
    }
    return this.failure === null;
  }

  take(): (Wanted & { bytes: Buffer })[] {
    return this.done.splice(0);
  }

  private onFile(file: UnzipFile): void {
    if (++this.entries > this.limits.maxEntries) return this.fail('The zip file holds too many files.');
    const wanted = wantedEntry(file.name);
    if (!wanted || (file.compression !== 0 && file.compression !== 8)) return;
    if ((file.originalSize ?? 0) > MAX_FILE_BYTES) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, data, final) => {
      if (this.failure || size < 0) return;
      if (error) return this.fail('The zip file is damaged.');
      size += data.length;
      this.inflated += data.length;
      if (this.inflated > this.limits.maxInflatedBytes) return this.fail('The zip file is too large to import.');
      if (this.inflated > this.limits.ratioGrace + this.read * this.limits.maxRatio)
        return this.fail('The zip file expands far beyond its size (a zip bomb?) and was not imported.');
      // A file over Aide's limits is left out, and its bytes not kept.
      if (size > MAX_FILE_BYTES) {
        size = -1;
        chunks.length = 0;
        return file.terminate();
      }
      chunks.push(data);
      if (final) this.done.push({ ...wanted, bytes: Buffer.concat(chunks) });
    };
    file.start();
  }

  private fail(message: string): void {
    this.failure ??= new UnreadableExportError(message);
  }
}
