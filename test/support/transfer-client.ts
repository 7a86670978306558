// Importing and exporting through the contract as the window does: an export file uploaded to
// core in 512 KiB chunks, then imported (waiting for the summary event); an export read back in
// chunks. Through `dispatch`, so every request is parsed as an edge would.
import { open } from 'node:fs/promises';
import { TRANSFER_CHUNK_BYTES, type ImportSummary } from '../../common/conversation-transfer-contract';
import type { Request, Response } from '../../common/contract';
import type { Harness } from './core-harness';

type Dispatch = Harness['core']['dispatch'];

export async function uploadFile(dispatch: Dispatch, bytes: Uint8Array): Promise<string> {
  const { uploadId } = (await dispatch('beginConversationUpload', {
    size: bytes.length,
  })) as Response<'beginConversationUpload'>;
  for (let offset = 0; offset < bytes.length; offset += TRANSFER_CHUNK_BYTES) {
    const data = Buffer.from(bytes.subarray(offset, offset + TRANSFER_CHUNK_BYTES)).toString('base64');
    await dispatch('uploadConversationChunk', { uploadId, offset, data });
  }
  return uploadId;
}

/** Uploads a file from disk a chunk at a time (a big export is never whole in the test's memory). */
export async function uploadFromDisk(dispatch: Dispatch, file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const { uploadId } = (await dispatch('beginConversationUpload', { size })) as Response<'beginConversationUpload'>;
    const buffer = Buffer.alloc(TRANSFER_CHUNK_BYTES);
    for (let offset = 0; offset < size; offset += TRANSFER_CHUNK_BYTES) {
      const { bytesRead } = await handle.read(buffer, 0, TRANSFER_CHUNK_BYTES, offset);
      await dispatch('uploadConversationChunk', {
        uploadId,
        offset,
        data: buffer.subarray(0, bytesRead).toString('base64'),
      });
    }
    return uploadId;
  } finally {
    await handle.close();
  }
}

/** Starts importing an upload; resolves with its id. */
export async function startImport(h: Harness, uploadId: string): Promise<string> {
  const { importId } = (await h.core.dispatch('importConversations', { uploadId })) as Response<'importConversations'>;
  return importId;
}

export async function importBytes(h: Harness, bytes: Uint8Array, timeoutMs = 20_000): Promise<ImportSummary> {
  const uploadId = await uploadFile(h.core.dispatch, bytes);
  const { importId } = (await h.core.dispatch('importConversations', { uploadId })) as Response<'importConversations'>;
  const { summary } = await h.waitFor('conversationImportFinished', (e) => e.importId === importId, timeoutMs);
  return summary;
}

export async function exportBytes(
  h: Harness,
  request: Request<'exportConversations'>,
): Promise<{ filename: string; mimeType: string; bytes: Buffer }> {
  const started = (await h.core.dispatch('exportConversations', request)) as Response<'exportConversations'>;
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const chunk = (await h.core.dispatch('readConversationExport', {
      exportId: started.exportId,
      offset,
    })) as Response<'readConversationExport'>;
    const bytes = Buffer.from(chunk.data, 'base64');
    parts.push(bytes);
    offset += bytes.length;
    if (chunk.done) break;
  }
  const bytes = Buffer.concat(parts);
  if (bytes.length !== started.size) throw new Error(`export said ${started.size} bytes, read ${bytes.length}`);
  return { filename: started.filename, mimeType: started.mimeType, bytes };
}
