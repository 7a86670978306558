// The conversation's messages, in the `log` screen readers announce as answers grow.
//
// Virtualised: only the messages in view (and a few either side) are in the page, so a chat of
// 5,000 messages opens and scrolls like one of five. Heights are measured as messages render.
// The log stays pinned to the newest line while an answer streams, until the user scrolls up.
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { ViewMessage } from './chat-state';
import { preloadMarkdown } from './lazy-markdown';
import { MessageItem } from './message-item';
import { whenIdle } from '../when-idle';
import { baselineRender } from './render-mode';

interface Props {
  conversationId: string | null;
  messages: ViewMessage[];
  /** Earlier messages not loaded yet; they load when the user scrolls to the top. */
  olderCount?: number;
  onLoadOlder?: () => void;
  loading: boolean;
  /** Leave out the "No messages yet" line (the first-run card says what to do instead). */
  hideEmpty?: boolean;
}

/** How close to the end (px) still counts as "at the newest line". */
const slack = 48;

/**
 * A log that is hidden (or laid out by a DOM without layout) has no height yet: plan for a
 * window's worth, so its newest messages are ready when it shows.
 */
function observeRect(
  instance: Virtualizer<HTMLDivElement, Element>,
  cb: (rect: { width: number; height: number }) => void,
) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { ...rect, height: window.innerHeight }));
}

export function MessageLog({
  conversationId,
  messages,
  olderCount = 0,
  onLoadOlder,
  loading,
  hideEmpty = false,
}: Props) {
  const log = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
  // The Markdown code is not needed for the first paint, but is by the first answer: fetch it once idle.
  useEffect(() => whenIdle(preloadMarkdown, 2000), []);
  const virtual = !baselineRender;
  const virtualizer = useVirtualizer({
    count: virtual ? messages.length : 0,
    getScrollElement: () => log.current,
    estimateSize: () => 96,
    overscan: 6,
    getItemKey: (index) => messages[index]?.message.id ?? index,
    observeElementRect: observeRect,
    // Re-render on scroll in React's own time, not synchronously inside the scroll event.
    useFlushSync: false,
  });
  // While pinned, the log follows the end itself; keeping the first visible line in place as
  // heights above it are measured would fight that.
  virtualizer.shouldAdjustScrollPositionOnItemSizeChange = (item, _delta, instance) =>
    !stuck.current && item.start < (instance.scrollOffset ?? 0);

  // A chat opens at its newest messages: the first render with them plans for the end of the
  // list, not its top (the scroll event that would tell the list so comes a frame later).
  const planned = useRef<string | null>(null);
  if (virtual && stuck.current && messages.length > 0 && planned.current !== conversationId) {
    planned.current = conversationId;
    virtualizer.scrollOffset = Math.max(virtualizer.scrollOffset ?? 0, virtualizer.getTotalSize());
  }

  // Opening a chat or sending a message brings the user back to the newest line.
  const asked = messages.filter((m) => m.message.role === 'user').length;
  useLayoutEffect(() => {
    stuck.current = true;
  }, [conversationId, asked]);
  // Older messages were put in front: keep the lines the user is reading where they are.
  const firstId = messages[0]?.message.id;
  const fromBottom = useRef(0);
  const shownFirst = useRef(firstId);
  useLayoutEffect(() => {
    const el = log.current;
    const before = shownFirst.current;
    shownFirst.current = firstId;
    if (!el || before === undefined || before === firstId || stuck.current) return;
    if (messages.some((m) => m.message.id === before)) el.scrollTop = el.scrollHeight - fromBottom.current;
  }, [firstId, messages]);
  // After every render (new text, newly measured heights): follow the end if pinned.
  useLayoutEffect(() => {
    const el = log.current;
    if (el && stuck.current && el.scrollHeight - el.scrollTop - el.clientHeight > 1) el.scrollTop = el.scrollHeight;
    if (el) fromBottom.current = el.scrollHeight - el.scrollTop;
  });
  // Scrolled up near the top of what is loaded: fetch the page before it.
  const firstShown = virtual ? (virtualizer.getVirtualItems()[0]?.index ?? 0) : 0;
  useEffect(() => {
    if (olderCount > 0 && !loading && !stuck.current && firstShown < 3 && messages.length > 0) onLoadOlder?.();
  }, [olderCount, loading, firstShown, messages.length, onLoadOlder]);
  const onScroll = () => {
    const el = log.current;
    if (!el) return;
    stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight < slack;
    fromBottom.current = el.scrollHeight - el.scrollTop;
  };

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
                  className="message-row"
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
          <div key={view.message.id} className="message-row">
            <MessageItem view={view} />
          </div>
        ))
      )}
    </div>
  );
}
