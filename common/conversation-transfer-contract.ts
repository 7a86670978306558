// Conversations in and out: importing ChatGPT and Claude exports, exporting one conversation or
// all of them. Joined into the one operation list in contract.ts.
//
// Files travel in chunks (a WebSocket frame is capped at 1 MiB): an export file comes in through
// the shared upload (upload-contract.ts, purpose 'import'), and an export goes out the same way
// (exportConversations, then read its chunks).
import { z } from 'zod';

/** The largest export file Aide imports. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024 * 1024;
/** Bytes per chunk, either way (sent as base64, about 700,000 characters). */
export const TRANSFER_CHUNK_BYTES = 512 * 1024;
const MAX_CHUNK_CHARS = Math.ceil(TRANSFER_CHUNK_BYTES / 3) * 4;

const TransferId = z.string().min(1).max(100);
const Base64 = z
  .string()
  .max(MAX_CHUNK_CHARS)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64.');

export const ImportSummary = z.object({
  imported: z.number().int().nonnegative(),
  /** Already imported before, so not stored again. */
  duplicates: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  /** Why entries were skipped, most frequent first. */
  reasons: z.array(z.object({ reason: z.string(), count: z.number().int().positive() })),
  cancelled: z.boolean(),
  /** Why the file could not be read to its end; what came before stays imported. */
  error: z.string().nullable(),
  /** All of it in one line: "1,204 imported, 3 skipped: no messages (2), nested too deeply (1)." */
  text: z.string(),
});
export type ImportSummary = z.output<typeof ImportSummary>;

export const conversationTransferOperations = {
  /** Starts importing a finished upload (purpose 'import'); progress and the summary arrive as events. */
  importConversations: {
    request: z.object({ fileId: TransferId }),
    response: z.object({ importId: z.string() }),
  },
  /** Stops an import; what was imported stays. Unknown ids are ignored. */
  cancelConversationImport: { request: z.object({ importId: TransferId }), response: z.void() },
  /** Writes an export into core's temp area; read it with readConversationExport. */
  exportConversations: {
    request: z.discriminatedUnion('scope', [
      z.object({
        scope: z.literal('conversation'),
        conversationId: z.string().min(1).max(100),
        format: z.enum(['markdown', 'json']),
      }),
      z.object({ scope: z.literal('all') }),
    ]),
    response: z.object({
      exportId: z.string(),
      filename: z.string(),
      mimeType: z.string(),
      size: z.number().int().nonnegative(),
    }),
  },
  /** A chunk of an export from `offset`; the file is removed once its last chunk was read. */
  readConversationExport: {
    request: z.object({ exportId: TransferId, offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
    response: z.object({ data: z.string(), done: z.boolean() }),
  },
} as const;

export const conversationTransferEvents = {
  conversationImportProgress: z.object({
    importId: z.string(),
    bytesRead: z.number().int().nonnegative(),
    totalBytes: z.number().int().nonnegative(),
    imported: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
  }),
  conversationImportFinished: z.object({ importId: z.string(), summary: ImportSummary }),
} as const;
