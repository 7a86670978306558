// Search across conversations on the real store, real files and the real search worker: words,
// prefixes and typos, filters, changes as they happen, a restart that uses the saved index, and a
// damaged index rebuilt.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../common/contract';
import type { ConversationStore } from '../../main/core/conversations/conversation-store';
import type { SearchService } from '../../main/core/conversations/search/search-service';
import { startHarness } from '../support/core-harness';
import { DEFAULT_API_KEY, replies } from '../support/fake-openai-server';
import { openConversations, startSearchOver } from '../support/search-harness';

let dataDir: string;
let store: ConversationStore;
let search: SearchService;

async function startSearch(): Promise<void> {
  ({ store, search } = await startSearchOver(dataDir, 20));
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'aide-search-'));
  await startSearch();
});
afterEach(async () => {
  await search.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

let counter = 0;
function message(role: ChatMessage['role'], content: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  counter += 1;
  return {
    id: `msg-${counter}`,
    role,
    content,
    createdAt: '2026-03-10T12:00:00.000Z',
    status: 'complete',
    ...(role === 'assistant' && { model: 'gpt-4o' }),
    ...extra,
  };
}

async function conversation(title: string, messages: ChatMessage[]): Promise<string> {
  const { id } = await store.create(title);
  for (const m of messages) await store.append(id, m);
  return id;
}

const find = async (query: string, extra: { from?: string; to?: string; model?: string } = {}) =>
  (await search.search({ query, limit: 20, ...extra })).results;
const ids = async (query: string, extra: { from?: string; to?: string; model?: string } = {}) =>
  (await find(query, extra)).map((hit) => hit.messageId).sort();
const marked = (snippet: { text: string; match: boolean }[]) => snippet.filter((s) => s.match).map((s) => s.text);

describe('finding messages', () => {
  it('finds words in the person’s messages and in answers, with the conversation and the words marked', async () => {
    const question = message('user', 'Which lens should I buy for my Fujifilm camera?');
    const answer = message('assistant', 'For portraits, a **56mm** lens on the Fujifilm body works beautifully.');
    const id = await conversation('Camera advice', [question, answer]);
    await conversation('Cooking', [message('user', 'How long do I boil an egg?')]);

    const hits = await find('fujifilm lens');
    expect(hits.map((h) => h.messageId).sort()).toEqual([question.id, answer.id].sort());
    const fromAnswer = hits.find((h) => h.messageId === answer.id)!;
    expect(fromAnswer).toMatchObject({
      conversationId: id,
      title: 'Camera advice',
      role: 'assistant',
      model: 'gpt-4o',
    });
    expect(marked(fromAnswer.snippet).map((w) => w.toLowerCase())).toEqual(['lens', 'fujifilm']);
    expect(fromAnswer.snippet.map((s) => s.text).join('')).toContain('a **56mm** lens on the Fujifilm body');
    expect(hits.find((h) => h.messageId === question.id)).toMatchObject({ role: 'user', model: null });
  });

  it('forgives a prefix and one typo in a longer word, not a wrong short word', async () => {
    const m = message('user', 'Planning the itinerary for Barcelona next spring');
    await conversation('Trip', [m]);
    expect(await ids('itiner')).toEqual([m.id]);
    expect(await ids('barcelna')).toEqual([m.id]);
    expect(await ids('itinerery barcelona')).toEqual([m.id]);
    // "nest" is one letter off "next", but four letters are too few to guess at.
    expect(await ids('nest')).toEqual([]);
    expect(await ids('barcelona tokyo')).toEqual([]);
  });

  it('filters by date range and by the model that answered', async () => {
    const march = message('user', 'budget spreadsheet for march', { createdAt: '2026-03-05T09:00:00.000Z' });
    const may = message('assistant', 'budget spreadsheet for may', { createdAt: '2026-05-05T09:00:00.000Z' });
    const local = message('assistant', 'budget spreadsheet locally', {
      createdAt: '2026-05-06T09:00:00.000Z',
      model: 'llama3.1',
    });
    await conversation('Money', [march, may]);
    await conversation('Local', [local]);

    expect(await ids('budget')).toEqual([march.id, may.id, local.id].sort());
    expect(await ids('budget', { from: '2026-04-01T00:00:00Z' })).toEqual([may.id, local.id].sort());
    expect(await ids('budget', { to: '2026-04-01T00:00:00+02:00' })).toEqual([march.id]);
    // The model filter keeps conversations that model answered in, the person's messages included.
    expect(await ids('budget', { model: 'gpt-4o' })).toEqual([march.id, may.id].sort());
    expect(await ids('budget', { model: 'llama3.1' })).toEqual([local.id]);
    expect(await ids('spreadsheet budget', { from: '2026-04-01T00:00:00Z', model: 'gpt-4o' })).toEqual([may.id]);
    expect((await search.search({ query: 'budget', limit: 5 })).models).toEqual(['gpt-4o', 'llama3.1']);
  });

  it('finds words inside Markdown code and symbols, and marks them', async () => {
    const m = message('assistant', 'Run `npm ci` first, then $HOME/bin/deploy.sh --dry-run.');
    await conversation('Deploy', [m]);
    expect(await ids('npm')).toEqual([m.id]);
    expect(await ids('home deploy')).toEqual([m.id]);
    expect(marked((await find('npm'))[0]!.snippet)).toEqual(['npm']);
  });

  it('puts the message where the words weigh most first, and returns no more than asked', async () => {
    const once = message('user', 'Our trip starts in Lisbon, then we drive along the coast for a week or so.');
    const often = message('user', 'Lisbon, Lisbon, Lisbon!');
    const others = Array.from({ length: 5 }, (_, i) => message('user', `Lisbon note ${i} with a few more words`));
    await conversation('Portugal', [once, ...others, often]);
    const { results } = await search.search({ query: 'lisbon', limit: 3 });
    expect(results).toHaveLength(3);
    expect(results[0]!.messageId).toBe(often.id);
    expect(results.map((r) => r.messageId)).not.toContain(once.id);
  });
});

describe('keeping up with changes', () => {
  it('finds a message as soon as it is appended, and nothing of a deleted conversation', async () => {
    const id = await conversation('Garden', [message('user', 'tomatoes are splitting')]);
    const later = message('assistant', 'Water the tomatoes evenly; irregular watering splits them.');
    await store.append(id, later);
    expect(await ids('irregular watering')).toEqual([later.id]);

    await store.delete(id);
    expect(await find('tomatoes')).toEqual([]);
  });

  it('uses the saved index after a restart without reading the files again', async () => {
    const m = message('user', 'The zebra crossing near the school needs repainting');
    const id = await conversation('Street', [m]);
    await search.dispose();
    // Change the file behind the index's back, keeping its length: only a re-read would notice.
    const file = join(dataDir, 'conversations', `${id}.jsonl`);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('zebra', 'zzzzz'));

    await startSearch();
    expect(await ids('zebra')).toEqual([m.id]);
    expect(await ids('zzzzz')).toEqual([]);
  });

  it('reads only what was appended while the index was not running', async () => {
    const first = message('user', 'harbour ferry timetable');
    const id = await conversation('Ferry', [first]);
    await search.dispose();
    // Another run appended a message but stopped before the index saw it.
    const offline = openConversations(dataDir);
    const added = message('assistant', 'The harbour ferry leaves hourly from pier four.');
    await offline.append(id, added);

    await startSearch();
    expect(await ids('harbour ferry')).toEqual([first.id, added.id].sort());
  });

  it('moves a damaged index aside, rebuilds it in the background and still finds messages', async () => {
    const m = message('assistant', 'Sourdough needs a lively starter and a long cold proof.');
    await conversation('Bread', [m]);
    await search.dispose();
    await writeFile(join(dataDir, 'search-index.json'), '{"version":1,"files":{"x"');

    await startSearch();
    expect(await ids('sourdough starter')).toEqual([m.id]);
    const files = await readdir(dataDir);
    expect(files.some((f) => /^search-index\.corrupt-.*\.json$/.test(f))).toBe(true);
    await search.save();
    expect(JSON.parse(await readFile(join(dataDir, 'search-index.json'), 'utf8'))).toHaveProperty('version');
  });

  it('finds a message appended again under its id by its new words only, also after a restart', async () => {
    const draft = message('assistant', 'A first draft about glaciers');
    const id = await conversation('Ice', [draft]);
    await store.append(id, { ...draft, content: 'The final answer about fjords' });
    expect(await ids('glaciers')).toEqual([]);
    expect(await ids('fjords')).toEqual([draft.id]);

    await search.dispose();
    await startSearch();
    expect(await ids('glaciers')).toEqual([]);
    expect(await ids('fjords')).toEqual([draft.id]);
  });

  it('rebuilds an index saved by an older Aide without keeping it as damaged', async () => {
    const m = message('user', 'Which varnish suits an oak table?');
    await conversation('Furniture', [m]);
    await search.dispose();
    // The shape version 2 saved (MiniSearch's own index): nothing in it.
    await writeFile(
      join(dataDir, 'search-index.json'),
      JSON.stringify({ version: 2, files: {}, docs: [], nextId: 1, index: { documentCount: 0, index: [] } }),
    );

    await startSearch();
    expect(await ids('varnish oak')).toEqual([m.id]);
    expect((await readdir(dataDir)).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('moves an index with damaged word lists aside and rebuilds it', async () => {
    const m = message('assistant', 'Espresso wants a fine grind and fresh beans.');
    await conversation('Coffee', [m]);
    await search.save();
    await search.dispose();
    const file = join(dataDir, 'search-index.json');
    const saved = JSON.parse(await readFile(file, 'utf8')) as { postings: string };
    saved.postings = saved.postings.slice(0, Math.floor(saved.postings.length / 2));
    await writeFile(file, JSON.stringify(saved));

    await startSearch();
    expect(await ids('espresso grind')).toEqual([m.id]);
    expect((await readdir(dataDir)).some((f) => /^search-index\.corrupt-.*\.json$/.test(f))).toBe(true);
  });

  it('builds the index on first start when there is none', async () => {
    const m = message('user', 'Remind me how photosynthesis works');
    await conversation('Biology', [m]);
    await search.dispose();
    await rm(join(dataDir, 'search-index.json'), { force: true });

    await startSearch();
    expect(await ids('photosynthesis')).toEqual([m.id]);
  });
});

describe('opening a conversation at a message', () => {
  it('returns the page around a message thousands back, with what is left out on each side', async () => {
    const { id } = await store.create('Long');
    const all: ChatMessage[] = [];
    for (let i = 0; i < 3_200; i++) all.push(message(i % 2 ? 'assistant' : 'user', `line ${i}`));
    // Written in one go (3,200 appends take seconds); the store takes its file as the truth.
    const lines = all.map((m) => JSON.stringify({ type: 'message', message: m })).join('\n');
    await writeFile(join(dataDir, 'conversations', `${id}.jsonl`), `${lines}\n`);
    const target = all[200]!;

    const page = await store.around(id, target.id, 50, 50);
    expect(page?.messages.map((m) => m.content)).toEqual(all.slice(150, 251).map((m) => m.content));
    expect(page).toMatchObject({ olderCount: 150, newerCount: 3_200 - 251 });
    expect(await store.around(id, 'no-such-message', 5, 5)).toBeNull();
  });
});

describe('in the running core', () => {
  it('indexes a streamed answer once it has finished, and after a restart finds it through the operation', async () => {
    const h = await startHarness({ env: { OPENAI_API_KEY: DEFAULT_API_KEY } });
    try {
      h.server.enqueue(
        replies.stream('Kilimanjaro is best climbed in the dry season, January to March.', { delayMs: 5 }),
      );
      const { id } = await h.core.handlers.createConversation();
      const sent = await h.core.handlers.sendMessage({ conversationId: id, text: 'When should I climb it?' });
      await h.waitFor('chatDone', (p) => p.message.id === sent.assistantMessageId);
      const query = { query: 'kilimanjaro dry', limit: 10 };
      await expect.poll(async () => (await h.core.handlers.searchConversations(query)).results.length).toBe(1);

      await h.restart();
      const { results } = await h.core.handlers.searchConversations(query);
      expect(results).toMatchObject([{ conversationId: id, messageId: sent.assistantMessageId, role: 'assistant' }]);
      expect(marked(results[0]!.snippet)).toEqual(['Kilimanjaro', 'dry']);
      const page = await h.core.handlers.getMessagesAround({
        id,
        messageId: sent.assistantMessageId,
        before: 5,
        after: 5,
      });
      expect(page?.messages.map((m) => m.content)).toEqual([
        'When should I climb it?',
        'Kilimanjaro is best climbed in the dry season, January to March.',
      ]);
    } finally {
      await h.close();
    }
  });
});
