// The sidebar's list of conversations, newest first, kept live by `conversationsChanged`.
import { useCallback, useEffect, useState } from 'react';
import type { ConversationSummary } from '../../../common/contract';
import { useAide } from '../aide-context';

const newestFirst = (list: ConversationSummary[]): ConversationSummary[] =>
  [...list].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));

export interface Conversations {
  /** null until the first list arrived. */
  list: ConversationSummary[] | null;
  refresh(): Promise<void>;
  upsert(summary: ConversationSummary): void;
  remove(id: string): void;
}

export function useConversations(): Conversations {
  const api = useAide();
  const [list, setList] = useState<ConversationSummary[] | null>(null);

  useEffect(() => {
    let live = true;
    const off = api.on('conversationsChanged', (next) => setList(newestFirst(next)));
    api.listConversations().then(
      (first) => {
        if (live) setList((known) => known ?? newestFirst(first));
      },
      () => {
        if (live) setList((known) => known ?? []);
      },
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const refresh = useCallback(async () => {
    setList(newestFirst(await api.listConversations()));
  }, [api]);

  // Main also announces these changes; applying them at once keeps the sidebar in step meanwhile.
  const upsert = useCallback((summary: ConversationSummary) => {
    setList((known) => newestFirst([summary, ...(known ?? []).filter((c) => c.id !== summary.id)]));
  }, []);
  const remove = useCallback((id: string) => {
    setList((known) => (known ?? []).filter((c) => c.id !== id));
  }, []);

  return { list, refresh, upsert, remove };
}
