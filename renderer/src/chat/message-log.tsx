// The conversation's messages, in the `log` screen readers announce as answers grow: virtualised
// (use-message-rows), and pinned to the newest line while an answer streams (use-follow-end).
import { useEffect, useRef } from 'react';
import type { ViewMessage } from './chat-state';
import { preloadMarkdown } from './lazy-markdown';
import { MessageItem } from './message-item';
import { whenIdle } from '../when-idle';
import { baselineRender } from './render-mode';
import { useFollowEnd } from './use-follow-end';
import { useMessageRows } from './use-message-rows';
import { useScrollToFocus } from './use-scroll-to-focus';

interface Props {
  conversationId: string | null;
  messages: ViewMessage[];
  /** Earlier messages not loaded yet; they load when the user scrolls to the top. */
  olderCount?: number;
  onLoadOlder?: () => void;
  /** Later messages not loaded yet (opened at a search result); they load when the user scrolls down. */
  newerCount?: number;
  onLoadNewer?: () => void;
  /** The message to show and highlight (a search result's), or null to open at the newest. */
  focusId?: string | null;
  loading: boolean;
  /** Leave out the "No messages yet" line (the first-run card says what to do instead). */
  hideEmpty?: boolean;
}

export function MessageLog({
  conversationId,
  messages,
  olderCount = 0,
  onLoadOlder,
  newerCount = 0,
  onLoadNewer,
  focusId = null,
  loading,
  hideEmpty = false,
}: Props) {
  const log = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
  // The Markdown code is not needed for the first paint, but is by the first answer: fetch it once idle.
  useEffect(() => whenIdle(preloadMarkdown, 2000), []);
  const virtual = !baselineRender;
  const virtualizer = useMessageRows({ log, stuck, messages, conversationId, virtual, focusId });
  const viewHeight = virtualizer.scrollRect?.height ?? 0;
  const onScroll = useFollowEnd({ log, stuck, messages, conversationId, focusId, viewHeight });
  const settled = useScrollToFocus({ virtualizer, messages, focusId, virtual, log });
  // Scrolled up near the top of what is loaded: fetch the page before it.
  const firstShown = virtual ? (virtualizer.getVirtualItems()[0]?.index ?? 0) : 0;
  useEffect(() => {
    if (olderCount > 0 && !loading && settled && !stuck.current && firstShown < 3 && messages.length > 0)
      onLoadOlder?.();
  }, [olderCount, loading, settled, firstShown, messages.length, onLoadOlder]);
  // Scrolled down near the end of what is loaded (opened further back): fetch the page after it.
  const lastShown = virtual ? (virtualizer.getVirtualItems().at(-1)?.index ?? 0) : messages.length - 1;
  useEffect(() => {
    if (newerCount > 0 && !loading && settled && lastShown > messages.length - 4 && messages.length > 0)
      onLoadNewer?.();
  }, [newerCount, loading, settled, lastShown, messages.length, onLoadNewer]);

  const empty = !loading && !hideEmpty && messages.length === 0;
  return (
    // Focusable so keyboard users can scroll a long answer.
    <div ref={log} role="log" aria-label="Conversation" className="message-log" tabIndex={0} onScroll={onScroll}>
      {loading && <p className="empty">Loading…</p>}
      {empty && <p className="empty">No messages yet. Ask Aide anything to start.</p>}
      {olderCount > 0 && (
        <button type="button" className="load-older" onClick={onLoadOlder}>
          Show older messages ({olderCount})
        </button>
      )}
      {virtual ? (
        <div className="message-rows" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const view = messages[item.index];
            return (
              view && (
                <div
                  key={item.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  className={view.message.id === focusId ? 'message-row found' : 'message-row'}
                  aria-current={view.message.id === focusId ? 'true' : undefined}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <MessageItem view={view} />
                </div>
              )
            );
          })}
        </div>
      ) : (
        messages.map((view) => (
          <div
            key={view.message.id}
            className={view.message.id === focusId ? 'message-row found' : 'message-row'}
            aria-current={view.message.id === focusId ? 'true' : undefined}
          >
            <MessageItem view={view} />
          </div>
        ))
      )}
      {newerCount > 0 && (
        <button type="button" className="load-older" onClick={onLoadNewer}>
          Show newer messages ({newerCount})
        </button>
      )}
    </div>
  );
}
