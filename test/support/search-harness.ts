// A search service over a data folder's conversations, wired as the core wires it, for the tests of
// search alone (real store, real files, real search worker).
import { ConversationStore } from '../../main/core/conversations/conversation-store';
import { SearchService } from '../../main/core/conversations/search/search-service';
import { systemClock, type Logger } from '../../main/core/ports';
import { openConfStore } from '../../main/core/storage/open-store';

export const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** The conversation store of `dataDir`, as another run of Aide (or this one) opens it. */
export const openConversations = (dataDir: string): ConversationStore =>
  new ConversationStore(openConfStore, dataDir, systemClock);

/** A search over `store`, not started. */
export const searchOver = (dataDir: string, store: ConversationStore, saveDelayMs: number): SearchService =>
  new SearchService({ dataDir, conversations: store, logger: quiet, saveDelayMs });

/** A fresh store and search over `dataDir`, started and ready (its saved index loaded, if any). */
export async function startSearchOver(
  dataDir: string,
  saveDelayMs: number,
): Promise<{ store: ConversationStore; search: SearchService }> {
  const store = openConversations(dataDir);
  const search = searchOver(dataDir, store, saveDelayMs);
  search.start();
  await search.whenReady();
  return { store, search };
}
