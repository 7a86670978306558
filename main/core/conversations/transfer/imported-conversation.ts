// What every export format is turned into before it is stored: a conversation with its times,
// title, settings and messages, and the id it had where it came from (so importing the same
// export twice does not duplicate it).
import type { ChatMessage } from '../../../../common/contract';

export interface ImportedConversation {
  /** Where it came from and its id there: "chatgpt:…", "claude:…", "aide:…". */
  source: string;
  /** The id to keep, for Aide's own exports; a new one is made when it is taken or absent. */
  id: string | null;
  title: string;
  createdAt: string;
  updatedAt: string;
  model: string | null;
  systemPrompt: string | null;
  messages: ChatMessage[];
  /** Pictures the export's zip holds for these messages (ChatGPT), attached when it is stored. */
  pictures?: PendingPicture[];
}

export interface PendingPicture {
  messageId: string;
  fileId: string;
}

export type Mapped = { ok: true; conversation: ImportedConversation } | { ok: false; reason: string };

export const skip = (reason: string): Mapped => ({ ok: false, reason });

/** Messages beyond this in one conversation are not imported (a crafted tree, not a real chat). */
export const MAX_MESSAGES = 200_000;

/** Text as a Markdown block quote (tool output shown inside an answer). */
export function quoted(body: string): string {
  return body
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}
