// Claude's data export: conversations with a flat list of `chat_messages` (sender human or
// assistant). Text comes from the message's content blocks when it has them (tool calls and their
// results kept as quoted blocks), else from its `text`; attached files' extracted text follows.
import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '../../../../common/contract';
import { MAX_MESSAGES, quoted, skip, type Mapped } from './imported-conversation';
import { isoTime, list, own, text, titleOf } from './raw-fields';

export const isClaude = (raw: unknown): boolean => Array.isArray(own(raw, 'chat_messages'));

export function fromClaude(raw: unknown, now: string): Mapped {
  const createdAt = isoTime(own(raw, 'created_at')) ?? now;
  const messages: ChatMessage[] = [];
  for (const message of list(own(raw, 'chat_messages')).slice(0, MAX_MESSAGES)) {
    const mapped = messageOf(message, messages.at(-1)?.createdAt ?? createdAt);
    if (mapped) messages.push(mapped);
  }
  if (messages.length === 0) return skip('no messages');
  const id = text(own(raw, 'uuid'));
  return {
    ok: true,
    conversation: {
      source: `claude:${id ?? `${createdAt}:${titleOf(own(raw, 'name'), '')}`}`,
      id: null,
      title: titleOf(own(raw, 'name'), 'Imported chat'),
      createdAt,
      updatedAt: isoTime(own(raw, 'updated_at')) ?? messages.at(-1)!.createdAt,
      model: null,
      systemPrompt: null,
      messages,
    },
  };
}

function messageOf(message: unknown, fallbackTime: string): ChatMessage | null {
  const sender = text(own(message, 'sender'));
  if (sender !== 'human' && sender !== 'assistant') return null;
  const blocks = list(own(message, 'content'));
  const main =
    blocks.length > 0
      ? blocks
          .map(blockText)
          .filter((part) => part !== '')
          .join('\n\n')
      : '';
  const body = [main || (text(own(message, 'text')) ?? ''), ...attachmentsText(message)]
    .filter((part) => part.trim() !== '')
    .join('\n\n');
  if (body.trim() === '') return null;
  return {
    id: randomUUID(),
    role: sender === 'human' ? 'user' : 'assistant',
    content: body,
    createdAt: isoTime(own(message, 'created_at')) ?? fallbackTime,
    status: 'complete',
  };
}

function blockText(block: unknown): string {
  switch (text(own(block, 'type'))) {
    case 'text':
      return text(own(block, 'text')) ?? '';
    case 'tool_use': {
      const input = own(block, 'input');
      const shown = input === undefined ? '' : `\n\n\`\`\`json\n${JSON.stringify(input, null, 2)}\n\`\`\``;
      return `**Tool call (${text(own(block, 'name')) ?? 'tool'})**${shown}`;
    }
    case 'tool_result': {
      const content = own(block, 'content');
      const result = typeof content === 'string' ? content : list(content).map(blockText).join('\n\n');
      return result.trim() === '' ? '' : `**Tool output:**\n\n${quoted(result)}`;
    }
    default:
      return '';
  }
}

/** Attached files: their extracted text under their name; files without text by name only. */
function attachmentsText(message: unknown): string[] {
  const attached = list(own(message, 'attachments')).map((file) => {
    const name = text(own(file, 'file_name')) ?? 'file';
    const content = text(own(file, 'extracted_content'));
    return content ? `**Attached: ${name}**\n\n${quoted(content)}` : `*[Attached: ${name}]*`;
  });
  const files = list(own(message, 'files')).map((file) => `*[File: ${text(own(file, 'file_name')) ?? 'file'}]*`);
  return [...attached, ...files];
}
