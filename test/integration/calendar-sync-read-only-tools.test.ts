// The model's tools on items of a calendar the server lets Aide only read, through the whole core
// against a real Radicale: the fake OpenAI server sends update, complete and delete calls, each is
// refused with a tool result naming the calendar (without asking the person first), and nothing
// changes here or on the server.
import { expect, it } from 'vitest';
import { startHarness } from '../support/core-harness';
import { DEFAULT_API_KEY, replies } from '../support/fake-openai-server';
import { showOnlyCalendar } from '../support/calendar-choice';
import { vcalendar, utcStamp as stamp } from '../support/ical-text';
import { caldavEnv, getIcsRaw, mkCalendarRaw, putIcsRaw, radicaleForFile, readOnlyRights } from '../support/radicale';

const PASSWORD = 'read-only-tools-pw-71';
const server = radicaleForFile({ user: 'frank', password: PASSWORD });

function familyObject(component: 'VEVENT' | 'VTODO', uid: string, summary: string, at: number): string {
  const times =
    component === 'VEVENT' ? [`DTSTART:${stamp(at)}`, `DTEND:${stamp(at + 3_600_000)}`] : [`DUE:${stamp(at)}`];
  return vcalendar(
    `BEGIN:${component}`,
    `UID:${uid}`,
    `DTSTAMP:${stamp(Date.now())}`,
    ...times,
    `SUMMARY:${summary}`,
    `END:${component}`,
  );
}

it("refuses the model's update, complete and delete calls on a read-only calendar's items, naming the calendar", async () => {
  const familyUrl = await mkCalendarRaw(server, `${server.homeUrl}family/`, {
    displayName: 'Family',
    components: ['VEVENT', 'VTODO'],
  });
  const playHref = `${familyUrl}school-play.ics`;
  const giftHref = `${familyUrl}buy-gift.ics`;
  const inTwoDays = Date.now() + 2 * 86_400_000;
  expect(
    (await putIcsRaw(server, playHref, familyObject('VEVENT', 'play@family', 'School play', inTwoDays))).status,
  ).toBeLessThan(300);
  expect(
    (await putIcsRaw(server, giftHref, familyObject('VTODO', 'gift@family', 'Buy a gift', inTwoDays))).status,
  ).toBeLessThan(300);
  server.setRights(readOnlyRights('frank', 'frank/family'));
  const before = [(await getIcsRaw(server, playHref)).body, (await getIcsRaw(server, giftHref)).body];

  const h = await startHarness({
    env: caldavEnv(server),
  });
  try {
    expect((await h.core.handlers.saveKey({ key: DEFAULT_API_KEY })).ok).toBe(true);
    await showOnlyCalendar(h.core.handlers, familyUrl);
    const play = (await h.core.handlers.listAppointments()).find((a) => a.title === 'School play');
    const gift = (await h.core.handlers.listReminders()).find((r) => r.title === 'Buy a gift');
    expect(play && gift).toBeTruthy();

    const call = (name: string, args: object) => ({ name, arguments: JSON.stringify(args) });
    const none = { title: null, due: null, rrule: null, notes: null };
    h.server.enqueue(
      {
        kind: 'toolCalls',
        calls: [
          call('update_appointment', {
            id: play!.id,
            title: 'School play (moved)',
            start: null,
            end: null,
            location: null,
            notes: null,
            rrule: null,
            remind_minutes_before: null,
          }),
          call('delete_appointment', { id: play!.id }),
          call('update_reminder', { ...none, id: gift!.id, title: 'Buy two gifts' }),
          call('complete_reminder', { id: gift!.id }),
          call('delete_reminder', { id: gift!.id }),
        ],
      },
      replies.stream('That calendar is read-only here.'),
    );
    const conversation = await h.core.handlers.createConversation();
    const sent = await h.core.handlers.sendMessage({ conversationId: conversation.id, text: 'clear the family stuff' });
    const done = await h.waitFor('chatDone', (p) => p.message.id === sent.assistantMessageId);

    const second = h.server.requests.filter((r) => r.path === '/v1/chat/completions')[1]!.body as {
      messages: { role: string; content: string | null }[];
    };
    const results = second.messages
      .filter((m) => m.role === 'tool')
      .map((m) => JSON.parse(m.content!) as { ok: boolean; error?: string });
    expect(results).toHaveLength(5);
    for (const [i, result] of results.entries()) {
      const kind = i < 2 ? 'appointment' : 'reminder';
      expect(result).toEqual({
        ok: false,
        error: `“Family” is read-only on the calendar server, so this ${kind} cannot be changed in Aide. Change it in the app that owns that calendar.`,
      });
    }
    expect(done.message.cards?.map((c) => c.action)).toEqual(['error', 'error', 'error', 'error', 'error']);
    // Nothing to confirm: no change could happen.
    expect(h.events.filter((e) => e.name === 'confirmRequested')).toEqual([]);

    expect((await h.core.handlers.listAppointments()).find((a) => a.id === play!.id)?.title).toBe('School play');
    expect((await h.core.handlers.listReminders()).find((r) => r.id === gift!.id)).toMatchObject({
      title: 'Buy a gift',
      status: 'pending',
    });
    const status = await h.core.handlers.syncCalendarNow();
    expect(status).toMatchObject({ error: null, pending: 0 });
    expect([(await getIcsRaw(server, playHref)).body, (await getIcsRaw(server, giftHref)).body]).toEqual(before);
  } finally {
    await h.close();
  }
});
