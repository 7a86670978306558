import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { replies } from '../support/fake-openai-server';
import { reminderCall, toolCalls } from '../support/model-turns';
import { startAide, type RealAide } from '../support/renderer-core';
import { renderApp } from './render-app';

// Cards name the date in full, with the year only for another year: pin "now" (the app's and the
// core's) to Thursday 26 November 2026, 10:00.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(2026, 10, 26, 10, 0));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const log = () => screen.getByRole('log', { name: 'Conversation' });
const at = (month: number, day: number, hour: number, minute = 0): string =>
  new Date(2026, month - 1, day, hour, minute).toISOString();

/** The model's create_reminder call for "call mom every Tuesday at 5pm". */
const callMom = () => toolCalls(reminderCall('Call mom', at(12, 1, 17), 'FREQ=WEEKLY;BYDAY=TU'));

/** Opens the app on no conversation and sends `text` from the composer. */
async function sendIn(app: RealAide, text: string): Promise<void> {
  renderApp(app.aide);
  await screen.findByText('No conversations yet.');
  fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Send' }));
  await within(log()).findByText(text);
}

describe('chat cards', () => {
  it('shows a card from a live chatCard event with title, time and recurrence, once', async () => {
    const stream = { kind: 'stream' as const, chunks: ['Done — I will ', 'remind you.'], delayMs: 300 };
    const app = await startAide();
    app.server.enqueue(callMom(), stream);
    await sendIn(app, 'Remind me to call mom every Tuesday at 5pm');

    // The card is there while the answer's words are still coming.
    await waitFor(() => expect(log().querySelector('.tool-card')).not.toBeNull());
    const card = log().querySelector('.tool-card') as HTMLElement;
    expect(card.textContent).toContain('Created');
    expect(card.textContent).toContain('Call mom');
    expect(card.textContent).toContain('Tue 1 Dec 17:00');
    expect(card.textContent).toContain('every Tuesday at 17:00');
    expect(log().textContent).not.toContain('remind you.');

    await waitFor(() => expect(log().textContent).toContain('Done — I will remind you.'));
    await screen.findByRole('button', { name: 'Send' });
    expect(within(log()).getAllByText('Call mom')).toHaveLength(1);
  });

  it('undoes a creation, then says Undone and cannot be pressed again', async () => {
    const app = await startAide();
    app.server.enqueue(callMom(), replies.stream('Set.'));
    await sendIn(app, 'Remind me to call mom');
    await screen.findByRole('button', { name: 'Send' });
    expect((await app.other.listReminders()).map((r) => r.title)).toEqual(['Call mom']);

    fireEvent.click(within(log()).getByRole('button', { name: 'Undo' }));

    const undone = await within(log()).findByRole('button', { name: 'Undone' });
    expect((undone as HTMLButtonElement).disabled).toBe(true);
    expect(await app.other.listReminders()).toEqual([]);
  });

  it('says why an undo failed', async () => {
    const app = await startAide();
    app.server.enqueue(callMom(), replies.stream('Set.'));
    await sendIn(app, 'Remind me to call mom');
    await screen.findByRole('button', { name: 'Send' });
    // Aide restarts; the window shows the earlier answer again.
    cleanup();
    await app.harness.restart();
    renderApp(app.aide);
    await within(log()).findByText('Set.');

    fireEvent.click(within(log()).getByRole('button', { name: 'Undo' }));

    expect(
      await within(log()).findByText(/This can no longer be undone \(it was already undone, or Aide restarted\)\./),
    ).toBeTruthy();
    expect((within(log()).getByRole('button', { name: 'Undo' }) as HTMLButtonElement).disabled).toBe(false);
    expect((await app.other.listReminders()).map((r) => r.title)).toEqual(['Call mom']);
  });

  it('shows stored cards of an earlier answer: appointment ranges, places, errors without an alert', async () => {
    const app = await startAide();
    app.server.enqueue(
      toolCalls(
        [
          'create_appointment',
          {
            title: 'Dentist',
            start: at(12, 4, 15),
            end: at(12, 4, 16),
            location: 'Main St 4',
            notes: null,
            rrule: null,
            remind_minutes_before: null,
          },
        ],
        reminderCall('Water plants', at(11, 20, 9)),
      ),
      replies.stream('Booked.'),
    );
    const { id } = await app.other.createConversation();
    await app.other.sendMessage({ conversationId: id, text: 'Dentist Friday 3pm' });
    await app.harness.waitFor('chatDone');
    renderApp(app.aide);

    await within(log()).findByText('Booked.');
    const [appointment, error] = [...log().querySelectorAll('.tool-card')] as HTMLElement[];
    expect(appointment?.textContent).toContain('Dentist');
    expect(appointment?.textContent).toContain('Fri 4 Dec 15:00–16:00');
    expect(appointment?.textContent).toContain('Main St 4');
    expect(error?.textContent).toContain('Error');
    expect(error?.textContent).toContain(`The due time ${at(11, 20, 9)} is in the past`);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows an offline answer (no key) as one message: the card with Undo, then its short line', async () => {
    await sendIn(await startAide({ key: false, openAI: true }), 'remind me to call mom every Tuesday at 5pm');

    await waitFor(() => expect(log().querySelectorAll('.message.assistant')).toHaveLength(1));
    const answer = log().querySelector('.message.assistant') as HTMLElement;
    await waitFor(() => expect(answer.querySelector('.tool-card + .markdown, .tool-cards + .markdown')).not.toBeNull());
    expect(within(answer).getByRole('button', { name: 'Undo' })).toBeTruthy();
    expect(answer.textContent).toContain('Tue 1 Dec 17:00');
    expect(answer.textContent).toContain('added offline, because no API key is set.');
    expect(answer.textContent).not.toContain('Thinking…');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('marks the words an offline quick-add read as its time, so a wrong reading shows at once', async () => {
    const text = 'remind me to call mom every Tuesday at 5pm';
    await sendIn(await startAide({ key: false, openAI: true }), text);

    await waitFor(() => expect(log().querySelector('.tool-card mark')).not.toBeNull());
    const card = log().querySelector('.tool-card') as HTMLElement;
    expect([...card.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['every Tuesday at 5pm']);
    expect(card.querySelector('.tool-card-reading')?.textContent).toBe(`Read as: ${text}`);
    expect(within(card).getByRole('button', { name: 'Undo' })).toBeTruthy();
  });
});
