// ChatGPT's data export: each conversation's messages form a tree (`mapping`, nodes with a parent
// and children, one per edit or regeneration); the branch imported is the one the person last
// saw, from `current_node` up to the root. System and hidden messages are left out, tool output
// is kept as a quoted block of the answer it belongs to, code as fenced blocks.
import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '../../../../common/contract';
import { MAX_MESSAGES, quoted, skip, type Mapped } from './imported-conversation';
import { isoTime, list, own, record, text, titleOf } from './raw-fields';

export const isChatGpt = (raw: unknown): boolean => own(raw, 'mapping') !== undefined;

export function fromChatGpt(raw: unknown, now: string): Mapped {
  const mapping = record(own(raw, 'mapping'));
  if (!mapping) return skip('no messages');
  const branch = branchToRoot(mapping, text(own(raw, 'current_node')) ?? lastLeaf(mapping));
  if (branch === null) return skip('its message tree is broken');
  const createdAt = isoTime(own(raw, 'create_time')) ?? now;
  const messages: ChatMessage[] = [];
  for (const node of branch) {
    const message = messageOf(own(node, 'message'), messages.at(-1)?.createdAt ?? createdAt);
    if (message) messages.push(message);
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

function messageOf(message: unknown, fallbackTime: string): ChatMessage | null {
  if (!record(message)) return null;
  const author = text(own(own(message, 'author'), 'role'));
  const metadata = own(message, 'metadata');
  if (own(metadata, 'is_visually_hidden_from_conversation') === true) return null;
  if (author !== 'user' && author !== 'assistant' && author !== 'tool') return null;
  let body = contentText(own(message, 'content'));
  if (body === null || body.trim() === '') return null;
  if (author === 'tool') {
    const name = text(own(own(message, 'author'), 'name'));
    body = `**Tool output${name ? ` (${name})` : ''}:**\n\n${quoted(body)}`;
  }
  const model = author === 'user' ? null : text(own(metadata, 'model_slug'));
  return {
    id: randomUUID(),
    role: author === 'user' ? 'user' : 'assistant',
    content: body,
    createdAt: isoTime(own(message, 'create_time')) ?? fallbackTime,
    status: 'complete',
    ...(model && { model }),
  };
}

/** The text of a message's content, by its type; null for types that show nothing to the person. */
function contentText(content: unknown): string | null {
  const type = text(own(content, 'content_type'));
  const bodyText = text(own(content, 'text'));
  switch (type) {
    case 'text':
    case 'multimodal_text':
      return partsText(list(own(content, 'parts')));
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
      return bodyText ?? partsText(list(own(content, 'parts')));
  }
}

function partsText(parts: unknown[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (text(own(part, 'content_type')) === 'image_asset_pointer') return '*[Image from the ChatGPT export]*';
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
