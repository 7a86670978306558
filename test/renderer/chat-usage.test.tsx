import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeAide } from './fake-aide';
import { renderApp } from './render-app';

afterEach(cleanup);

const log = () => screen.getByRole('log', { name: 'Conversation' });
const composer = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });

async function send(text: string) {
  fireEvent.change(composer(), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Send' }));
  await waitFor(() => expect(within(log()).queryByText(text)).not.toBeNull());
}

describe('budget in the chat', () => {
  it('shows a blocked request with Open Usage instead of Retry', async () => {
    const fake = new FakeAide();
    renderApp(fake);
    await screen.findByText('No conversations yet.');
    await send('Plan my week');

    act(() =>
      fake.fail({
        code: 'budget',
        message: 'This month’s budget of $10.00 is used up. Raise it in Usage to send new requests.',
        retryable: true,
      }),
    );

    expect(screen.getByRole('alert').textContent).toContain('budget of $10.00 is used up');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Open Usage' }));

    expect(await screen.findByRole('region', { name: 'Usage' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Usage' }).getAttribute('aria-current')).toBe('page');
  });

  it('shows a budget alert on any screen until dismissed', async () => {
    const fake = new FakeAide();
    renderApp(fake);
    fireEvent.click(screen.getByRole('button', { name: 'Reminders' }));
    await screen.findByRole('region', { name: 'Reminders' });

    act(() =>
      fake.emit('budgetAlert', { state: 'warning', message: '80% of this month’s budget ($8.00 of $10.00) is used.' }),
    );

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('80% of this month’s budget ($8.00 of $10.00) is used.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss budget alert' }));
    expect(screen.queryByRole('alert')).toBeNull();

    act(() =>
      fake.emit('budgetAlert', { state: 'blocked', message: 'The budget is used up; new requests are blocked.' }),
    );
    fireEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Open Usage' }));
    expect(await screen.findByRole('region', { name: 'Usage' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('conversation context', () => {
  it('notes above an answer how many older messages were left out', async () => {
    const fake = new FakeAide();
    const conversation = fake.addConversation('Long one', [
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'first answer' },
      { role: 'user', content: 'later question' },
      { role: 'assistant', content: 'later answer' },
    ]);
    const [, first, , later] = conversation.messages;
    if (!first || !later) throw new Error('fixture');
    first.contextOmitted = 0;
    later.contextOmitted = 12;
    renderApp(fake);

    await within(log()).findByText('later answer');
    const notes = log().querySelectorAll('.context-note');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.textContent).toBe("12 older messages were left out to fit the model's context.");
    // Above the answer it belongs to.
    const answer = within(log()).getByText('later answer').closest('.message');
    expect(answer?.firstElementChild).toBe(notes[0]);
  });

  it('says it for an answer that just finished streaming too, in the singular for one', async () => {
    const fake = new FakeAide();
    renderApp(fake);
    await screen.findByText('No conversations yet.');
    await send('Go on');
    act(() => fake.delta('Sure.'));
    const answer = fake.answer;
    if (!answer) throw new Error('no answer');
    act(() =>
      fake.emit('chatDone', {
        conversationId: answer.conversationId,
        message: {
          id: answer.id,
          role: 'assistant',
          content: 'Sure.',
          createdAt: '2026-01-05T10:10:00.000Z',
          status: 'complete',
          contextOmitted: 1,
        },
      }),
    );
    expect(log().textContent).toContain("1 older message was left out to fit the model's context.");
  });
});

describe('conversation settings', () => {
  it('saves a model and custom instructions for the open conversation and shows the model', async () => {
    const fake = new FakeAide();
    fake.addConversation('Trip', [{ role: 'user', content: 'plan a trip' }]);
    renderApp(fake);
    await within(log()).findByText('plan a trip');
    expect(screen.queryByText(/^Model:/)).toBeNull();

    const toggle = screen.getByRole('button', { name: 'Conversation settings' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');

    const model = screen.getByLabelText<HTMLInputElement>('Model for this conversation');
    expect(model.value).toBe('');
    expect(model.getAttribute('placeholder')).toBe('Default: gpt-4o-mini');
    await waitFor(() => expect(document.querySelectorAll('datalist option')).toHaveLength(2));

    fireEvent.change(model, { target: { value: 'gpt-4o' } });
    fireEvent.change(screen.getByLabelText('Custom instructions'), { target: { value: 'Answer in German.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect((await screen.findByRole('status')).textContent).toBe('Conversation settings saved.');
    const [id] = [...fake.conversations.keys()];
    expect(fake.requestsOf('updateConversation')).toEqual([{ id, model: 'gpt-4o', systemPrompt: 'Answer in German.' }]);
    expect(screen.getByText('Model: gpt-4o')).toBeTruthy();

    // Emptied fields go back to the defaults.
    fireEvent.change(model, { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Custom instructions'), { target: { value: '  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.requestsOf('updateConversation')).toHaveLength(2));
    expect(fake.requestsOf('updateConversation')[1]).toEqual({ id, model: null, systemPrompt: null });
    await waitFor(() => expect(screen.queryByText(/^Model:/)).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByLabelText('Model for this conversation')).toBeNull();
  });

  it('opens with what the conversation has, and says why saving failed', async () => {
    const fake = new FakeAide();
    const conversation = fake.addConversation('Notes', [{ role: 'user', content: 'hello' }]);
    conversation.model = 'llama3';
    conversation.systemPrompt = 'Be brief.';
    fake.updateConversation = async () => {
      throw new Error('No such model.');
    };
    renderApp(fake);
    await within(log()).findByText('hello');
    expect(screen.getByText('Model: llama3')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Conversation settings' }));
    expect(screen.getByLabelText<HTMLInputElement>('Model for this conversation').value).toBe('llama3');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Custom instructions').value).toBe('Be brief.');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Could not save: No such model.');
  });
});
