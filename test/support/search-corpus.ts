// Generated conversations for search tests and the search benchmark: a deterministic mix of
// everyday words (Zipf-distributed, as in real text) and rarer topic words, written straight into
// conversation files the way the store writes them, so a large data folder takes seconds, not minutes.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatMessage } from '../../common/contract';
import { ConversationStore } from '../../main/core/conversations/conversation-store';
import { systemClock } from '../../main/core/ports';
import { openConfStore } from '../../main/core/storage/open-store';

const COMMON = (
  'the a to of and in is it you that for on with this be are can as your or at have not will if by from ' +
  'an but more what how do use one when which there about so all some would like time also make need ' +
  'should first then these other into just than here may each way new well help most could over good ' +
  'because want only work any step file data people after day want think know see look right get'
).split(' ');
const SYLLABLES = 'ka lo mi ren tas vor pel dun gri sha ton bel quo fen lim zar nup ix'.split(' ');
export const MODELS = ['gpt-4o', 'gpt-4o-mini', 'llama3.1'];

/** A small deterministic random source (mulberry32), so every run searches the same text. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 20,000 made-up topic words ("kalomi", "renvortas"…), the long tail of a real vocabulary. */
export function topicWords(count = 20_000): string[] {
  const random = randomSource(7);
  const words = new Set<string>();
  while (words.size < count) {
    const parts = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < parts; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** A message's text: `length` words, mostly common ones, a topic word now and then (Zipf-like). */
export function sentence(random: () => number, topics: string[], length: number): string {
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    if (random() < 0.8) words.push(COMMON[Math.floor(COMMON.length * random() ** 2)]!);
    else words.push(topics[Math.floor(topics.length * random() ** 3)]!);
    if (i % 12 === 11) words[words.length - 1] += '.';
  }
  return words.join(' ');
}

/**
 * Writes `conversations` conversations of `perConversation` messages each (alternately the
 * person's and an answer), times spread over the last two years. Returns their ids, oldest first.
 */
export async function writeSearchCorpus(
  dataDir: string,
  conversations: number,
  perConversation: number,
): Promise<string[]> {
  const store = new ConversationStore(openConfStore, dataDir, systemClock);
  const topics = topicWords();
  const random = randomSource(42);
  const ids: string[] = [];
  const start = Date.parse('2024-11-01T00:00:00Z');
  for (let c = 0; c < conversations; c++) {
    const { id } = await store.create(`Conversation ${c}`);
    const model = MODELS[c % MODELS.length]!;
    const lines: string[] = [];
    for (let m = 0; m < perConversation; m++) {
      const user = m % 2 === 0;
      const message: ChatMessage = {
        id: `c${c}-m${m}`,
        role: user ? 'user' : 'assistant',
        content: sentence(random, topics, user ? 8 + Math.floor(random() * 25) : 30 + Math.floor(random() * 90)),
        createdAt: new Date(start + (c * perConversation + m) * 60_000).toISOString(),
        status: 'complete',
        ...(!user && { model }),
      };
      lines.push(JSON.stringify({ type: 'message', message }));
    }
    await writeFile(join(dataDir, 'conversations', `${id}.jsonl`), `${lines.join('\n')}\n`);
    ids.push(id);
  }
  return ids;
}
