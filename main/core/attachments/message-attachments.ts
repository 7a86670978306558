// The attachments a message is sent with, checked before anything is stored: each must still be
// stored, and pictures go only to a model not known to be blind to them.
import type { Attachment } from '../../../common/attachment-contract';
import type { AttachmentStore } from './attachment-store';
import type { VisionCapabilities } from './vision-table';

export function attachmentsToSend(
  ports: { attachments?: AttachmentStore | undefined; vision?: VisionCapabilities | undefined },
  model: string,
  ids: readonly string[],
): Attachment[] {
  if (ids.length === 0) return [];
  const found = [...new Set(ids)].map((id) => ports.attachments?.get(id) ?? null);
  if (found.includes(null)) {
    throw new Error('An attached file is no longer stored. Remove it and attach it again.');
  }
  const attachments = found as Attachment[];
  const picture = attachments.find((a) => a.kind === 'image');
  if (picture && ports.vision?.canSee(model) === false) {
    throw new Error(
      `The model “${model}” cannot see pictures, so “${picture.name}” was not sent. Choose a model that can (for example gpt-4o-mini) for this conversation or in Settings, or remove the picture. Settings → Model capabilities says which models see pictures.`,
    );
  }
  return attachments;
}
