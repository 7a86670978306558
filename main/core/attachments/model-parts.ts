// What the model is sent of a message's attachments: pictures as image_url parts (data URLs of the
// prepared picture), PDFs and text files as text parts naming the file. A model known not to see
// pictures gets a line saying one was left out, so an older picture never makes a request fail.
import type { ChatCompletionContentPart } from 'openai/resources/chat/completions';
import type { Attachment } from '../../../common/attachment-contract';
import type { ChatMessage } from '../../../common/contract';
import type { AttachmentStore } from './attachment-store';

export type Parts = Map<string, ChatCompletionContentPart[]>;

/** The parts of every message with attachments, by message id. */
export async function attachmentParts(
  store: AttachmentStore,
  messages: readonly ChatMessage[],
  canSee: boolean | null,
): Promise<Parts> {
  const parts: Parts = new Map();
  for (const message of messages) {
    if (message.role !== 'user' || !message.attachments?.length) continue;
    const list: ChatCompletionContentPart[] = [];
    for (const attachment of message.attachments) list.push(await partOf(store, attachment, canSee));
    parts.set(message.id, list);
  }
  return parts;
}

async function partOf(
  store: AttachmentStore,
  attachment: Attachment,
  canSee: boolean | null,
): Promise<ChatCompletionContentPart> {
  const { id, name, kind } = attachment;
  if (kind === 'image') {
    // The type Aide stored it as, not what a (possibly imported) message line says.
    const stored = store.get(id);
    const bytes = canSee === false || stored?.kind !== 'image' ? null : await store.bytes(id);
    if (bytes)
      return { type: 'image_url', image_url: { url: `data:${stored!.type};base64,${bytes.toString('base64')}` } };
    const why = canSee === false ? 'this model cannot see pictures' : 'it is no longer stored';
    return { type: 'text', text: `[The picture “${name}” was attached but is not shown: ${why}.]` };
  }
  const text = await store.text(id);
  if (text === null) return { type: 'text', text: `[The file “${name}” was attached but is no longer stored.]` };
  const what = kind === 'pdf' ? 'PDF, its text' : 'text file';
  return { type: 'text', text: `Attached file “${name}” (${what}):\n\n${text}\n\n[End of “${name}”]` };
}
