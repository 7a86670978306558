// Importing and exporting through the contract as the window does: an export file uploaded to
// core in 512 KiB chunks (the shared upload), then imported (waiting for the summary event); an export read back in
// chunks. Through `dispatch`, so every request is parsed as an edge would.
import { open } from 'node:fs/promises';
import type { ImportSummary } from '../../common/conversation-transfer-contract';
import { UPLOAD_CHUNK_BYTES } from '../../common/upload-contract';
import type { Request, Response } from '../../common/contract';
import type { Harness } from './core-harness';

type Dispatch = Harness['core']['dispatch'];

/** Uploads bytes through the shared chunked upload (purpose 'import'); returns the finished file's id. */
export async function uploadFile(dispatch: Dispatch, bytes: Uint8Array, name = 'conversations.json'): Promise<string> {
  const begun = (await dispatch('beginUpload', {
    name,
    size: bytes.length,
    type: '',
    purpose: 'import',
  })) as Response<'beginUpload'>;
  if (!begun.ok) throw new Error(begun.error);
  for (let offset = 0; offset < bytes.length; offset += UPLOAD_CHUNK_BYTES) {
    const data = Buffer.from(bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES)).toString('base64');
    await dispatch('uploadChunk', { uploadId: begun.uploadId, offset, data });
  }
  return finish(dispatch, begun.uploadId);
}

async function finish(dispatch: Dispatch, uploadId: string): Promise<string> {
  const finished = (await dispatch('finishUpload', { uploadId })) as Response<'finishUpload'>;
  if (!finished.ok) throw new Error(finished.error);
  return finished.file.fileId;
}

/** Uploads a file from disk a chunk at a time (a big export is never whole in the test's memory). */
export async function uploadFromDisk(dispatch: Dispatch, file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const begun = (await dispatch('beginUpload', {
      name: 'conversations.json',
      size,
      type: '',
      purpose: 'import',
    })) as Response<'beginUpload'>;
    if (!begun.ok) throw new Error(begun.error);
    const buffer = Buffer.alloc(UPLOAD_CHUNK_BYTES);
    for (let offset = 0; offset < size; offset += UPLOAD_CHUNK_BYTES) {
      const { bytesRead } = await handle.read(buffer, 0, UPLOAD_CHUNK_BYTES, offset);
      await dispatch('uploadChunk', {
        uploadId: begun.uploadId,
        offset,
        data: buffer.subarray(0, bytesRead).toString('base64'),
      });
    }
    return finish(dispatch, begun.uploadId);
  } finally {
    await handle.close();
  }
}

/** Starts importing an upload; resolves with its id. */
export async function startImport(h: Harness, fileId: string): Promise<string> {
  const { importId } = (await h.core.dispatch('importConversations', { fileId })) as Response<'importConversations'>;
  return importId;
}

export async function importBytes(h: Harness, bytes: Uint8Array, timeoutMs = 20_000): Promise<ImportSummary> {
  const fileId = await uploadFile(h.core.dispatch, bytes);
  const { importId } = (await h.core.dispatch('importConversations', { fileId })) as Response<'importConversations'>;
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
