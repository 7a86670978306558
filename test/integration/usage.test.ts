// Usage through the whole core: the ledger adds up the usage chunks the local server sends (cached
// tokens too) for chat, tool rounds and quick ask; costs from the price table; the budget's warning
// and hard stop; per-conversation model and instructions; local months with a fake clock.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { UsageSummary } from '../../common/contract';
import { DEFAULT_API_KEY, replies, type Reply } from '../support/fake-openai-server';
import { startHarness, type Harness, type HarnessOptions } from '../support/core-harness';

let h: Harness;
afterEach(async () => {
  await h.close();
});

async function start(options: HarnessOptions = {}) {
  h = await startHarness(options);
  expect((await h.core.handlers.saveKey({ key: DEFAULT_API_KEY })).ok).toBe(true);
}

const chatRequests = () => h.server.requests.filter((r) => r.path === '/v1/chat/completions');
const finished = (messageId: string) => h.waitFor('chatDone', (p) => p.message.id === messageId);

async function ask(text: string, conversationId?: string) {
  const id = conversationId ?? (await h.core.handlers.createConversation()).id;
  const sent = await h.core.handlers.sendMessage({ conversationId: id, text });
  return { conversationId: id, ...sent };
}

async function ledgerText(): Promise<string> {
  await h.core.handlers.exportUsageCsv(); // waits for the lines being written
  const dir = join(h.dataDir, 'usage');
  const files = await readdir(dir);
  return (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('');
}

const inHours = (hours: number) => new Date(Math.ceil(Date.now() / 1000 + hours * 3600) * 1000).toISOString().replace('.000', '');

describe('the usage ledger', () => {
  it('adds up every request of a chat, its tool round and a quick ask, with cached tokens and the feature', async () => {
    await start();
    const toolRound: Reply = {
      kind: 'toolCalls',
      calls: [{ name: 'create_reminder', arguments: JSON.stringify({ title: 'Water the plants', due: inHours(3), rrule: null, notes: null }) }],
      usage: { prompt_tokens: 1200, completion_tokens: 30, cached_tokens: 1024 },
    };
    h.server.enqueue(
      toolRound,
      replies.stream('Done, I will remind you.', { usage: { prompt_tokens: 1300, completion_tokens: 20, cached_tokens: 1152 } }),
      replies.stream('36.', { usage: { prompt_tokens: 500, completion_tokens: 10 } }),
    );
    const chat = await ask('remind me to water the plants in 3 hours');
    await finished(chat.assistantMessageId);
    const quick = await h.core.handlers.quickAsk({ text: "what's 15% of 240?" });
    if (quick.kind !== 'chat') throw new Error(`expected a model answer, got ${quick.kind}`);
    await finished(quick.assistantMessageId);

    const lines = (await ledgerText())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map(({ time: _time, ...rest }) => rest)).toEqual([
      { model: 'gpt-4o-mini', feature: 'chat', conversationId: chat.conversationId, promptTokens: 1200, cachedTokens: 1024, completionTokens: 30 },
      { model: 'gpt-4o-mini', feature: 'tool_round', conversationId: chat.conversationId, promptTokens: 1300, cachedTokens: 1152, completionTokens: 20 },
      { model: 'gpt-4o-mini', feature: 'quick_ask', conversationId: quick.conversationId, promptTokens: 500, cachedTokens: 0, completionTokens: 10 },
    ]);
    expect(lines.every((l) => typeof l.time === 'string' && !Number.isNaN(Date.parse(l.time)))).toBe(true);

    const usage = await h.core.handlers.getUsage();
    const cost = ((3000 - 2176) * 0.15 + 2176 * 0.075 + 60 * 0.6) / 1_000_000;
    expect(usage.today).toMatchObject({ requests: 3, promptTokens: 3000, cachedTokens: 2176, completionTokens: 60, totalTokens: 3060, unpricedTokens: 0 });
    expect(usage.today.costUsd).toBeCloseTo(cost, 12);
    expect(usage.month).toEqual(usage.today);
    expect(usage.byModel).toMatchObject([{ model: 'gpt-4o-mini', requests: 3 }]);
    expect(usage.byConversation.map((c) => [c.title, c.totalTokens])).toEqual([
      ['remind me to water the plants in 3 hours', 2550],
      ["what's 15% of 240?", 510],
    ]);
    expect(usage.days.at(-1)?.totalTokens).toBe(3060);
    const changes = h.events.filter((e) => e.name === 'usageChanged');
    expect(changes).toHaveLength(3);
    expect((changes.at(-1)!.payload as UsageSummary).today.requests).toBe(3);

    await h.core.handlers.deleteConversation({ id: quick.conversationId });
    expect((await h.core.handlers.getUsage()).byConversation.map((c) => c.title)).toContain('Deleted conversation');
    await h.restart();
    expect((await h.core.handlers.getUsage()).today.requests).toBe(3);
  });

  it('holds no message text and no key', async () => {
    await start();
    h.server.enqueue(replies.stream('The secret answer is pineapple.'));
    const { assistantMessageId } = await ask('Tell me the secret word, it is marmalade');
    await finished(assistantMessageId);
    const text = await ledgerText();
    expect(text.trim().split('\n')).toHaveLength(1);
    for (const secret of ['marmalade', 'pineapple', DEFAULT_API_KEY, 'secret']) expect(text).not.toContain(secret);
    const csv = await h.core.handlers.exportUsageCsv();
    for (const secret of ['marmalade', 'pineapple', DEFAULT_API_KEY]) expect(csv.content).not.toContain(secret);
  });

  it('records nothing for a key check (GET /models has no tokens)', async () => {
    await start();
    expect((await h.core.handlers.getUsage()).month.requests).toBe(0);
    expect(h.server.requests.some((r) => r.path === '/v1/models')).toBe(true);
  });
});

describe('prices', () => {
  it('shows an unknown model’s tokens without a price until the user prices it', async () => {
    await start();
    await h.core.handlers.updateSettings({ model: 'llama3.2' });
    h.server.enqueue(replies.stream('Hi.', { usage: { prompt_tokens: 100, completion_tokens: 20 } }));
    await finished((await ask('Hello')).assistantMessageId);
    expect((await h.core.handlers.getUsage()).month).toMatchObject({ totalTokens: 120, costUsd: 0, unpricedTokens: 120 });

    const table = await h.core.handlers.getPrices();
    expect(table['gpt-4o-mini']).toEqual({ input: 0.15, cachedInput: 0.075, output: 0.6 });
    // "llama3.2" does not start with "llama-": a prefix counts only up to a "-", so it stays unpriced.
    await h.core.handlers.setPrices({ ...table, llama: { input: 10, cachedInput: null, output: 20 } });
    expect((await h.core.handlers.getUsage()).month.unpricedTokens).toBe(120);
    const saved = await h.core.handlers.setPrices({ ...table, 'llama3.2': { input: 10, cachedInput: null, output: 20 } });
    expect(saved['llama3.2']).toEqual({ input: 10, cachedInput: null, output: 20 });
    await h.waitFor('usageChanged', (summary) => summary.month.unpricedTokens === 0);
    const month = (await h.core.handlers.getUsage()).month;
    expect(month.unpricedTokens).toBe(0);
    expect(month.costUsd).toBeCloseTo((100 * 10 + 20 * 20) / 1_000_000, 12);
    await h.restart();
    expect((await h.core.handlers.getPrices())['llama3.2']).toEqual({ input: 10, cachedInput: null, output: 20 });
  });

  it('prices a dated snapshot by its model’s entry', async () => {
    await start();
    await h.core.handlers.updateSettings({ model: 'gpt-4.1-mini-2025-04-14' });
    h.server.enqueue(replies.stream('Hi.', { usage: { prompt_tokens: 1_000_000, completion_tokens: 1_000_000 } }));
    await finished((await ask('Hello')).assistantMessageId);
    const usage = await h.core.handlers.getUsage();
    expect(usage.byModel).toMatchObject([{ model: 'gpt-4.1-mini-2025-04-14', unpricedTokens: 0 }]);
    expect(usage.month.costUsd).toBeCloseTo(0.4 + 1.6, 10);
  });
});

describe('the monthly budget', () => {
  it('warns at 80%, then the hard stop blocks requests before they reach the server until the budget is raised', async () => {
    await start();
    // A dollar per thousand prompt tokens keeps the numbers readable.
    await h.core.handlers.setPrices({ 'gpt-4o-mini': { input: 1000, cachedInput: null, output: 0 } });
    await h.core.handlers.updateSettings({ budget: { monthlyUsd: 5, warnAt: 0.8, hardStop: true } });
    h.server.enqueue(
      replies.stream('One.', { usage: { prompt_tokens: 3000, completion_tokens: 5 } }),
      replies.stream('Two.', { usage: { prompt_tokens: 1100, completion_tokens: 5 } }),
      replies.stream('Three.', { usage: { prompt_tokens: 1020, completion_tokens: 5 } }),
    );
    const first = await ask('first');
    await finished(first.assistantMessageId);
    expect(h.events.some((e) => e.name === 'budgetAlert')).toBe(false);
    expect((await h.core.handlers.getUsage()).budget).toMatchObject({ monthlyUsd: 5, spentUsd: 3, share: 0.6, state: 'ok' });

    await finished((await ask('second', first.conversationId)).assistantMessageId);
    const warning = await h.waitFor('budgetAlert');
    expect(warning).toEqual({ state: 'warning', message: "You have used 82% of this month's budget ($4.10 of $5.00)." });
    expect((await h.core.handlers.getUsage()).budget.state).toBe('warning');

    await finished((await ask('third', first.conversationId)).assistantMessageId);
    const blocked = await h.waitFor('budgetAlert', (a) => a.state === 'blocked');
    expect(blocked.message).toMatch(/used up \(\$5\.12 of \$5\.00\)/);
    expect(chatRequests()).toHaveLength(3);

    const fourth = await ask('fourth', first.conversationId);
    const refused = await h.waitFor('chatError', (e) => e.messageId === fourth.assistantMessageId);
    expect(refused.error).toEqual({
      code: 'budget',
      message: "This month's budget of $5.00 is used up ($5.12 spent). Raise it in Settings → Usage to continue.",
      retryable: true,
    });
    const quick = await h.core.handlers.quickAsk({ text: 'what is the capital of Peru?' });
    if (quick.kind !== 'chat') throw new Error(`expected a model answer, got ${quick.kind}`);
    expect((await h.waitFor('chatError', (e) => e.messageId === quick.assistantMessageId)).error.code).toBe('budget');
    expect(chatRequests()).toHaveLength(3);
    const kept = await h.core.handlers.getConversation({ id: first.conversationId });
    expect(kept?.messages.at(-1)).toMatchObject({ role: 'user', content: 'fourth' });
    expect(h.events.filter((e) => e.name === 'budgetAlert')).toHaveLength(2);

    await h.core.handlers.updateSettings({ budget: { monthlyUsd: 20, warnAt: 0.8, hardStop: true } });
    expect((await h.core.handlers.getUsage()).budget.state).toBe('ok');
    const { assistantMessageId } = await h.core.handlers.retry({ conversationId: first.conversationId });
    await finished(assistantMessageId);
    expect(chatRequests()).toHaveLength(4);
  });

  it('without the hard stop, a spent budget only warns', async () => {
    await start();
    await h.core.handlers.setPrices({ 'gpt-4o-mini': { input: 1000, cachedInput: null, output: 0 } });
    await h.core.handlers.updateSettings({ budget: { monthlyUsd: 1, warnAt: 0.8, hardStop: false } });
    h.server.enqueue(replies.stream('One.', { usage: { prompt_tokens: 2000, completion_tokens: 1 } }));
    const first = await ask('first');
    await finished(first.assistantMessageId);
    expect(await h.waitFor('budgetAlert')).toMatchObject({ state: 'warning' });
    await finished((await ask('second', first.conversationId)).assistantMessageId);
    expect(chatRequests()).toHaveLength(2);
    expect(h.events.filter((e) => e.name === 'budgetAlert')).toHaveLength(1);
  });
});

describe('per-conversation settings', () => {
  it('uses the conversation’s own model and adds its custom instructions to the system message', async () => {
    await start();
    const { id } = await h.core.handlers.createConversation();
    const updated = await h.core.handlers.updateConversation({ id, model: 'gpt-4.1-mini', systemPrompt: 'Answer like a pirate.' });
    expect(updated).toMatchObject({ id, model: 'gpt-4.1-mini', systemPrompt: 'Answer like a pirate.' });
    await finished((await ask('Hello', id)).assistantMessageId);
    const body = chatRequests()[0]!.body as { model: string; messages: { role: string; content: string }[] };
    expect(body.model).toBe('gpt-4.1-mini');
    expect(body.messages[0]!.content).toMatch(/custom instructions for this conversation:\nAnswer like a pirate\.$/);
    expect((await h.core.handlers.getUsage()).byModel.map((m) => m.model)).toEqual(['gpt-4.1-mini']);

    await h.restart();
    expect((await h.core.handlers.listConversations()).find((c) => c.id === id)).toMatchObject({ model: 'gpt-4.1-mini' });
    await h.core.handlers.updateConversation({ id, model: null, systemPrompt: null });
    await finished((await ask('Again', id)).assistantMessageId);
    const again = chatRequests()[1]!.body as { model: string; messages: { content: string }[] };
    expect(again.model).toBe('gpt-4o-mini');
    expect(again.messages[0]!.content).not.toContain('pirate');
  });
});

describe('local days and months (fake clock)', () => {
  it('puts a request on the user’s local day, and a new month starts at local midnight', async () => {
    let now = Date.parse('2026-03-31T10:30:00Z'); // 23:30 on 31 March in Auckland (UTC+13)
    await start({ clock: { now: () => new Date(now) }, timeZone: () => 'Pacific/Auckland' });
    h.server.enqueue(replies.stream('Late.', { usage: { prompt_tokens: 1000, completion_tokens: 10 } }));
    await finished((await ask('late question')).assistantMessageId);
    let usage = await h.core.handlers.getUsage();
    expect(usage.today.totalTokens).toBe(1010);
    expect(usage.month.totalTokens).toBe(1010);
    expect(usage.days.at(-1)).toMatchObject({ date: '2026-03-31', totalTokens: 1010 });

    now = Date.parse('2026-03-31T11:30:00Z'); // 00:30 on 1 April in Auckland, still March in UTC
    usage = await h.core.handlers.getUsage();
    expect(usage.today.totalTokens).toBe(0);
    expect(usage.month.totalTokens).toBe(0);
    expect(usage.days.slice(-2)).toEqual([
      { date: '2026-03-31', totalTokens: 1010, costUsd: expect.any(Number) },
      { date: '2026-04-01', totalTokens: 0, costUsd: 0 },
    ]);
    expect((await h.core.handlers.exportUsageCsv()).filename).toBe('aide-usage-2026-04-01.csv');

    now = Date.parse('2026-04-20T00:00:00Z');
    await h.restart();
    usage = await h.core.handlers.getUsage();
    expect(usage.month.requests).toBe(0);
    expect(usage.days.find((d) => d.date === '2026-03-31')?.totalTokens).toBe(1010);
  });
});

it('exports the ledger as CSV, one row per request', async () => {
  await start();
  h.server.enqueue(replies.stream('Hi.', { usage: { prompt_tokens: 2000, completion_tokens: 100, cached_tokens: 1000 } }));
  const { conversationId, assistantMessageId } = await ask('Hello');
  await finished(assistantMessageId);
  const csv = await h.core.handlers.exportUsageCsv();
  expect(csv.filename).toMatch(/^aide-usage-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, row, end] = csv.content.split('\r\n');
  expect(header).toBe('time,model,feature,conversation_id,prompt_tokens,cached_tokens,completion_tokens,cost_usd');
  expect(row).toMatch(new RegExp(`^[^,]+,gpt-4o-mini,chat,${conversationId},2000,1000,100,0\\.000285$`));
  expect(end).toBe('');
});
