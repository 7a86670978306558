// Turning a finished upload into an attachment, a picture's thumbnail for the chat, and the table
// of models that can see pictures.
import type { Handlers } from '../core-types';
import type { UploadStore } from '../uploads/upload-store';
import type { AttachmentStore } from './attachment-store';
import type { VisionCapabilities } from './vision-table';

export interface AttachmentsFeature {
  attachments: AttachmentStore;
  uploads: UploadStore;
  vision: VisionCapabilities;
}

export function attachmentOperations({ attachments, uploads, vision }: AttachmentsFeature) {
  return {
    async addAttachment({ fileId }) {
      const upload = uploads.take(fileId, 'attachment');
      if (!upload) return { ok: false, error: 'That file is no longer there. Attach it again.' };
      try {
        return await attachments.add(upload.path, upload.name, upload.type, upload.size);
      } finally {
        await upload.release();
      }
    },
    getAttachment: ({ id }) => attachments.thumbnail(id),
    getVisionTable: async () => vision.get(),
    setVisionTable: async (table) => vision.set(table),
  } satisfies Partial<Handlers>;
}
