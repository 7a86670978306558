// Attachments: pictures, PDFs and text files shown to the model with a message, and the table of
// which models can see pictures. Joined into the one operation list in contract.ts.
import { z } from 'zod';

const MiB = 1024 * 1024;
/** The largest file of each kind Aide takes, checked before the whole file is read. */
export const ATTACHMENT_LIMITS = { image: 20 * MiB, pdf: 30 * MiB, text: 2 * MiB } as const;
/** Attachments one message may carry. */
export const MAX_ATTACHMENTS = 10;

export const AttachmentKind = z.enum(['image', 'text', 'pdf']);
export type AttachmentKind = z.output<typeof AttachmentKind>;

/** An attachment's id is the SHA-256 of the file's bytes: the same file is stored once. */
export const AttachmentId = z.string().regex(/^[0-9a-f]{64}$/);

/** An attachment as a message refers to it. */
export const Attachment = z.object({
  id: AttachmentId,
  name: z.string(),
  /** The MIME type as stored ("image/jpeg"). */
  type: z.string(),
  /** The size of the file as attached, in bytes. */
  size: z.number().int().nonnegative(),
  kind: AttachmentKind,
});
export type Attachment = z.output<typeof Attachment>;

/**
 * Which models can see pictures: a model's name, or a prefix ending in "*" ("gpt-4o*"); the
 * exact name wins, then the longest prefix. A model the table does not know may be tried.
 */
export const VisionTable = z.record(z.string().trim().min(1).max(200), z.boolean());
export type VisionTable = z.output<typeof VisionTable>;

const refused = z.object({ ok: z.literal(false), error: z.string() });

export const attachmentOperations = {
  /** Takes a finished upload: checks its kind by its bytes, prepares it and stores it by its hash. */
  addAttachment: {
    request: z.object({ fileId: z.string().min(1).max(100) }),
    response: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), attachment: Attachment }), refused]),
  },
  /** A picture's thumbnail (base64, at most 320 px a side) for the chat; null for other kinds or unknown ids. */
  getAttachment: {
    request: z.object({ id: AttachmentId }),
    response: z.object({ type: z.string(), data: z.string() }).nullable(),
  },
  getVisionTable: { request: z.void(), response: VisionTable },
  /** Replaces the user's table (the shipped one is the default). */
  setVisionTable: { request: VisionTable, response: VisionTable },
} as const;
