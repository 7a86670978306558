// Main's streamed chat events as chat-state actions: the Chat screen and the quick-ask popup fold
// the same events the same way.
import type { AideApi, EventPayload } from '../../../common/contract';
import type { ChatAction } from './chat-state';

/**
 * Hands each event to `take` as an action; streamed text goes to `takeText` instead when given (the
 * Chat screen batches it per frame). Returns the unsubscribe.
 */
export function onChatEvents(
  api: AideApi,
  take: (action: ChatAction) => void,
  takeText: (delta: EventPayload<'chatDelta'>) => void = (p) => take({ type: 'delta', ...p }),
): () => void {
  const offs = [
    api.on('chatDelta', takeText),
    api.on('chatStatus', (p) => take({ type: 'status', ...p })),
    api.on('chatCard', (p) => take({ type: 'card', ...p })),
    api.on('chatDone', (p) => take({ type: 'done', ...p })),
    api.on('chatError', (p) => take({ type: 'failed', ...p })),
  ];
  return () => offs.forEach((off) => off());
}
