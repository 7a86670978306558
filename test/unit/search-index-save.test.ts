// The search index's sliced save, run here on this thread's event loop: work queued while it runs
// (a search, a new message, a replaced one, a deleted conversation) is done between its slices,
// and the text it writes holds the index as it was when the save began.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  addMessage,
  docRow,
  emptyIndex,
  indexFormatVersion,
  removeConversation,
  type DictionaryClass,
  type IndexState,
} from '../../main/core/conversations/search/search-index';
import { restoreIndex } from '../../main/core/conversations/search/search-index-file';
import {
  serializeSnapshot,
  sliceClock,
  snapshotIndex,
} from '../../main/core/conversations/search/search-index-save';
import { searchIndex } from '../../main/core/conversations/search/search-query';
import { randomSource, sentence, topicWords } from '../support/search-corpus';

const Dictionary = createRequire(import.meta.url)('minisearch/SearchableMap') as DictionaryClass;
const at = '2026-03-10T12:00:00.000Z';

/** 50 conversations of 200 generated messages, and one message each with a word of its own. */
function builtIndex(): IndexState {
  const state = emptyIndex(Dictionary);
  const random = randomSource(3);
  const topics = topicWords();
  for (let c = 0; c < 50; c++) {
    for (let m = 0; m < 200; m++) {
      const content = sentence(random, topics, 10 + Math.floor(random() * 60));
      addMessage(state, `c${c}`, { id: `c${c}-m${m}`, role: m % 2 ? 'assistant' : 'user', content, createdAt: at }, m);
    }
  }
  addMessage(state, 'c1', { id: 'draft', role: 'assistant', content: 'numbats eat termites', createdAt: at }, 9_999);
  addMessage(state, 'c2', { id: 'gone', role: 'user', content: 'echidnas lay eggs', createdAt: at }, 9_999);
  return state;
}

const ids = (state: IndexState, query: string) =>
  searchIndex(state, { query, limit: 20 }).docs.map((doc) => docRow(state, doc)[1]).sort();

describe('the sliced save', () => {
  it('lets a search and changes run between its slices, and saves the index as of its start', async () => {
    const state = builtIndex();
    const order: string[] = [];
    const saving = serializeSnapshot(snapshotIndex(state), indexFormatVersion(), sliceClock(0)).then((parts) => {
      order.push('saved');
      return parts;
    });
    setImmediate(() => {
      order.push(`searched ${ids(state, 'numbats').join()}`);
      addMessage(state, 'c3', { id: 'new', role: 'user', content: 'wombats dig burrows', createdAt: at }, 9_999);
      addMessage(state, 'c1', { id: 'draft', role: 'assistant', content: 'quokkas smile', createdAt: at }, 10_999);
      removeConversation(state, 'c2');
      order.push(`changed ${ids(state, 'wombats').join()} ${ids(state, 'numbats').join()}`);
    });
    const parts = await saving;
    expect(order).toEqual(['searched draft', 'changed new ', 'saved']);

    const saved = restoreIndex(emptyIndex(Dictionary), parts.join(''), indexFormatVersion());
    expect(saved.live).toBe(50 * 200 + 2);
    expect(ids(saved, 'numbats termites')).toEqual(['draft']);
    expect(ids(saved, 'echidnas')).toEqual(['gone']);
    expect(ids(saved, 'wombats')).toEqual([]);
    expect(ids(saved, 'quokkas')).toEqual([]);
    // Every generated message is still there under its own id.
    expect(new Set(saved.docs.messageId).size).toBe(50 * 200 + 2);
  });

  it('leaves out what was removed before its start, and the rest loads to the same results', async () => {
    const state = builtIndex();
    removeConversation(state, 'c2');
    addMessage(state, 'c1', { id: 'draft', role: 'assistant', content: 'quokkas smile', createdAt: at }, 10_999);
    const parts = await serializeSnapshot(snapshotIndex(state), indexFormatVersion(), sliceClock(5));
    const saved = restoreIndex(emptyIndex(Dictionary), parts.join(''), indexFormatVersion());
    expect(saved.live).toBe(49 * 200 + 1);
    expect(ids(saved, 'echidnas')).toEqual([]);
    expect(ids(saved, 'numbats')).toEqual([]);
    expect(ids(saved, 'quokkas')).toEqual(['draft']);
    const topics = topicWords().slice(0, 40);
    for (const word of topics) expect(ids(saved, word)).toEqual(ids(state, word));
  });
});
