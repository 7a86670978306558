// Search at its edges, on the real store, real files and the real search worker: a conversation
// list long enough to reach the index in slices, closing right after start, a replaced message's
// old words (exact, cut short, one typo off) before and after a save, and a one- or two-letter
// start found in well over a million places, which must still answer.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../common/contract';
import type { ConversationStore } from '../../main/core/conversations/conversation-store';
import type { SearchService } from '../../main/core/conversations/search/search-service';
import { randomSource, writeSearchCorpus } from '../support/search-corpus';
import { openConversations, searchOver, startSearchOver } from '../support/search-harness';

let dataDir: string;
let store: ConversationStore;
let search: SearchService;

async function startSearch(): Promise<void> {
  ({ store, search } = await startSearchOver(dataDir, 20));
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'aide-search-limits-'));
});
afterEach(async () => {
  await search.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

function message(id: string, role: ChatMessage['role'], content: string): ChatMessage {
  return { id, role, content, createdAt: '2026-03-10T12:00:00.000Z', status: 'complete' };
}

const find = async (query: string) => (await search.search({ query, limit: 20 })).results;
const ids = async (query: string) => (await find(query)).map((hit) => hit.messageId).sort();

describe('opening the index', () => {
  it('indexes every conversation of a list of 1,100 (it reaches the index in slices of 500)', async () => {
    const written = await writeSearchCorpus(dataDir, 1_100, 1);
    const writer = openConversations(dataDir);
    // The store lists conversations in the order they were made: one in each slice.
    for (const [n, at] of [0, 550, 1_099].entries())
      await writer.append(written[at]!, message(`quokka-${n}`, 'user', `Do quokkas really smile? (${n})`));

    await startSearch();
    expect(await ids('quokkas')).toEqual(['quokka-0', 'quokka-1', 'quokka-2']);
  });

  it('saves the index when closed right after start, and finds what was appended meanwhile', async () => {
    const first = openConversations(dataDir);
    const { id } = await first.create('Birds');
    await first.append(id, message('m1', 'user', 'Where do puffins nest?'));
    store = first;
    search = searchOver(dataDir, first, 20);
    search.start();
    await first.append(id, message('m2', 'assistant', 'Puffins nest in burrows on cliff tops.'));
    await search.dispose();

    await startSearch();
    expect(await ids('puffins')).toEqual(['m1', 'm2']);
    expect(await ids('burrows')).toEqual(['m2']);
  });
});

describe('a replaced message', () => {
  it('is not found by its old words, cut short or one typo off, before or after the index is saved', async () => {
    await startSearch();
    const { id } = await store.create('Ice');
    await store.append(id, message('answer', 'assistant', 'A first draft about glaciers and moraines'));
    await store.append(id, message('other', 'user', 'Tell me about moraines'));
    expect(await ids('glaciers')).toEqual(['answer']);

    await store.append(id, message('answer', 'assistant', 'The final answer is about fjords'));
    for (const old of ['glaciers', 'glaci', 'glacieers', 'glaciers fjords']) expect(await ids(old)).toEqual([]);
    expect(await ids('moraines')).toEqual(['other']);
    expect(await ids('fjords')).toEqual(['answer']);

    await search.save();
    await search.dispose();
    await startSearch();
    for (const old of ['glaciers', 'glaci', 'glacieers']) expect(await ids(old)).toEqual([]);
    expect(await ids('moraines')).toEqual(['other']);
  });
});

describe('a very common short start', () => {
  /**
   * 110,000 messages of 16 different words, every one starting "sh": a search for "s" or "sh"
   * completes to all 17,576 of them, 1.76 million postings, over the 1.5 million the index reads.
   */
  async function writeShCorpus(): Promise<void> {
    const random = randomSource(5);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const vocabulary: string[] = [];
    for (const a of letters) for (const b of letters) for (const c of letters) vocabulary.push(`sh${a}${b}${c}`);
    const writer = openConversations(dataDir);
    for (let c = 0; c < 11; c++) {
      const { id } = await writer.create(`Sh ${c}`);
      const lines: string[] = [];
      for (let m = 0; m < 10_000; m++) {
        const words = new Set<string>();
        while (words.size < 16) words.add(vocabulary[Math.floor(random() * vocabulary.length)]!);
        lines.push(JSON.stringify({ type: 'message', message: message(`c${c}-m${m}`, 'user', [...words].join(' ')) }));
      }
      await writeFile(join(dataDir, 'conversations', `${id}.jsonl`), `${lines.join('\n')}\n`);
    }
  }

  it('still answers a one- or two-letter search with results, in well under a few seconds', async () => {
    await writeShCorpus();
    await startSearch();
    // The index built is saved first (seconds for 1.76 million postings): the worker answers after.
    await search.save();
    for (const query of ['s', 'sh']) {
      const started = performance.now();
      const results = await find(query);
      const ms = performance.now() - started;
      expect(results).toHaveLength(20);
      for (const hit of results) {
        const words = hit.snippet.filter((part) => part.match).map((part) => part.text);
        expect(words.length).toBeGreaterThan(0);
        for (const word of words) expect(word).toMatch(/^sh[a-z]{3}$/);
      }
      // A walk over every completion's postings is what the cap prevents; "hangs" means seconds.
      expect(ms).toBeLessThan(3_000);
    }
  }, 60_000);
});
