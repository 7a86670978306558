import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ToolCard } from '../../common/contract';
import { withReading } from '../../main/core/quick-add/confirmation';
import { readQuickAdd } from '../../main/core/quick-add/parse';
import { ENTER_TO_STORED, SHOW_TO_PAINT } from '../../renderer/src/quick-ask/paint-timing';
import { FakeAide } from './fake-aide';
import { renderQuickAsk } from './render-app';

beforeEach(() => {
  performance.clearMarks();
  performance.clearMeasures();
});

afterEach(cleanup);

const box = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Ask' });
const type = (text: string) => fireEvent.change(box(), { target: { value: text } });
const enter = (init: KeyboardEventInit = {}) => fireEvent.keyDown(box(), { key: 'Enter', ...init });

function createdCard(fake: FakeAide): ToolCard {
  const reminder = fake.addReminder({ title: 'Stretch', due: '2026-01-05T10:10:00.000Z' });
  fake.undoable.set('undo-9', reminder.id);
  return {
    action: 'created',
    tool: 'quick_add',
    items: [
      {
        kind: 'reminder',
        id: reminder.id,
        title: 'Stretch',
        when: reminder.due,
        end: null,
        recurrenceText: null,
        location: null,
        done: false,
      },
    ],
    message: null,
    undoToken: 'undo-9',
  };
}

function planCreated(fake: FakeAide): void {
  fake.quickAskPlans.push({ kind: 'created', card: createdCard(fake), message: 'Reminder set: Stretch' });
}

describe('the quick-ask popup', () => {
  it('is one textbox named Ask, focused', () => {
    renderQuickAsk(new FakeAide());
    expect(document.activeElement).toBe(box());
    expect(screen.getAllByRole('textbox')).toHaveLength(1);
  });

  it('creates a quick-add on Enter: confirmation, card with Undo, an empty box, and the timing', async () => {
    const fake = new FakeAide();
    planCreated(fake);
    renderQuickAsk(fake);

    type('remind me to stretch in 10 minutes');
    enter();

    expect((await screen.findByRole('status')).textContent).toContain('Reminder set: Stretch');
    expect(fake.requestsOf('quickAsk')).toEqual([{ text: 'remind me to stretch in 10 minutes' }]);
    expect(box().value).toBe('');
    expect(performance.getEntriesByName(ENTER_TO_STORED, 'measure')).toHaveLength(1);

    const card = document.querySelector('.tool-card') as HTMLElement;
    expect(card.textContent).toContain('Stretch');
    fireEvent.click(within(card).getByRole('button', { name: 'Undo' }));
    await within(card).findByRole('button', { name: 'Undone' });
    expect(fake.requestsOf('undo')).toEqual([{ token: 'undo-9' }]);
    expect(fake.reminders).toHaveLength(0);
  });

  it('shows its reading: the words that made the time marked, both clocks for another zone, and Undo', async () => {
    const fake = new FakeAide();
    const text = 'remind me to stretch at 4pm CET';
    const tz = 'America/New_York';
    // The card as the core builds it from the parser's own reading of the phrase.
    const { result, reading } = readQuickAdd(text, { now: new Date('2026-01-05T08:00:00-05:00'), timeZone: tz });
    if (result.kind !== 'reminder') throw new Error(`expected a reminder, got ${result.kind}`);
    const card = withReading(createdCard(fake), reading, result.due, tz);
    fake.quickAskPlans.push({ kind: 'created', card, message: 'Reminder set: Stretch' });
    renderQuickAsk(fake);

    type(text);
    enter();

    await screen.findByRole('status');
    const shown = document.querySelector('.tool-card') as HTMLElement;
    expect([...shown.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['at 4pm CET']);
    expect(shown.textContent).toContain('remind me to stretch at 4pm CET');
    expect(shown.textContent).toContain('4:00 PM CET (10:00 AM your time)');
    expect(within(shown).getByRole('button', { name: 'Undo' })).toBeTruthy();
  });

  it('adds a new line on Shift+Enter and never sends while an input method is composing', async () => {
    const fake = new FakeAide();
    renderQuickAsk(fake);
    type('明日');

    enter({ isComposing: true });
    enter({ keyCode: 229 });
    enter({ shiftKey: true });
    fireEvent.keyDown(box(), { key: 'Escape', isComposing: true });
    await act(async () => undefined);

    expect(fake.calls).not.toContain('quickAsk');
    expect(fake.calls).not.toContain('hideQuickAsk');
    expect(box().value).toBe('明日');
  });

  it('hides on Esc and clears the box', async () => {
    const fake = new FakeAide();
    renderQuickAsk(fake);
    type('never mind');

    fireEvent.keyDown(box(), { key: 'Escape' });

    await waitFor(() => expect(fake.calls).toContain('hideQuickAsk'));
    expect(box().value).toBe('');
  });

  it('asks "when?" for a reminder without a time, keeps the text, and sends it again with the time', async () => {
    const fake = new FakeAide();
    fake.quickAskPlans.push({
      kind: 'incomplete',
      title: 'call mom',
      message: 'When should I remind you to call mom?',
    });
    planCreated(fake);
    renderQuickAsk(fake);

    type('remind me to call mom');
    enter();

    expect((await screen.findByRole('status')).textContent).toBe('When should I remind you to call mom?');
    expect(box().value).toBe('remind me to call mom');
    expect(document.activeElement).toBe(box());
    expect(box().selectionStart).toBe('remind me to call mom'.length);

    type('remind me to call mom at 5pm');
    enter();

    await screen.findByText('Reminder set: Stretch');
    expect(fake.requestsOf('quickAsk').map((r) => r.text)).toEqual([
      'remind me to call mom',
      'remind me to call mom at 5pm',
    ]);
  });

  it('streams an answer in place as Markdown, with Stop, and opens it in Aide', async () => {
    const fake = new FakeAide();
    renderQuickAsk(fake);

    type("what's 15% of 240?");
    enter();

    const answer = await screen.findByRole('log', { name: 'Answer' });
    expect(box().value).toBe('');
    expect(screen.getByText("what's 15% of 240?")).toBeTruthy();
    act(() => fake.delta('It is '));
    act(() => fake.delta('**36**.'));
    await waitFor(() => expect(answer.querySelector('strong')?.textContent).toBe('36'));

    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull());
    expect(answer.textContent).toContain('Stopped');

    fireEvent.click(screen.getByRole('button', { name: 'Open in Aide' }));
    const [conversation] = [...fake.conversations.values()];
    await waitFor(() => expect(fake.requestsOf('showConversation')).toEqual([{ id: conversation?.id }]));
  });

  it('shows an answer that started streaming before quickAsk replied', async () => {
    const fake = new FakeAide();
    const ask = fake.quickAsk.bind(fake);
    fake.quickAsk = async (request) => {
      const result = await ask(request);
      fake.delta('Early words.');
      return result;
    };
    renderQuickAsk(fake);

    type('tell me something');
    enter();

    const answer = await screen.findByRole('log', { name: 'Answer' });
    await waitFor(() => expect(answer.textContent).toContain('Early words.'));
  });

  it('shows the rate-limit wait under the answer, also when it came before quickAsk replied', async () => {
    const fake = new FakeAide();
    const ask = fake.quickAsk.bind(fake);
    fake.quickAsk = async (request) => {
      const result = await ask(request);
      fake.status('Waiting 4 s — rate limit');
      return result;
    };
    renderQuickAsk(fake);

    type('summarise my week');
    enter();

    const answer = await screen.findByRole('log', { name: 'Answer' });
    expect((await within(answer).findByRole('status')).textContent).toBe('Waiting 4 s — rate limit');
    act(() => fake.status('Waiting 2 s — rate limit'));
    expect(within(answer).getByRole('status').textContent).toBe('Waiting 2 s — rate limit');
    act(() => fake.status(null));
    act(() => fake.delta('A calm week.'));
    expect(within(answer).queryByRole('status')).toBeNull();
    expect(answer.textContent).toContain('A calm week.');
  });

  it('shows a failed answer in an alert with Retry', async () => {
    const fake = new FakeAide();
    renderQuickAsk(fake);
    type('hello');
    enter();
    await screen.findByRole('log', { name: 'Answer' });

    act(() => fake.fail({ code: 'network', message: 'Could not reach the server.', retryable: true }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not reach the server.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(fake.calls).toContain('retry');
    act(() => fake.delta('Hi!'));
    await waitFor(() => expect(screen.getByRole('log', { name: 'Answer' }).textContent).toContain('Hi!'));
  });

  it('offers no Retry when the monthly budget blocks the request', async () => {
    const fake = new FakeAide();
    renderQuickAsk(fake);
    type('what is the capital of Peru?');
    enter();
    await screen.findByRole('log', { name: 'Answer' });

    act(() =>
      fake.fail({ code: 'budget', message: 'This month’s budget is used up. Raise it in Usage.', retryable: true }),
    );

    expect(screen.getByRole('alert').textContent).toContain('budget is used up');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('keeps the text and says so when quickAsk fails', async () => {
    const fake = new FakeAide();
    fake.quickAskPlans.push(new Error('Connection to Aide lost'));
    renderQuickAsk(fake);

    type('remind me to stretch in 10 minutes');
    enter();

    expect((await screen.findByRole('alert')).textContent).toContain('Connection to Aide lost');
    expect(box().value).toBe('remind me to stretch in 10 minutes');
  });

  it('starts afresh when shown again, and measures show to paint', async () => {
    const fake = new FakeAide();
    planCreated(fake);
    renderQuickAsk(fake);
    type('remind me to stretch in 10 minutes');
    enter();
    await screen.findByRole('status');
    type('half typed');
    box().blur();

    act(() => fake.emit('quickAskShown', { shownAt: Date.now() }));

    expect(screen.queryByRole('status')).toBeNull();
    expect(box().value).toBe('');
    expect(document.activeElement).toBe(box());
    await waitFor(() => expect(performance.getEntriesByName(SHOW_TO_PAINT, 'measure')).toHaveLength(1));
    const [measure] = performance.getEntriesByName(SHOW_TO_PAINT, 'measure');
    expect(measure?.duration).toBeGreaterThanOrEqual(0);
    expect(performance.getEntriesByName('aide:quick-ask-painted', 'mark')).toHaveLength(1);
  });

  it('keeps an answer that is still streaming when shown again', async () => {
    const fake = new FakeAide();
    renderQuickAsk(fake);
    type('write a haiku');
    enter();
    await screen.findByRole('log', { name: 'Answer' });
    act(() => fake.delta('Autumn moonlight'));

    act(() => fake.emit('quickAskShown', { shownAt: Date.now() }));

    expect(screen.getByRole('log', { name: 'Answer' }).textContent).toContain('Autumn moonlight');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();
  });
});
