// Saving the search index while it is used, on the real store, real files and the real search
// worker over 12,000 generated messages: a search is answered while a save is under way, what
// changes during a save is found then and after a restart from that save's file, and a saved
// file loads to the same results as the index it was saved from.
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../common/contract';
import type { ConversationStore } from '../../main/core/conversations/conversation-store';
import type { SearchService } from '../../main/core/conversations/search/search-service';
import { writeSearchCorpus } from '../support/search-corpus';
import { startSearchOver } from '../support/search-harness';

let dataDir: string;
let store: ConversationStore;
let search: SearchService;
let corpus: string[];

/** Only the saves a test asks for run: no save a moment after a change. */
async function startSearch(): Promise<void> {
  ({ store, search } = await startSearchOver(dataDir, 600_000));
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'aide-search-save-'));
  corpus = await writeSearchCorpus(dataDir, 40, 300);
  await startSearch();
  // The save after the first build: the saves below start from a saved index.
  await search.save();
});
afterEach(async () => {
  await search.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

function message(id: string, role: ChatMessage['role'], content: string): ChatMessage {
  return { id, role, content, createdAt: '2026-03-10T12:00:00.000Z', status: 'complete' };
}

const ids = async (query: string) =>
  (await search.search({ query, limit: 20 })).results.map((hit) => hit.messageId).sort();

describe('saving the index while it is used', () => {
  it('answers a search and takes a new message while a save is under way', async () => {
    await store.append(corpus[3]!, message('kiwi-1', 'user', 'Can kiwis fly at all?'));
    const order: string[] = [];
    const saved = search.save().then(() => order.push('saved'));
    await store.append(corpus[5]!, message('kiwi-2', 'assistant', 'Kiwis cannot fly; their wings are tiny.'));
    const found = ids('kiwis').then((hits) => {
      order.push('found');
      return hits;
    });
    expect(await found).toEqual(['kiwi-1', 'kiwi-2']);
    await saved;
    expect(order).toEqual(['found', 'saved']);
  });

  it('finds messages appended and replaced during a save, then and after a restart from that save', async () => {
    const [first, second] = [corpus[0]!, corpus[1]!];
    await store.append(first, message('draft', 'assistant', 'A first draft about numbats and termites'));
    await search.save();

    const order: string[] = [];
    const saving = search.save().then(() => order.push('saved'));
    // Sent after the save began: its file holds the index as it was before these.
    await store.append(second, message('new-1', 'user', 'Where do wombats sleep?'));
    await store.append(first, message('draft', 'assistant', 'The final answer is about quokkas'));
    await store.append(second, message('new-2', 'assistant', 'Wombats sleep in burrows.'));
    const during = Promise.all([ids('wombats'), ids('numbats'), ids('quokkas')]).then((all) => {
      order.push('searched');
      return all;
    });
    expect(await during).toEqual([['new-1', 'new-2'], [], ['draft']]);
    await saving;
    expect(order).toEqual(['searched', 'saved']);
    const savedThen = join(dataDir, 'search-index.saved-then.json');
    await copyFile(join(dataDir, 'search-index.json'), savedThen);
    const terms = (JSON.parse(await readFile(savedThen, 'utf8')) as { terms: string[] }).terms;
    expect(terms).toContain('numbats');
    expect(terms).not.toContain('wombats');

    // Closing saves again; the restart instead loads the file of the save made mid-change.
    await search.dispose();
    await copyFile(savedThen, join(dataDir, 'search-index.json'));
    await startSearch();
    expect(await ids('wombats')).toEqual(['new-1', 'new-2']);
    expect(await ids('numbats')).toEqual([]);
    expect(await ids('termites')).toEqual([]);
    expect(await ids('quokkas')).toEqual(['draft']);
  });

  it('loads a saved index to the same results, then leaves out a deleted conversation and replaced words', async () => {
    const queries = ['kalomi', 'renvortas', 'work file', 'tasvor', 'sha', 'gri pel', 'lim'];
    const results = async () =>
      Promise.all(queries.map(async (query) => (await search.search({ query, limit: 20 })).results));
    const before = await results();
    expect(before.filter((hits) => hits.length === 20).length).toBeGreaterThanOrEqual(5);
    await search.dispose();
    await startSearch();
    expect(await results()).toEqual(before);

    // Left in memory until a save drops them: the save compacts the file and renumbers the rest.
    const gone = before.flat().find((hit) => hit.conversationId !== corpus[2])!.conversationId;
    await store.delete(gone);
    await store.append(corpus[2]!, message('c2-m10', 'user', 'Bilbies dig spiral burrows'));
    await store.append(corpus[2]!, message('c2-m10', 'user', 'Bilbies have long ears'));
    await search.save();
    await search.dispose();
    await startSearch();
    const after = await results();
    expect(after.flat().some((hit) => hit.conversationId === gone)).toBe(false);
    expect(after.filter((hits) => hits.length === 20).length).toBeGreaterThanOrEqual(5);
    expect(await ids('bilbies')).toEqual(['c2-m10']);
    expect(await ids('spiral')).toEqual([]);
  });
});
