// Folds main's streamed chat events into chat-state while the Chat screen is mounted.
import { useEffect, type Dispatch } from 'react';
import type { AideApi } from '../../../common/contract';
import { onChatEvents } from './chat-events';
import type { ChatAction } from './chat-state';
import { FrameBatcher } from './frame-batcher';
import { baselineRender } from './render-mode';

export function useChatStream(api: AideApi, dispatch: Dispatch<ChatAction>): void {
  useEffect(() => {
    // Streamed text is drawn at most once per frame; other events wait for the text before them.
    const deltas = new FrameBatcher((p) => dispatch({ type: 'delta', ...p }));
    const off = onChatEvents(
      api,
      (action) => {
        deltas.flush();
        dispatch(action);
      },
      (p) => (baselineRender ? dispatch({ type: 'delta', ...p }) : deltas.push(p)),
    );
    return () => {
      off();
      deltas.flush();
    };
  }, [api]);
}
