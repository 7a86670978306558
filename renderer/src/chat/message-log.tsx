// The conversation's messages, in the `log` screen readers announce as answers grow: virtualised,
// pinned to the newest line while an answer streams, paging older and newer messages in ahead of the
// reader without moving them (use-log-scrolling joins those hooks); the rows are message-rows'.
import { useEffect } from 'react';
import { preloadMarkdown } from './lazy-markdown';
import { PlainRows, VirtualRows } from './message-rows';
import { whenIdle } from '../when-idle';
import { baselineRender } from './render-mode';
import { useLogScrolling, type LogPaging } from './use-log-scrolling';

interface Props extends LogPaging {
  /** Leave out the "No messages yet" line (the first-run card says what to do instead). */
  hideEmpty?: boolean;
}

export function MessageLog({ hideEmpty = false, ...paging }: Props) {
  // The Markdown code is not needed for the first paint, but is by the first answer: fetch it once idle.
  useEffect(() => whenIdle(preloadMarkdown, 2000), []);
  const virtual = !baselineRender;
  const { log, virtualizer, flinging, onScroll } = useLogScrolling({ ...paging, virtual });
  const { messages, olderCount = 0, onLoadOlder, newerCount = 0, onLoadNewer, focusId = null, loading } = paging;

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
        <VirtualRows virtualizer={virtualizer} messages={messages} focusId={focusId} flinging={flinging} />
      ) : (
        <PlainRows messages={messages} focusId={focusId} />
      )}
      {newerCount > 0 && (
        <button type="button" className="load-older" onClick={() => void onLoadNewer?.()}>
          Show newer messages ({newerCount})
        </button>
      )}
    </div>
  );
}
