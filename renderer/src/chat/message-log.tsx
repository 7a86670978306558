// The conversation's messages, in the `log` screen readers announce as answers grow: virtualised
// (use-message-rows), pinned to the newest line while an answer streams (use-follow-end), paging
// older and newer messages in ahead of the reader (use-load-ahead) without moving them (use-keep-place).
import { useEffect, useRef } from 'react';
import type { ViewMessage } from './chat-state';
import { preloadMarkdown } from './lazy-markdown';
import { MessageItem } from './message-item';
import { whenIdle } from '../when-idle';
import { baselineRender } from './render-mode';
import { useFling } from './use-fling';
import { useFollowEnd } from './use-follow-end';
import { useKeepPlace } from './use-keep-place';
import { useLoadAhead, useScrollMotion } from './use-load-ahead';
import { useMessageRows } from './use-message-rows';
import { usePrepareAnswers } from './use-prepare-answers';
import { useScrollToFocus } from './use-scroll-to-focus';

interface Props {
  conversationId: string | null;
  messages: ViewMessage[];
  /** Earlier messages not loaded yet; they load when the user scrolls to the top. */
  olderCount?: number;
  /** Loads the page before the first message shown (`limit` messages, or the usual page); resolves false if it could not. */
  onLoadOlder?: (limit?: number) => Promise<unknown>;
  /** Later messages not loaded yet (opened at a search result); they load when the user scrolls down. */
  newerCount?: number;
  onLoadNewer?: () => Promise<unknown>;
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
  const { motion, onScroll: trackMotion, shifted, jumped } = useScrollMotion(log);
  const virtualizer = useMessageRows({ log, stuck, messages, conversationId, virtual, focusId, motion });
  useKeepPlace({ virtualizer, log, stuck, messages, virtual, onShift: shifted });
  const viewHeight = virtualizer.scrollRect?.height ?? 0;
  const followEnd = useFollowEnd({ log, stuck, messages, conversationId, focusId, viewHeight });
  const { flinging, onScroll: trackFling } = useFling(motion);
  const onScroll = () => {
    trackMotion();
    trackFling();
    followEnd();
  };
  const settled = useScrollToFocus({ virtualizer, messages, focusId, virtual, log, onJump: jumped });
  useLoadAhead({
    virtualizer,
    motion,
    stuck,
    settled,
    loading,
    count: messages.length,
    olderCount: virtual ? olderCount : 0,
    newerCount: virtual ? newerCount : 0,
    onLoadOlder,
    onLoadNewer,
  });

  usePrepareAnswers({ virtualizer, messages, virtual, flinging });

  const empty = !loading && !hideEmpty && messages.length === 0;
  return (
    // Focusable so keyboard users can scroll a long answer.
    <div ref={log} role="log" aria-label="Conversation" className="message-log" tabIndex={0} onScroll={onScroll}>
      {loading && <p className="empty">Loading…</p>}
      {empty && <p className="empty">No messages yet. Ask Aide anything to start.</p>}
      {olderCount > 0 && (
        <button type="button" className="load-older" onClick={() => void onLoadOlder?.()}>
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
                  <MessageItem view={view} passing={flinging} />
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
        <button type="button" className="load-older" onClick={() => void onLoadNewer?.()}>
          Show newer messages ({newerCount})
        </button>
      )}
    </div>
  );
}
