// What a file is, read from its first bytes (never from its name, which anyone can change) for
// pictures and PDFs; text by its declared type or extension, then checked to be UTF-8 without NUL.
import { extname } from 'node:path';
import { ATTACHMENT_LIMITS, type AttachmentKind } from '../../../common/attachment-contract';
import { formatSize } from '../../../common/file-size';

/** The picture formats models take, by their signatures. */
const IMAGE_SIGNATURES: readonly { type: string; matches: (head: Buffer) => boolean }[] = [
  {
    type: 'image/png',
    matches: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: 'image/jpeg', matches: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  { type: 'image/gif', matches: (h) => ['GIF87a', 'GIF89a'].includes(h.toString('latin1', 0, 6)) },
  {
    type: 'image/webp',
    matches: (h) => h.toString('latin1', 0, 4) === 'RIFF' && h.toString('latin1', 8, 12) === 'WEBP',
  },
];

/** Bytes enough to tell every signature above (and "%PDF-", which may follow a little junk). */
export const HEAD_BYTES = 1024;

const TEXT_EXTENSIONS = new Set(
  (
    '.txt .md .markdown .csv .tsv .json .jsonl .xml .yaml .yml .toml .ini .log .html .htm .css .js .mjs .cjs .ts ' +
    '.tsx .jsx .py .rb .go .rs .java .kt .c .h .cpp .hpp .cs .swift .php .sh .bash .zsh .sql .r .lua .pl .tex .rst ' +
    '.srt .vtt .ics .env .conf .cfg .diff .patch'
  ).split(' '),
);
const TEXT_TYPES = /^(text\/|application\/(json|xml|x-yaml|yaml|toml|javascript|x-sh|sql|x-ndjson)\b)/;

export interface Detected {
  kind: AttachmentKind;
  /** The MIME type the bytes say (for text: text/plain unless declared more precisely). */
  type: string;
}

/** The kind of a file from its first bytes and, for text, its declared type or name; null when Aide cannot read it. */
export function detectKind(head: Buffer, name: string, declaredType: string): Detected | null {
  const image = IMAGE_SIGNATURES.find((s) => s.matches(head));
  if (image) return { kind: 'image', type: image.type };
  // PDF readers accept the header anywhere in the first 1024 bytes.
  if (head.indexOf('%PDF-', 0, 'latin1') !== -1) return { kind: 'pdf', type: 'application/pdf' };
  if (looksLikeText(name, declaredType)) {
    return { kind: 'text', type: declaredType.startsWith('text/') ? declaredType.split(';')[0]! : 'text/plain' };
  }
  return null;
}

/** The kind a file says it is (before any byte is read), for refusing an oversize one at once. */
export function declaredKind(name: string, type: string): AttachmentKind | null {
  if (/^image\/(png|jpeg|webp|gif)$/.test(type) || /\.(png|jpe?g|webp|gif)$/i.test(name)) return 'image';
  if (type === 'application/pdf' || /\.pdf$/i.test(name)) return 'pdf';
  if (looksLikeText(name, type)) return 'text';
  return null;
}

function looksLikeText(name: string, type: string): boolean {
  return TEXT_TYPES.test(type) || TEXT_EXTENSIONS.has(extname(name).toLowerCase());
}

const KIND_WORDS: Record<AttachmentKind, string> = { image: 'Pictures', pdf: 'PDFs', text: 'Text files' };

/** A sentence refusing a file over its kind's limit, or null when it fits. */
export function overLimit(name: string, kind: AttachmentKind, size: number): string | null {
  const limit = ATTACHMENT_LIMITS[kind];
  if (size <= limit) return null;
  return `“${name}” is ${formatSize(size)}. ${KIND_WORDS[kind]} can be up to ${formatSize(limit)}.`;
}

export function unreadable(name: string): string {
  return `Aide can read pictures (PNG, JPEG, WebP, GIF), PDFs and text files; “${name}” is none of these.`;
}

/** The upload screen for attachments: refuses an unknown kind or an oversize file before any byte. */
export function screenAttachment({ name, type, size }: { name: string; type: string; size: number }): string | null {
  const kind = declaredKind(name, type);
  // A file named oddly may still be a picture or a PDF by its bytes: only a known kind is screened by size.
  return kind === null ? null : overLimit(name, kind, size);
}
