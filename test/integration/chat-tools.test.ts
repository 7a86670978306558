// The model's reminder tools through the whole core: the fake OpenAI server scripts tool calls
// (good and bad), the real reminder store and scheduler act on them, and the events the UI
// shows are checked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, replies, type Reply } from '../support/fake-openai-server';
import { startHarness, type Harness } from '../support/core-harness';

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
  expect((await h.core.handlers.saveKey({ key: DEFAULT_API_KEY })).ok).toBe(true);
});
afterEach(async () => {
  await h.close();
});

/** Whole seconds, as a model writes times. */
const inSeconds = (seconds: number) => new Date(Math.ceil(Date.now() / 1000 + seconds) * 1000).toISOString().replace('.000', '');
const inHours = (hours: number) => inSeconds(hours * 3600);
const call = (name: string, args: object | string, id?: string) => ({
  name,
  arguments: typeof args === 'string' ? args : JSON.stringify(args),
  ...(id && { id }),
});
const toolCalls = (...calls: ReturnType<typeof call>[]): Reply => ({ kind: 'toolCalls', calls });
const chatRequests = () => h.server.requests.filter((r) => r.path === '/v1/chat/completions');
type Sent = { messages: { role: string; content: string | null; tool_call_id?: string }[]; tools?: { function: { name: string; strict: boolean } }[] };
const sentBody = (i: number) => chatRequests()[i]!.body as Sent;
const toolResults = (i: number) =>
  sentBody(i)
    .messages.filter((m) => m.role === 'tool')
    .map((m) => JSON.parse(m.content!) as { ok: boolean; error?: string });

async function ask(text: string) {
  const conversation = await h.core.handlers.createConversation();
  const sent = await h.core.handlers.sendMessage({ conversationId: conversation.id, text });
  return { conversationId: conversation.id, ...sent };
}
const finished = (messageId: string) => h.waitFor('chatDone', (p) => p.message.id === messageId);

describe('reminder tools', () => {
  it('creates a reminder from a tool call, shows a card with Undo and lets the model answer', async () => {
    const due = inHours(5);
    h.server.enqueue(
      toolCalls(call('create_reminder', { title: 'Call mom', due, rrule: null, notes: null })),
      replies.stream('Done — I will remind you to call mom.'),
    );
    const { assistantMessageId } = await ask('remind me to call mom in 5 hours');
    const done = await finished(assistantMessageId);

    const reminders = await h.core.handlers.listReminders();
    expect(reminders.map((r) => [r.title, Date.parse(r.due)])).toEqual([['Call mom', Date.parse(due)]]);
    expect(done.message.content).toBe('Done — I will remind you to call mom.');
    expect(done.message.cards).toMatchObject([{ action: 'created', items: [{ title: 'Call mom' }] }]);
    expect(done.message.cards?.[0]?.undoToken).toBeTruthy();
    expect(await h.waitFor('chatCard')).toMatchObject({ messageId: assistantMessageId, card: { action: 'created' } });
    expect(await h.waitFor('remindersChanged')).toMatchObject({ reminders: [{ title: 'Call mom' }] });

    const first = sentBody(0);
    expect(first.tools?.map((t) => t.function.name)).toContain('create_reminder');
    expect(first.tools?.every((t) => t.function.strict)).toBe(true);
    expect(first.messages[0]!.content).toMatch(/time zone .*UTC[+-]\d\d:\d\d/);
    expect(first.messages[0]!.content).toMatch(/Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday/);
    expect(toolResults(1)).toMatchObject([{ ok: true }]);

    const undone = await h.core.handlers.undo({ token: done.message.cards![0]!.undoToken! });
    expect(undone).toEqual({ ok: true });
    expect(await h.core.handlers.listReminders()).toEqual([]);
    expect(await h.core.handlers.undo({ token: done.message.cards![0]!.undoToken! })).toMatchObject({ ok: false });
  });

  it('runs two tool calls of one turn, and keeps both items across a restart', async () => {
    const start = inHours(26);
    const end = new Date(Date.parse(start) + 3_600_000).toISOString();
    h.server.enqueue(
      toolCalls(
        call('create_reminder', { title: 'Buy flowers', due: inHours(24), rrule: null, notes: null }, 'call_a'),
        call('create_appointment', { title: 'Dentist', start, end, location: 'Main St 5', notes: null, rrule: null, remind_minutes_before: null }, 'call_b'),
      ),
      replies.stream('Both are set.'),
    );
    const { assistantMessageId } = await ask('buy flowers tomorrow and dentist the day after');
    const done = await finished(assistantMessageId);
    expect(done.message.cards?.map((c) => c.action)).toEqual(['created', 'created']);
    expect(sentBody(1).messages.filter((m) => m.role === 'tool').map((m) => m.tool_call_id)).toEqual(['call_a', 'call_b']);
    await h.restart();
    expect((await h.core.handlers.listReminders()).map((r) => r.title)).toEqual(['Buy flowers']);
    const [dentist] = await h.core.handlers.listAppointments();
    expect(dentist).toMatchObject({ title: 'Dentist', location: 'Main St 5', remindMinutesBefore: 10 });
  });

  it('turns each bad call into an error the model can correct, and saves nothing half-made', async () => {
    h.server.enqueue(
      toolCalls(
        call('create_reminder', '{"title": "broken json", "due": '),
        call('make_coffee', { strength: 'strong' }),
        call('create_reminder', { title: 'No time', rrule: null, notes: null }),
        call('create_reminder', { title: 'Wrong type', due: 42, rrule: null, notes: null }),
        call('create_reminder', { title: 'Too late', due: '2020-01-01T09:00:00+01:00', rrule: null, notes: null }),
        call('create_reminder', { title: 'No offset', due: '2030-01-01T09:00:00', rrule: null, notes: null }),
        call('create_appointment', { title: 'Backwards', start: inHours(3), end: inHours(2), location: null, notes: null, rrule: null, remind_minutes_before: null }),
        call('complete_reminder', { id: 'no-such-id' }),
        call('create_reminder', { title: 'Bad rule', due: inHours(2), rrule: 'FREQ=SECONDLY', notes: null }),
      ),
      replies.stream('Sorry, let me fix that.'),
    );
    const { assistantMessageId } = await ask('do a lot of things wrong');
    const done = await finished(assistantMessageId);
    const results = toolResults(1);
    expect(results).toHaveLength(9);
    expect(results.every((r) => r.ok === false)).toBe(true);
    const errors = results.map((r) => r.error ?? '');
    expect(errors[0]).toMatch(/not valid JSON/);
    expect(errors[1]).toMatch(/Unknown tool "make_coffee"/);
    expect(errors[2]).toMatch(/due/);
    expect(errors[3]).toMatch(/due/);
    expect(errors[4]).toMatch(/past/);
    expect(errors[5]).toMatch(/offset/);
    expect(errors[6]).toMatch(/before the start/);
    expect(errors[7]).toMatch(/no-such-id/);
    expect(errors[8]).toMatch(/SECONDLY|FREQ/);
    expect(done.message.cards?.every((c) => c.action === 'error' && c.message)).toBe(true);
    expect(done.message.content).toBe('Sorry, let me fix that.');
    expect(await h.core.handlers.listReminders()).toEqual([]);
    expect(await h.core.handlers.listAppointments()).toEqual([]);
  });

  it('asks before deleting: Cancel tells the model the user declined, Confirm deletes', async () => {
    h.server.enqueue(
      toolCalls(call('create_reminder', { title: 'Gym', due: inHours(3), rrule: 'FREQ=WEEKLY;BYDAY=MO', notes: null })),
      replies.stream('Set.'),
    );
    const first = await ask('gym every monday');
    await finished(first.assistantMessageId);
    const [gym] = await h.core.handlers.listReminders();
    expect(gym?.recurrenceText).toMatch(/Monday/);

    h.server.enqueue(toolCalls(call('delete_reminder', { id: gym!.id })), replies.stream('Kept it.'));
    const declined = await h.core.handlers.sendMessage({ conversationId: first.conversationId, text: 'delete the gym reminder' });
    const request = await h.waitFor('confirmRequested');
    expect(request.title).toMatch(/Delete/);
    expect(request.details).toEqual(['Delete "Gym"']);
    await h.core.handlers.answerConfirmation({ id: request.id, confirmed: false });
    await h.waitFor('confirmSettled', (p) => p.id === request.id);
    const keptDone = await finished(declined.assistantMessageId);
    expect(keptDone.message.cards?.[0]?.action).toBe('declined');
    expect(toolResults(3)[0]?.error).toMatch(/declined/);
    expect(await h.core.handlers.listReminders()).toHaveLength(1);

    h.server.enqueue(toolCalls(call('delete_reminder', { id: gym!.id })), replies.stream('Deleted.'));
    const accepted = await h.core.handlers.sendMessage({ conversationId: first.conversationId, text: 'really delete it' });
    const second = await h.waitFor('confirmRequested', (p) => p.id !== request.id);
    await h.core.handlers.answerConfirmation({ id: second.id, confirmed: true });
    const deletedDone = await finished(accepted.assistantMessageId);
    expect(deletedDone.message.cards?.[0]?.action).toBe('deleted');
    expect(await h.core.handlers.listReminders()).toEqual([]);
  });

  it('changes to one item need no confirmation; changes to several do', async () => {
    h.server.enqueue(
      toolCalls(
        call('create_reminder', { title: 'A', due: inHours(2), rrule: null, notes: null }),
        call('create_reminder', { title: 'B', due: inHours(3), rrule: null, notes: null }),
      ),
      replies.stream('ok'),
    );
    const first = await ask('two reminders');
    await finished(first.assistantMessageId);
    const [a, b] = await h.core.handlers.listReminders();
    h.server.enqueue(toolCalls(call('snooze_reminder', { id: a!.id, minutes: 30 })), replies.stream('Snoozed.'));
    const single = await h.core.handlers.sendMessage({ conversationId: first.conversationId, text: 'snooze A' });
    await finished(single.assistantMessageId);
    expect(h.events.some((e) => e.name === 'confirmRequested')).toBe(false);

    h.server.enqueue(
      toolCalls(
        call('update_reminder', { id: a!.id, title: 'A2', due: null, rrule: null, notes: null }),
        call('update_reminder', { id: b!.id, title: 'B2', due: null, rrule: null, notes: null }),
      ),
      replies.stream('Renamed.'),
    );
    const multi = await h.core.handlers.sendMessage({ conversationId: first.conversationId, text: 'rename both' });
    const request = await h.waitFor('confirmRequested');
    expect(request.details).toEqual(['Change "A"', 'Change "B"']);
    await h.core.handlers.answerConfirmation({ id: request.id, confirmed: true });
    await finished(multi.assistantMessageId);
    expect((await h.core.handlers.listReminders()).map((r) => r.title).sort()).toEqual(['A2', 'B2']);
  });

  it('a retried turn does not create the same reminder twice', async () => {
    const args = { title: 'Pay rent', due: inHours(30), rrule: null, notes: null };
    h.server.enqueue(toolCalls(call('create_reminder', args)), replies.serverError());
    const { conversationId } = await ask('remind me to pay rent');
    await h.waitFor('chatError');
    expect(await h.core.handlers.listReminders()).toHaveLength(1);

    h.server.enqueue(toolCalls(call('create_reminder', { ...args, title: 'pay rent ' })), replies.stream('Reminder set.'));
    const { assistantMessageId } = await h.core.handlers.retry({ conversationId });
    await finished(assistantMessageId);
    expect((await h.core.handlers.listReminders()).map((r) => r.title)).toEqual(['Pay rent']);
  });

  it('a reminder created in the chat fires on time as an in-app notification', async () => {
    const due = inSeconds(1.5);
    h.server.enqueue(toolCalls(call('create_reminder', { title: 'Stretch', due, rrule: null, notes: null })), replies.stream('ok'));
    await ask('remind me to stretch in a moment');
    const fired = await h.waitFor('reminderFired', () => true, 10_000);
    expect(fired.items).toMatchObject([{ title: 'Stretch', missed: false }]);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(due));
  });

  it('answers without tools when a local model refuses them', async () => {
    h.server.enqueue(
      { kind: 'error', status: 400, body: { error: { message: 'registry.ollama.ai/library/gemma:2b does not support tools', type: 'invalid_request_error', param: null, code: null } } },
      replies.stream('Plain answer.'),
    );
    const { assistantMessageId } = await ask('hello');
    const done = await finished(assistantMessageId);
    expect(done.message.content).toBe('Plain answer.');
    expect(sentBody(1).tools).toBeUndefined();
  });
});
