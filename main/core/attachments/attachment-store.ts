// Attachments on disk, content-addressed: each file is stored once under the SHA-256 of its bytes
// in <data>/attachments (pictures already scaled and stripped, PDFs with their text beside them),
// with an index of which conversations refer to it, so it goes when the last of them is deleted.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { Attachment, AttachmentId, AttachmentKind } from '../../../common/attachment-contract';
import type { StoreFactory } from '../core-options';
import { errorFields } from '../logger';
import type { Clock, Logger } from '../ports';
import { openCheckedStore } from '../storage/open-store';
import { detectKind, HEAD_BYTES, overLimit, unreadable, type Detected } from './attachment-kinds';
import { prepareImage, prepareRestoredImage } from './image-preparation';
import { MAX_TEXT_CHARS, pdfText } from './pdf-text';

const Entry = z.object({
  name: z.string(),
  type: z.string(),
  size: z.number().int().nonnegative(),
  kind: AttachmentKind,
  /** Conversations with a message that carries it. */
  refs: z.array(z.string()),
  addedAt: z.string(),
});
type Entry = z.output<typeof Entry>;
const IndexFile = z.object({ items: z.record(AttachmentId, Entry) });
type IndexFile = z.output<typeof IndexFile>;

export type Added = { ok: true; attachment: Attachment } | { ok: false; error: string };

/** The stored bytes, a picture's thumbnail, a PDF's text. */
const SUFFIXES = ['', '.thumb.webp', '.txt'] as const;
type Suffix = (typeof SUFFIXES)[number];

/** An attachment added but never sent is removed at the next start once it is this old. */
const UNSENT_KEEP_MS = 60 * 60_000;

export class AttachmentStore {
  private readonly dir: string;
  private readonly write: (data: IndexFile) => void;
  private readonly items: Record<string, Entry>;
  readonly notice: string | null;

  constructor(
    openStore: StoreFactory,
    dataDir: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.dir = join(dataDir, 'attachments');
    const opened = openCheckedStore(
      openStore,
      { name: 'index', cwd: this.dir, defaults: { items: {} }, projectVersion: '1.0.0', migrations: {} },
      IndexFile,
    );
    this.write = opened.write;
    this.notice = opened.notice;
    this.items = Object.assign(Object.create(null) as Record<string, Entry>, opened.data.items);
  }

  /** Removes attachments added but never sent (the window was closed with them in the composer). */
  async start(): Promise<void> {
    const before = this.clock.now().getTime() - UNSENT_KEEP_MS;
    const unsent = Object.keys(this.items).filter(
      (id) => this.items[id]!.refs.length === 0 && Date.parse(this.items[id]!.addedAt) < before,
    );
    await this.remove(unsent);
  }

  /**
   * Stores the file at `path` (not removed) as an attachment named `name`: its kind read from its
   * bytes, refused in words when Aide cannot read it or it is over its kind's limit.
   */
  async add(path: string, name: string, declaredType: string, size?: number): Promise<Added> {
    const checked = await this.check(path, name, declaredType, size);
    if (!checked.ok) return checked;
    return this.keep(await sha256Of(path), path, name, checked.detected, checked.size);
  }

  /**
   * An attachment from Aide's own export, kept under the id it had so its messages still refer to
   * it; checked like any other file (a picture with metadata or too large is prepared again).
   */
  async restore(attachment: Attachment, path: string): Promise<Added> {
    const { id, name, type, kind } = attachment;
    if (!AttachmentId.safeParse(id).success) return { ok: false, error: notReadable(name, kind) };
    const checked = await this.check(path, name, type);
    if (!checked.ok) return checked;
    if (checked.detected.kind !== kind) return { ok: false, error: notReadable(name, kind) };
    return this.keep(id, path, name, checked.detected, attachment.size, true);
  }

  private async check(path: string, name: string, declaredType: string, size?: number) {
    const detected = detectKind(await head(path), name, declaredType);
    if (!detected) return { ok: false as const, error: unreadable(name) };
    const bytes = size ?? (await stat(path)).size;
    const tooLarge = overLimit(name, detected.kind, bytes);
    if (tooLarge) return { ok: false as const, error: tooLarge };
    return { ok: true as const, detected, size: bytes };
  }

  /** Stores the file under `id` unless it is already stored (then only its name is updated). */
  private async keep(
    id: string,
    path: string,
    name: string,
    detected: Detected,
    size: number,
    restored = false,
  ): Promise<Added> {
    const known = this.items[id];
    if (known) {
      this.save(id, { ...known, name });
      return { ok: true, attachment: this.get(id)! };
    }
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      const type = await this.prepare(id, path, detected, restored);
      this.save(id, { name, type, size, kind: detected.kind, refs: [], addedAt: this.clock.now().toISOString() });
      return { ok: true, attachment: this.get(id)! };
    } catch (error) {
      this.logger.warn('attachment not stored', { kind: detected.kind, ...errorFields(error) });
      for (const suffix of SUFFIXES) await rm(this.file(id, suffix), { force: true });
      return { ok: false, error: notReadable(name, detected.kind) };
    }
  }

  get(id: string): Attachment | null {
    const entry = this.items[id];
    if (!entry || !AttachmentId.safeParse(id).success) return null;
    const { name, type, size, kind } = entry;
    return { id, name, type, size, kind };
  }

  /** The picture's thumbnail as base64, or null (not a picture, or unknown). */
  async thumbnail(id: string): Promise<{ type: string; data: string } | null> {
    if (this.get(id)?.kind !== 'image') return null;
    const bytes = await readFile(this.file(id, '.thumb.webp')).catch(() => null);
    return bytes && { type: 'image/webp', data: bytes.toString('base64') };
  }

  /** The stored bytes (a picture as prepared for the model; a PDF or text file as attached). */
  async bytes(id: string): Promise<Buffer | null> {
    if (!this.get(id)) return null;
    return readFile(this.file(id, '')).catch(() => null);
  }

  /** The text the model reads of a PDF or text file, up to MAX_TEXT_CHARS, or null. */
  async text(id: string): Promise<string | null> {
    const kind = this.get(id)?.kind;
    if (kind === 'pdf') return readFile(this.file(id, '.txt'), 'utf8').catch(() => null);
    if (kind !== 'text') return null;
    const bytes = await readFile(this.file(id, '')).catch(() => null);
    return (
      bytes &&
      bytes
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .slice(0, MAX_TEXT_CHARS)
    );
  }

  /** Records that a message of `conversationId` carries these attachments. */
  reference(conversationId: string, ids: string[]): void {
    for (const id of new Set(ids)) {
      const entry = this.items[id];
      if (entry && !entry.refs.includes(conversationId))
        this.save(id, { ...entry, refs: [...entry.refs, conversationId] });
    }
  }

  /** The conversation is gone: its attachments go too, unless another conversation still carries them. */
  async forget(conversationId: string): Promise<void> {
    const orphaned: string[] = [];
    for (const [id, entry] of Object.entries(this.items)) {
      if (!entry.refs.includes(conversationId)) continue;
      const refs = entry.refs.filter((ref) => ref !== conversationId);
      if (refs.length === 0) orphaned.push(id);
      else this.save(id, { ...entry, refs });
    }
    await this.remove(orphaned);
  }

  /** Writes what the model is sent and what the chat shows; returns the stored type. */
  private async prepare(id: string, path: string, detected: Detected, restored: boolean): Promise<string> {
    if (detected.kind === 'image') {
      const image = await (restored ? prepareRestoredImage : prepareImage)(path, detected.type);
      await this.put(id, '.thumb.webp', image.thumbnail);
      await this.put(id, '', image.bytes);
      return image.type;
    }
    if (detected.kind === 'pdf') {
      const { text, pages, cut } = await pdfText(path);
      const note = cut ? `\n\n[Only the start of this ${pages}-page PDF is included.]` : '';
      await this.put(id, '.txt', Buffer.from(`${text}${note}`));
    } else {
      const bytes = await readFile(path);
      // Only UTF-8 without NUL is text; anything else would reach the model as noise.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      if (bytes.includes(0)) throw new Error('NUL byte in a text file');
    }
    await this.put(id, '', await readFile(path));
    return detected.type;
  }

  /** Written beside, then renamed: a crash never leaves half a file under the final name. */
  private async put(id: string, suffix: Suffix, bytes: Buffer): Promise<void> {
    const target = this.file(id, suffix);
    await writeFile(`${target}.tmp`, bytes, { mode: 0o600 });
    await rename(`${target}.tmp`, target);
  }

  private save(id: string, entry: Entry): void {
    this.items[id] = entry;
    this.write({ items: { ...this.items } });
  }

  private async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const id of ids) delete this.items[id];
    this.write({ items: { ...this.items } });
    for (const id of ids) for (const suffix of SUFFIXES) await rm(this.file(id, suffix), { force: true });
  }

  /** Only a SHA-256 in hex names a file here: nothing a message or an import says can reach another path. */
  private file(id: string, suffix: Suffix): string {
    if (!AttachmentId.safeParse(id).success) throw new Error('Invalid attachment id.');
    return join(this.dir, `${id}${suffix}`);
  }
}

async function head(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function notReadable(name: string, kind: AttachmentKind): string {
  if (kind === 'image') return `“${name}” could not be read as a picture; it may be damaged.`;
  if (kind === 'pdf') return `“${name}” could not be read as a PDF; it may be damaged or password-protected.`;
  return `“${name}” is not plain text (UTF-8). Save it as UTF-8 text, or attach it as a PDF.`;
}
