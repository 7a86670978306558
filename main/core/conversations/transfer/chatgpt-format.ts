// ChatGPT's data export: each conversation's messages form a tree (`mapping`, nodes with a parent
// and children, one per edit or regeneration); the branch imported is the one the person last
// saw, from `current_node` up to the root. System and hidden messages are left out, tool output
// is kept as a quoted block of the answer it belongs to, code as fenced blocks. A picture becomes
// the message's attachment when the export's zip holds it, else a line saying one was there.
import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '../../../../common/contract';
import { MAX_MESSAGES, quoted, skip, type Mapped, type PendingPicture } from './imported-conversation';
import { isoTime, list, own, record, text, titleOf } from './raw-fields';

export const isChatGpt = (raw: unknown): boolean => own(raw, 'mapping') !== undefined;

/** Says whether the export holds the picture with this file id ("file-abc123"). */
export type HasPicture = (fileId: string) => boolean;

export function fromChatGpt(raw: unknown, now: string, hasPicture: HasPicture = () => false): Mapped {
  const mapping = record(own(raw, 'mapping'));
  if (!mapping) return skip('no messages');
  const branch = branchToRoot(mapping, text(own(raw, 'current_node')) ?? lastLeaf(mapping));
  if (branch === null) return skip('its message tree is broken');
  const createdAt = isoTime(own(raw, 'create_time')) ?? now;
  const messages: ChatMessage[] = [];
  const pictures: PendingPicture[] = [];
  for (const node of branch) {
    const message = messageOf(own(node, 'message'), messages.at(-1)?.createdAt ?? createdAt, hasPicture);
    if (!message) continue;
    messages.push(message.message);
    for (const fileId of message.pictures) pictures.push({ messageId: message.message.id, fileId });
  }
  if (messages.length === 0) return skip('no messages');
  const id = text(own(raw, 'conversation_id')) ?? text(own(raw, 'id'));
  return {
    ok: true,
    conversation: {
      source: `chatgpt:${id ?? `${createdAt}:${titleOf(own(raw, 'title'), '')}`}`,
      id: null,
      title: titleOf(own(raw, 'title'), 'Imported chat'),
      createdAt,
      updatedAt: isoTime(own(raw, 'update_time')) ?? messages.at(-1)!.createdAt,
      model: null,
      systemPrompt: null,
      messages,
      pictures,
    },
  };
}

/** The nodes from the root down to `current`; null when a parent is missing or the links loop. */
function branchToRoot(mapping: Record<string, unknown>, current: string | null): unknown[] | null {
  const branch: unknown[] = [];
  const seen = new Set<string>();
  let id = current;
  while (id !== null) {
    if (seen.has(id) || branch.length > MAX_MESSAGES || !Object.hasOwn(mapping, id)) return null;
    seen.add(id);
    const node = mapping[id];
    branch.push(node);
    id = text(own(node, 'parent'));
  }
  return branch.reverse();
}

/** Without `current_node`: the newest node without children. */
function lastLeaf(mapping: Record<string, unknown>): string | null {
  let best: { id: string; time: number } | null = null;
  for (const [id, node] of Object.entries(mapping)) {
    if (list(own(node, 'children')).length > 0) continue;
    const stamp = own(own(node, 'message'), 'create_time');
    const time = typeof stamp === 'number' && Number.isFinite(stamp) ? stamp : 0;
    if (!best || time >= best.time) best = { id, time };
  }
  return best?.id ?? null;
}

function messageOf(
  message: unknown,
  fallbackTime: string,
  hasPicture: HasPicture,
): { message: ChatMessage; pictures: string[] } | null {
  if (!record(message)) return null;
  const author = text(own(own(message, 'author'), 'role'));
  const metadata = own(message, 'metadata');
  if (own(metadata, 'is_visually_hidden_from_conversation') === true) return null;
  if (author !== 'user' && author !== 'assistant' && author !== 'tool') return null;
  const content = own(message, 'content');
  const pictures = author === 'tool' ? [] : pictureIds(content).filter(hasPicture);
  let body = contentText(content, new Set(pictures));
  if (body === null || (body.trim() === '' && pictures.length === 0)) return null;
  if (author === 'tool') {
    const name = text(own(own(message, 'author'), 'name'));
    body = `**Tool output${name ? ` (${name})` : ''}:**\n\n${quoted(body)}`;
  }
  const model = author === 'user' ? null : text(own(metadata, 'model_slug'));
  return {
    message: {
      id: randomUUID(),
      role: author === 'user' ? 'user' : 'assistant',
      content: body,
      createdAt: isoTime(own(message, 'create_time')) ?? fallbackTime,
      status: 'complete',
      ...(model && { model }),
    },
    pictures: [...new Set(pictures)],
  };
}

/** The file id a picture part points at: "file-service://file-abc" or "sediment://file_00ab". */
function pictureId(part: unknown): string | null {
  if (text(own(part, 'content_type')) !== 'image_asset_pointer') return null;
  const match = /^(?:file-service|sediment):\/\/(file[-_][A-Za-z0-9]{1,100})$/.exec(
    text(own(part, 'asset_pointer')) ?? '',
  );
  return match ? match[1]! : null;
}

function pictureIds(content: unknown): string[] {
  return list(own(content, 'parts'))
    .map(pictureId)
    .filter((id): id is string => id !== null);
}

/** The text of a message's content, by its type; null for types that show nothing to the person. */
function contentText(content: unknown, attached: ReadonlySet<string>): string | null {
  const type = text(own(content, 'content_type'));
  const bodyText = text(own(content, 'text'));
  switch (type) {
    case 'text':
    case 'multimodal_text':
      return partsText(list(own(content, 'parts')), attached);
    case 'code':
      return bodyText && fenced(bodyText, text(own(content, 'language')));
    case 'execution_output':
      return bodyText && fenced(bodyText, null);
    case 'tether_quote':
      return [text(own(content, 'title')), bodyText, text(own(content, 'url'))].filter(Boolean).join('\n\n');
    case 'user_editable_context':
    case 'model_editable_context':
    case 'thoughts':
    case 'reasoning_recap':
      return null;
    default:
      return bodyText ?? partsText(list(own(content, 'parts')), attached);
  }
}

/** Noted where a picture was that the export does not hold. */
export const PICTURE_PLACEHOLDER = '*[Image from the ChatGPT export]*';

function partsText(parts: unknown[], attached: ReadonlySet<string>): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (text(own(part, 'content_type')) === 'image_asset_pointer') {
        const id = pictureId(part);
        return id && attached.has(id) ? '' : PICTURE_PLACEHOLDER;
      }
      return text(own(part, 'text')) ?? '';
    })
    .filter((part) => part !== '')
    .join('\n\n');
}

function fenced(code: string, language: string | null): string {
  const fence = code.includes('```') ? '~~~~' : '```';
  const tag = language && /^[\w+#.-]{1,30}$/.test(language) && language !== 'unknown' ? language : '';
  return `${fence}${tag}\n${code}\n${fence}`;
}
