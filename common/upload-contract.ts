// Files from the window to main in pieces: a WebSocket frame is capped at 1 MiB and IPC messages
// stay small, so a file goes as base64 chunks into a temp file main owns. Attachments and imports
// (conversations, calendars) take a finished upload by its fileId. Joined into the one operation list in contract.ts.
import { z } from 'zod';

/** Bytes per chunk; its base64 is ~683 KiB, well under the WebSocket's 1 MiB frame. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;
const CHUNK_BASE64_CHARS = Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4;

/** What a file is uploaded for; each has its own size limit. */
export const UploadPurpose = z.enum(['attachment', 'import', 'calendar']);
export type UploadPurpose = z.output<typeof UploadPurpose>;

const MiB = 1024 * 1024;
/** The largest file each purpose takes (attachments have per-kind limits within this). */
export const UPLOAD_LIMITS: Record<UploadPurpose, number> = {
  attachment: 30 * MiB,
  import: 2048 * MiB,
  calendar: 20 * MiB,
};

const UploadId = z.string().min(1).max(100);

/** A finished upload, waiting for the feature that takes it (an attachment, an import). */
export const UploadedFile = z.object({
  fileId: UploadId,
  name: z.string(),
  type: z.string(),
  size: z.number().int().nonnegative(),
});
export type UploadedFile = z.output<typeof UploadedFile>;

/** `error` is a sentence for the user (too large, upload gone…). */
const refused = z.object({ ok: z.literal(false), error: z.string() });

export const uploadOperations = {
  /** Refuses a file over its purpose's limit before any byte is sent. */
  beginUpload: {
    request: z.object({
      name: z.string().trim().min(1).max(255),
      size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      type: z.string().max(200),
      purpose: UploadPurpose,
    }),
    response: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), uploadId: UploadId }), refused]),
  },
  /** The next piece: `offset` must be where the previous one ended. */
  uploadChunk: {
    request: z.object({
      uploadId: UploadId,
      offset: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      data: z.base64().min(1).max(CHUNK_BASE64_CHARS),
    }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), received: z.number().int().nonnegative() }),
      refused,
    ]),
  },
  /** Every byte arrived: the file is handed over as `fileId`. */
  finishUpload: {
    request: z.object({ uploadId: UploadId }),
    response: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), file: UploadedFile }), refused]),
  },
  /** Drops an upload (finished or not) and its temp file; unknown ids are ignored. */
  cancelUpload: { request: z.object({ uploadId: UploadId }), response: z.void() },
} as const;
