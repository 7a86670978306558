import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ToolCard } from '../../common/contract';
import { FakeAide } from './fake-aide';
import { renderApp } from './render-app';

// Cards name the date in full, with the year only for another year: pin "now" to 2026.
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

function created(fake: FakeAide): ToolCard {
  const reminder = fake.addReminder({
    title: 'Call mom',
    due: at(12, 1, 17),
    rrule: 'FREQ=WEEKLY;BYDAY=TU',
    recurrenceText: 'every Tuesday at 17:00',
  });
  fake.undoable.set('undo-1', reminder.id);
  return {
    action: 'created',
    tool: 'create_reminder',
    items: [
      {
        kind: 'reminder',
        id: reminder.id,
        title: 'Call mom',
        when: reminder.due,
        end: null,
        recurrenceText: 'every Tuesday at 17:00',
        location: null,
        done: false,
      },
    ],
    message: null,
    undoToken: 'undo-1',
  };
}

async function ask(fake: FakeAide, text: string) {
  renderApp(fake);
  await screen.findByText('No conversations yet.');
  fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Send' }));
  await waitFor(() => expect(fake.answer).not.toBeNull());
  await within(log()).findByText(text);
}

describe('chat cards', () => {
  it('shows a card from a live chatCard event with title, time and recurrence, once', async () => {
    const fake = new FakeAide();
    await ask(fake, 'Remind me to call mom every Tuesday at 5pm');

    act(() => fake.card(created(fake)));

    const card = log().querySelector('.tool-card') as HTMLElement;
    expect(card.textContent).toContain('Created');
    expect(card.textContent).toContain('Call mom');
    expect(card.textContent).toContain('Tue 1 Dec 17:00');
    expect(card.textContent).toContain('every Tuesday at 17:00');

    act(() => fake.delta('Done — I will remind you.'));
    act(() => void fake.finish());

    expect(within(log()).getAllByText('Call mom')).toHaveLength(1);
    expect(log().textContent).toContain('Done — I will remind you.');
  });

  it('undoes a creation, then says Undone and cannot be pressed again', async () => {
    const fake = new FakeAide();
    await ask(fake, 'Remind me to call mom');
    act(() => fake.card(created(fake)));
    act(() => void fake.finish());

    fireEvent.click(within(log()).getByRole('button', { name: 'Undo' }));

    const undone = await within(log()).findByRole('button', { name: 'Undone' });
    expect((undone as HTMLButtonElement).disabled).toBe(true);
    expect(fake.requestsOf('undo')).toEqual([{ token: 'undo-1' }]);
    expect(fake.reminders).toHaveLength(0);
  });

  it('says why an undo failed', async () => {
    const fake = new FakeAide();
    await ask(fake, 'Remind me to call mom');
    const card = created(fake);
    fake.undoable.clear();
    act(() => fake.card(card));

    fireEvent.click(within(log()).getByRole('button', { name: 'Undo' }));

    expect(await within(log()).findByText(/This can no longer be undone\./)).toBeTruthy();
    expect((within(log()).getByRole('button', { name: 'Undo' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows stored cards of an earlier answer: appointment ranges, places, errors without an alert', async () => {
    const fake = new FakeAide();
    const conversation = fake.addConversation('Plans', [{ role: 'user', content: 'Dentist Friday 3pm' }]);
    conversation.messages.push({
      id: 'answer',
      role: 'assistant',
      content: 'Booked.',
      createdAt: at(11, 26, 10),
      status: 'complete',
      cards: [
        {
          action: 'created',
          tool: 'create_appointment',
          items: [
            {
              kind: 'appointment',
              id: 'a1',
              title: 'Dentist',
              when: at(12, 4, 15),
              end: at(12, 4, 16),
              recurrenceText: null,
              location: 'Main St 4',
              done: false,
            },
          ],
          message: null,
          undoToken: null,
        },
        { action: 'error', tool: 'create_reminder', items: [], message: 'The time is in the past.', undoToken: null },
      ],
    });
    renderApp(fake);

    await within(log()).findByText('Booked.');
    const [appointment, error] = [...log().querySelectorAll('.tool-card')] as HTMLElement[];
    expect(appointment?.textContent).toContain('Dentist');
    expect(appointment?.textContent).toContain('Fri 4 Dec 15:00–16:00');
    expect(appointment?.textContent).toContain('Main St 4');
    expect(within(appointment as HTMLElement).queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(error?.textContent).toContain('Error');
    expect(error?.textContent).toContain('The time is in the past.');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows an offline answer (no key) as one message: the card with Undo, then its short line', async () => {
    const fake = new FakeAide();
    await ask(fake, 'remind me to call mom every Tuesday at 5pm');

    act(() => fake.card(created(fake)));
    act(() => fake.delta('Reminder set: Call mom — added offline, because no API key is set.'));
    act(() => void fake.finish());

    const answers = log().querySelectorAll('.message.assistant');
    expect(answers).toHaveLength(1);
    const answer = answers[0] as HTMLElement;
    await waitFor(() => expect(answer.querySelector('.tool-card + .markdown, .tool-cards + .markdown')).not.toBeNull());
    expect(within(answer).getByRole('button', { name: 'Undo' })).toBeTruthy();
    expect(answer.textContent).toContain('added offline, because no API key is set.');
    expect(answer.textContent).not.toContain('Thinking…');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('marks the words an offline quick-add read as its time, so a wrong reading shows at once', async () => {
    const fake = new FakeAide();
    await ask(fake, 'remind me to call mom every Tuesday at 5pm');

    const text = 'remind me to call mom every Tuesday at 5pm';
    act(() => fake.card({ ...created(fake), reading: { text, spans: [{ start: 22, end: 42 }], zoneNote: null } }));
    act(() => void fake.finish());

    const card = log().querySelector('.tool-card') as HTMLElement;
    expect([...card.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['every Tuesday at 5pm']);
    expect(card.querySelector('.tool-card-reading')?.textContent).toBe(`Read as: ${text}`);
    expect(within(card).getByRole('button', { name: 'Undo' })).toBeTruthy();
  });
});
