// Aide's own export: each conversation as one JSON object holding everything the store keeps
// (title, times, model, custom instructions, every message with its status, model, usage and
// cards), so importing it again gives the same conversation. Also the Markdown rendering.
import { z } from 'zod';
import { ChatMessage, type Conversation } from '../../../../common/contract';
import { skip, type Mapped } from './imported-conversation';
import { own } from './raw-fields';

export const AIDE_FORMAT = 'aide-conversation';

const Exported = z.object({
  format: z.literal(AIDE_FORMAT),
  version: z.literal(1),
  id: z.string().min(1).max(100),
  title: z.string().min(1).max(200),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  model: z.string().max(200).nullable(),
  systemPrompt: z.string().max(20_000).nullable(),
  messages: z.array(ChatMessage),
});
export type Exported = z.output<typeof Exported>;

export const isAide = (raw: unknown): boolean => own(raw, 'format') === AIDE_FORMAT;

export function toExported(conversation: Conversation): Exported {
  return {
    format: AIDE_FORMAT,
    version: 1,
    id: conversation.id,
    title: conversation.title,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    model: conversation.model ?? null,
    systemPrompt: conversation.systemPrompt ?? null,
    messages: conversation.messages,
  };
}

export function fromAide(raw: unknown): Mapped {
  const parsed = Exported.safeParse(raw);
  if (!parsed.success) return skip('not a readable Aide conversation');
  const { id, title, createdAt, updatedAt, model, systemPrompt, messages } = parsed.data;
  if (new Set(messages.map((message) => message.id)).size !== messages.length) return skip('repeated message ids');
  return {
    ok: true,
    conversation: { source: `aide:${id}`, id, title, createdAt, updatedAt, model, systemPrompt, messages },
  };
}

/** The conversation as Markdown: a heading, then each message under who wrote it and when. */
export function toMarkdown(conversation: Conversation): string {
  const lines = [`# ${conversation.title}`, '', `*Exported from Aide. Started ${conversation.createdAt}.*`];
  if (conversation.model) lines.push('', `Model: ${conversation.model}`);
  if (conversation.systemPrompt) lines.push('', '**Custom instructions:**', '', conversation.systemPrompt);
  for (const message of conversation.messages) {
    const who = message.role === 'user' ? 'You' : `Assistant${message.model ? ` (${message.model})` : ''}`;
    lines.push('', '---', '', `### ${who} · ${message.createdAt}`, '', message.content);
    // Markdown is one text file: attachments are named here; Export all carries their bytes.
    for (const { name } of message.attachments ?? []) lines.push('', `*[Attached: ${name}]*`);
  }
  return `${lines.join('\n')}\n`;
}
