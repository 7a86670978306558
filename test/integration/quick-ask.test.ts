// Quick ask and the offline path through the whole core: plain reminder commands are created by
// the local parser without the model (no key, no network), anything else goes to the model; and
// "Pause reminders" holds notifications until it ends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, replies } from '../support/fake-openai-server';
import { startHarness, type Harness } from '../support/core-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const chatRequests = () => h.server.requests.filter((r) => r.path === '/v1/chat/completions');
const useOpenAIWithoutKey = () => h.core.handlers.updateSettings({ baseUrl: 'https://api.openai.com/v1' });

describe('quick ask', () => {
  it('creates a plain reminder at once, offline and without a key, with Undo', async () => {
    await useOpenAIWithoutKey();
    const before = Date.now();
    const result = await h.core.handlers.quickAsk({ text: 'remind me to stretch in 10 minutes' });
    expect(result.kind).toBe('created');
    if (result.kind !== 'created') return;
    expect(result.message).toMatch(/stretch/);
    const [reminder] = await h.core.handlers.listReminders();
    expect(reminder?.title).toBe('stretch');
    const due = Date.parse(reminder!.due);
    expect(due).toBeGreaterThanOrEqual(before + 10 * 60_000 - 1000);
    expect(due).toBeLessThanOrEqual(Date.now() + 10 * 60_000 + 1000);
    expect(h.server.requests).toHaveLength(0);
    expect(await h.core.handlers.undo({ token: result.card.undoToken! })).toEqual({ ok: true });
    expect(await h.core.handlers.listReminders()).toEqual([]);
  });

  it('creates an appointment from a time range', async () => {
    const result = await h.core.handlers.quickAsk({ text: 'dentist tomorrow 3-4pm' });
    expect(result.kind).toBe('created');
    const [dentist] = await h.core.handlers.listAppointments();
    expect(dentist?.title).toBe('dentist');
    expect(Date.parse(dentist!.end) - Date.parse(dentist!.start)).toBe(3_600_000);
  });

  it('without a desktop, "show" tells the open quick-ask pages they were shown', async () => {
    const before = Date.now();
    await h.core.handlers.showQuickAsk();
    const shown = await h.waitFor('quickAskShown');
    expect(shown.shownAt).toBeGreaterThanOrEqual(before);
  });

  it('asks "when?" for a reminder without a time, and creates nothing', async () => {
    const result = await h.core.handlers.quickAsk({ text: 'remind me to call mom' });
    expect(result).toMatchObject({ kind: 'incomplete', title: 'call mom' });
    if (result.kind === 'incomplete') expect(result.message).toMatch(/When/);
    expect(await h.core.handlers.listReminders()).toEqual([]);
  });

  it('sends a question to the model in a new conversation and streams the answer', async () => {
    expect((await h.core.handlers.saveKey({ key: DEFAULT_API_KEY })).ok).toBe(true);
    h.server.enqueue(replies.stream('15% of 240 is 36.'));
    const result = await h.core.handlers.quickAsk({ text: "what's 15% of 240?" });
    expect(result.kind).toBe('chat');
    if (result.kind !== 'chat') return;
    const done = await h.waitFor('chatDone', (p) => p.message.id === result.assistantMessageId);
    expect(done.message.content).toBe('15% of 240 is 36.');
    expect((await h.core.handlers.listConversations()).map((c) => c.id)).toContain(result.conversationId);
    await h.core.handlers.showConversation({ id: result.conversationId });
    expect(await h.waitFor('conversationRequested')).toEqual({ id: result.conversationId });
  });
});

describe('the main chat without a key or network', () => {
  it('sets a plain reminder offline when no key is set, and says so', async () => {
    await useOpenAIWithoutKey();
    const conversation = await h.core.handlers.createConversation();
    const sent = await h.core.handlers.sendMessage({ conversationId: conversation.id, text: 'remind me to call mom tomorrow at 5pm' });
    const done = await h.waitFor('chatDone', (p) => p.message.id === sent.assistantMessageId);
    expect(done.message.content).toMatch(/added offline, because no API key is set/);
    expect(done.message.cards?.[0]).toMatchObject({ action: 'created', items: [{ title: 'call mom' }] });
    expect((await h.core.handlers.listReminders()).map((r) => r.title)).toEqual(['call mom']);
    expect(chatRequests()).toHaveLength(0);
  });

  it('still explains the missing key for anything the parser cannot do', async () => {
    await useOpenAIWithoutKey();
    const conversation = await h.core.handlers.createConversation();
    await h.core.handlers.sendMessage({ conversationId: conversation.id, text: 'translate "good morning" into French' });
    const failed = await h.waitFor('chatError');
    expect(failed.error.code).toBe('no_key');
    expect(failed.error.message).toMatch(/Plain reminders .* work without one/);
  });

  it('sets a plain reminder offline when the server cannot be reached', async () => {
    await h.core.handlers.updateSettings({ baseUrl: 'http://127.0.0.1:1/v1' });
    const conversation = await h.core.handlers.createConversation();
    const sent = await h.core.handlers.sendMessage({ conversationId: conversation.id, text: 'remind me to take the bins out in 2 hours' });
    const done = await h.waitFor('chatDone', (p) => p.message.id === sent.assistantMessageId);
    expect(done.message.content).toMatch(/added offline, because 127\.0\.0\.1:1 cannot be reached/);
    expect((await h.core.handlers.listReminders()).map((r) => r.title)).toEqual(['take the bins out']);
  });
});

describe('pausing reminders', () => {
  it('holds what fires during the pause and delivers it as one group when resumed', async () => {
    expect((await h.core.handlers.saveKey({ key: DEFAULT_API_KEY })).ok).toBe(true);
    const paused = await h.core.handlers.pauseReminders({ minutes: 60 });
    expect(Date.parse(paused.remindersPausedUntil!)).toBeGreaterThan(Date.now() + 59 * 60_000);

    const due = new Date(Math.ceil(Date.now() / 1000 + 1.5) * 1000).toISOString().replace('.000', '');
    h.server.enqueue(
      { kind: 'toolCalls', calls: [{ name: 'create_reminder', arguments: JSON.stringify({ title: 'Breathe', due, rrule: null, notes: null }) }] },
      replies.stream('Set.'),
    );
    const conversation = await h.core.handlers.createConversation();
    const sent = await h.core.handlers.sendMessage({ conversationId: conversation.id, text: 'remind me to breathe' });
    await h.waitFor('chatDone', (p) => p.message.id === sent.assistantMessageId);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(due) - Date.now() + 1500));
    expect(h.events.some((e) => e.name === 'reminderFired')).toBe(false);

    const resumed = await h.core.handlers.pauseReminders({ minutes: 0 });
    expect(resumed.remindersPausedUntil).toBeNull();
    const fired = await h.waitFor('reminderFired');
    expect(fired.items).toMatchObject([{ title: 'Breathe' }]);
  });
});
