// Keeps the Chat screen on the right conversation without the user asking: the last one on opening,
// the quick-ask popup's on "Open in Aide", and the stored state again after a dropped connection.
import { useEffect, useRef } from 'react';
import { useAide } from '../aide-context';
import type { Attempt } from '../use-attempt';
import type { Chat } from './use-chat';
import type { Conversations } from './use-conversations';

interface Options {
  conversations: Conversations;
  chat: Chat;
  attempt: Attempt['attempt'];
  /** Changes each time the connection to main is back after a drop. */
  reconnects: number;
  /** Brings the Chat screen to the front. */
  onReveal(): void;
}

export function useChatSync({ conversations, chat, attempt, reconnects, onReveal }: Options): void {
  const api = useAide();
  const { open, reload } = chat;
  const { refresh } = conversations;

  // Opening the app shows the conversation the user was last in.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || conversations.list === null) return;
    started.current = true;
    const newest = conversations.list[0];
    if (newest) void attempt(() => open(newest.id), 'Could not open the conversation');
  }, [conversations.list, open, attempt]);

  // "Open in Aide" from the quick-ask popup: its conversation is new, so the sidebar is fetched too.
  useEffect(
    () =>
      api.on('conversationRequested', ({ id }) => {
        started.current = true;
        onReveal();
        void attempt(async () => {
          await Promise.all([refresh(), open(id)]);
        }, 'Could not open the conversation');
      }),
    [api, onReveal, refresh, open, attempt],
  );

  // Events sent while the connection was down are lost; the stored state is what counts.
  useEffect(() => {
    if (reconnects === 0) return;
    void refresh();
    void attempt(reload, 'Could not reload the conversation');
  }, [reconnects, refresh, reload, attempt]);
}
