// The chunked upload operations: begin, send chunks, finish, cancel.
import type { Handlers } from '../core-types';
import type { UploadStore } from './upload-store';

export function uploadOperations(uploads: UploadStore) {
  return {
    beginUpload: (request) => uploads.begin(request),
    uploadChunk: ({ uploadId, offset, data }) => uploads.chunk(uploadId, offset, data),
    finishUpload: ({ uploadId }) => uploads.finish(uploadId),
    cancelUpload: ({ uploadId }) => uploads.cancel(uploadId),
  } satisfies Partial<Handlers>;
}
