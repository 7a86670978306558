// How the message log scrolls: virtualised rows (use-message-rows), pinned to the newest line while
// an answer streams (use-follow-end), paging older and newer messages in ahead of the reader
// (use-load-ahead) without moving them (use-keep-place), and a search result scrolled to.
import { useRef } from 'react';
import type { ViewMessage } from './chat-state';
import { useFling } from './use-fling';
import { useFollowEnd } from './use-follow-end';
import { useKeepPlace } from './use-keep-place';
import { useLoadAhead, useScrollMotion } from './use-load-ahead';
import { useMessageRows } from './use-message-rows';
import { usePrepareAnswers } from './use-prepare-answers';
import { useScrollToFocus } from './use-scroll-to-focus';

/** What the log shows and how it pages: the message log's props that decide its scrolling. */
export interface LogPaging {
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
}

export function useLogScrolling({
  conversationId,
  messages,
  olderCount = 0,
  onLoadOlder,
  newerCount = 0,
  onLoadNewer,
  focusId = null,
  loading,
  virtual,
}: LogPaging & {
  /** Rows drawn only near the view (false for the benchmarks' baseline, which draws every one). */
  virtual: boolean;
}) {
  const log = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
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
  return { log, virtualizer, flinging, onScroll };
}
