// The chat's answer without the model (no key, no network): the local parser's outcome for the
// last message. The parser lives outside chat/ and comes in as an OfflineFallback.
import type { ToolCard } from '../../../common/contract';

export type OfflineOutcome =
  | { kind: 'created'; card: ToolCard; message: string }
  | { kind: 'incomplete'; title: string; message: string }
  | { kind: 'none' };

export type OfflineFallback = (text: string) => OfflineOutcome;

export interface OfflineReply {
  card: ToolCard | null;
  text: string;
}

/** What the chat says for the parser's outcome, or null when the parser understood nothing. */
export function offlineReply(outcome: OfflineOutcome, reason: string): OfflineReply | null {
  if (outcome.kind === 'none') return null;
  if (outcome.kind === 'created') {
    return { card: outcome.card, text: `${outcome.message} — added offline, because ${reason}.` };
  }
  return { card: null, text: `${outcome.message} (Only plain reminders work while ${reason}.)` };
}
