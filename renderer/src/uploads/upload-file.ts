// Sends a File (Attach button, paste, drop, an export to import) to main in 512 KiB chunks, since a
// WebSocket frame is capped at 1 MiB and IPC messages stay small. Progress is reported per chunk;
// aborting the signal cancels the upload and main removes what had arrived.
import type { AideApi } from '../../../common/contract';
import { UPLOAD_CHUNK_BYTES, type UploadedFile, type UploadPurpose } from '../../../common/upload-contract';

/** Main refused the file or lost it; `message` is a sentence for the user. */
export class UploadError extends Error {
  override name = 'UploadError';
}

export interface UploadOptions {
  purpose?: UploadPurpose;
  /** Called after each chunk with the bytes sent so far and the file's size. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

type Uploader = Pick<AideApi, 'beginUpload' | 'uploadChunk' | 'finishUpload' | 'cancelUpload'>;

export async function uploadFile(api: Uploader, file: File, options: UploadOptions = {}): Promise<UploadedFile> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const begun = await api.beginUpload({
    name: file.name || 'pasted file',
    size: file.size,
    type: file.type,
    purpose: options.purpose ?? 'attachment',
  });
  if (!begun.ok) throw new UploadError(begun.error);
  const { uploadId } = begun;
  try {
    for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
      signal?.throwIfAborted();
      const bytes = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer());
      const sent = await api.uploadChunk({ uploadId, offset, data: toBase64(bytes) });
      if (!sent.ok) throw new UploadError(sent.error);
      onProgress?.(sent.received, file.size);
    }
    signal?.throwIfAborted();
    const finished = await api.finishUpload({ uploadId });
    if (!finished.ok) throw new UploadError(finished.error);
    onProgress?.(file.size, file.size);
    return finished.file;
  } catch (error) {
    // Main keeps nothing of an upload that will not finish.
    await api.cancelUpload({ uploadId }).catch(() => undefined);
    throw error;
  }
}

/** btoa takes a "binary string"; built in slices, since one call with 512 K arguments overflows the stack. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const STEP = 0x8000;
  for (let i = 0; i < bytes.length; i += STEP) binary += String.fromCharCode(...bytes.subarray(i, i + STEP));
  return btoa(binary);
}
