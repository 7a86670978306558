// The files an imported conversation carries, stored before it is: ChatGPT's pictures added as
// the message's image attachments (prepared and stripped like any picture), Aide's attachments
// restored under the id their messages use. A file the export does not hold, or that is not what
// it says, leaves the message as it was (a ChatGPT picture then gets its placeholder line back).
import type { Attachment } from '../../../../common/attachment-contract';
import type { ChatMessage } from '../../../../common/contract';
import type { AttachmentStore } from '../../attachments/attachment-store';
import { PICTURE_PLACEHOLDER } from './chatgpt-format';
import type { ExportFiles } from './export-files';
import type { ImportedConversation } from './imported-conversation';

/** Stores the conversation's files; returns its messages as they are to be stored, and the ids to reference. */
export async function storeAttachments(
  conversation: ImportedConversation,
  files: ExportFiles,
  store: AttachmentStore,
): Promise<{ messages: ChatMessage[]; ids: string[] }> {
  const pictures = await chatGptPictures(conversation, files, store);
  const ids = new Set<string>();
  const messages: ChatMessage[] = [];
  for (const message of conversation.messages) {
    const added = pictures.get(message.id);
    const attachments = [...(message.attachments ?? []), ...(added?.attachments ?? [])];
    for (const attachment of attachments) if (await restored(attachment, files, store)) ids.add(attachment.id);
    const content = added?.missing
      ? [PICTURE_PLACEHOLDER, message.content].filter(Boolean).join('\n\n')
      : message.content;
    messages.push({ ...message, content, ...(attachments.length > 0 && { attachments }) });
  }
  return { messages, ids: [...ids] };
}

type Added = { attachments: Attachment[]; missing: boolean };

async function chatGptPictures(
  conversation: ImportedConversation,
  files: ExportFiles,
  store: AttachmentStore,
): Promise<Map<string, Added>> {
  const added = new Map<string, Added>();
  for (const { messageId, fileId } of conversation.pictures ?? []) {
    const entry = added.get(messageId) ?? { attachments: [], missing: false };
    added.set(messageId, entry);
    const file = files.chatgpt.get(fileId);
    const result = file ? await store.add(file.path, file.name, '') : null;
    if (result?.ok && result.attachment.kind === 'image') entry.attachments.push(result.attachment);
    else entry.missing = true;
  }
  return added;
}

/** True when the attachment is stored (already, or restored now from the export's copy). */
async function restored(attachment: Attachment, files: ExportFiles, store: AttachmentStore): Promise<boolean> {
  if (store.get(attachment.id)) return true;
  const file = files.aide.get(attachment.id);
  return file ? (await store.restore(attachment, file.path)).ok : false;
}
