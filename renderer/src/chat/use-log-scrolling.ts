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

interface Options {
  conversationId: string | null;
  messages: ViewMessage[];
  olderCount: number;
  onLoadOlder?: (limit?: number) => Promise<unknown>;
  newerCount: number;
  onLoadNewer?: () => Promise<unknown>;
  focusId: string | null;
  loading: boolean;
  /** Rows drawn only near the view (false for the benchmarks' baseline, which draws every one). */
  virtual: boolean;
}

export function useLogScrolling({
  conversationId,
  messages,
  olderCount,
  onLoadOlder,
  newerCount,
  onLoadNewer,
  focusId,
  loading,
  virtual,
}: Options) {
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
