// The operations behind `Import conversations`, `Export conversation` and `Export all`: files in
// and out through the temp area in chunks, one import at a time in the background with progress
// events and a summary, exports written to a file and read back in chunks.
import { randomUUID } from 'node:crypto';
import type { AttachmentStore } from '../../attachments/attachment-store';
import type { Handlers } from '../../core-types';
import type { Emit } from '../../event-bus';
import { errorFields } from '../../logger';
import type { Clock, Logger } from '../../ports';
import type { UploadStore } from '../../uploads/upload-store';
import type { ConversationStore } from '../conversation-store';
import { writeAllConversations, writeConversation } from './conversation-export';
import { importFile, summaryText, type ImportProgress } from './conversation-import';
import { ImportLedger } from './import-ledger';
import { TransferFiles } from './transfer-files';

export interface TransferFeature {
  conversations: ConversationStore;
  uploads: UploadStore;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  emit: Emit;
  /** Pictures and documents go out with Export all and come back in with an import. */
  attachments?: AttachmentStore;
}

/** Progress events at most this often (the bar moves smoothly; the socket is not flooded). */
const PROGRESS_EVERY_MS = 100;

/** An export is a .zip or a .json; anything else is refused before a byte is sent. */
export function screenImport({ name }: { name: string }): string | null {
  return /\.(zip|json)$/i.test(name)
    ? null
    : `“${name}” is not an export Aide reads: choose ChatGPT's or Claude's .zip, or their conversations.json.`;
}

export function transferOperations(feature: TransferFeature) {
  const { conversations, uploads, dataDir, clock, logger, emit, attachments } = feature;
  uploads.screen('import', screenImport);
  const files = new TransferFiles(dataDir);
  const ledger = new ImportLedger(dataDir);
  const running = new Map<string, AbortController>();

  const runImport = async (importId: string, file: string, release: () => Promise<void>, signal: AbortSignal) => {
    let last = 0;
    let latest: ImportProgress | null = null;
    const onProgress = (progress: ImportProgress) => {
      latest = progress;
      if (Date.now() - last < PROGRESS_EVERY_MS) return;
      last = Date.now();
      emit('conversationImportProgress', { importId, ...progress });
    };
    try {
      const summary = await importFile(file, {
        store: conversations,
        ledger,
        now: () => clock.now(),
        signal,
        onProgress,
        ...(attachments && { attachments: { store: attachments, tempDir: files.dir } }),
      });
      running.delete(importId);
      await release();
      // The last step is always reported, however soon after the one before.
      if (latest) emit('conversationImportProgress', { importId, ...(latest as ImportProgress) });
      emit('conversationImportFinished', { importId, summary: { ...summary, text: summaryText(summary) } });
      if (summary.imported > 0) emit('conversationsChanged', conversations.list());
    } finally {
      running.delete(importId);
      await release();
    }
  };

  return {
    async importConversations({ fileId }) {
      if (running.size > 0) throw new Error('An import is already running; wait for it or cancel it.');
      const upload = uploads.take(fileId, 'import');
      if (!upload) throw new Error('That file is no longer here; choose it again.');
      const importId = randomUUID();
      const controller = new AbortController();
      running.set(importId, controller);
      void runImport(importId, upload.path, upload.release, controller.signal).catch((error: unknown) =>
        logger.error('conversation import failed', errorFields(error)),
      );
      return { importId };
    },
    async cancelConversationImport({ importId }) {
      running.get(importId)?.abort();
    },
    async exportConversations(request) {
      if (request.scope === 'all') {
        const { id, size } = await sentence(
          () =>
            files.addExport((file) => writeAllConversations(file, conversations, attachments).then(() => undefined)),
          logger,
        );
        const date = clock.now().toISOString().slice(0, 10);
        return { exportId: id, filename: `aide-conversations-${date}.zip`, mimeType: 'application/zip', size };
      }
      const conversation = await conversations.get(request.conversationId);
      if (!conversation) throw new Error('That conversation no longer exists.');
      const { format } = request;
      const { id, size } = await sentence(
        () => files.addExport((file) => writeConversation(file, conversation, format)),
        logger,
      );
      const extension = format === 'markdown' ? 'md' : 'json';
      const mimeType = format === 'markdown' ? 'text/markdown' : 'application/json';
      return { exportId: id, filename: `${fileNameOf(conversation.title)}.${extension}`, mimeType, size };
    },
    async readConversationExport({ exportId, offset }) {
      return sentence(() => files.readExport(exportId, offset), logger);
    },
  } satisfies Partial<Handlers>;
}

/** A title as a file name anywhere: letters, digits, spaces and dashes, at most 80 characters. */
export function fileNameOf(title: string): string {
  const name = Array.from(
    title
      .normalize('NFKC')
      .replace(/[^\p{L}\p{N} _-]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  )
    .slice(0, 80)
    .join('')
    .trim();
  return name === '' ? 'conversation' : name;
}

/** Errors Aide wrote for people pass through; anything else (fs) becomes a sentence, logged. */
async function sentence<T>(task: () => Promise<T>, logger: Logger): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (error instanceof Error && !('code' in error)) throw error;
    logger.warn('conversation transfer failed', errorFields(error));
    const full = (error as NodeJS.ErrnoException).code === 'ENOSPC';
    throw new Error(
      full ? 'The disk is full; free some space and try again.' : 'Aide could not write the file in its data folder.',
      { cause: error },
    );
  }
}
