import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { replies } from '../support/fake-openai-server';
import { converse, spend } from '../support/model-turns';
import { startAide } from '../support/renderer-core';
import { log, send } from './chat-screen';
import { renderApp } from './render-app';

afterEach(cleanup);

describe('budget in the chat', () => {
  it('shows a blocked request with Open Usage instead of Retry', async () => {
    const app = await startAide();
    await app.other.updateSettings({ budget: { monthlyUsd: 0.01, warnAt: 0.8, hardStop: true } });
    // 150,000 tokens of gpt-4o-mini at $0.15 per million: $0.0225, over the $0.01 budget.
    await spend(app, { prompt_tokens: 150_000, completion_tokens: 0 });
    renderApp(app.aide);
    fireEvent.click(await screen.findByRole('button', { name: 'New chat' }));
    await send('Plan my week');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      "This month's budget of $0.01 is used up ($0.02 spent). Raise it in Settings → Usage to continue.",
    );
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    fireEvent.click(within(alert).getByRole('button', { name: 'Open Usage' }));

    expect(await screen.findByRole('region', { name: 'Usage' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Usage' }).getAttribute('aria-current')).toBe('page');
  });

  it('shows a budget alert on any screen until dismissed', async () => {
    const app = await startAide();
    await app.other.updateSettings({ model: 'gpt-4o', budget: { monthlyUsd: 0.5, warnAt: 0.8, hardStop: true } });
    renderApp(app.aide);
    fireEvent.click(screen.getByRole('button', { name: 'Reminders' }));
    await screen.findByRole('region', { name: 'Reminders' });

    // 180,000 tokens of gpt-4o at $2.50 per million: $0.45 of the $0.50.
    await spend(app, { prompt_tokens: 180_000, completion_tokens: 0 });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("You have used 90% of this month's budget ($0.45 of $0.50).");
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss budget alert' }));
    expect(screen.queryByRole('alert')).toBeNull();

    await spend(app, { prompt_tokens: 24_000, completion_tokens: 0 });
    const blocked = await screen.findByRole('alert');
    expect(blocked.textContent).toContain("This month's budget is used up ($0.51 of $0.50).");
    fireEvent.click(within(blocked).getByRole('button', { name: 'Open Usage' }));
    expect(await screen.findByRole('region', { name: 'Usage' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

/** About 7,000 tokens: more than a local model's whole window (8,192, a quarter kept for the answer). */
const pasted = 'word '.repeat(7_000);

describe('conversation context', () => {
  it('notes above an answer how many older messages were left out', async () => {
    const app = await startAide();
    const id = await converse(app, [['first question', pasted]]);
    await app.other.updateConversation({ id, model: 'llama3' });
    app.server.enqueue(replies.stream('later answer'));
    await app.other.sendMessage({ conversationId: id, text: 'later question' });
    await app.harness.waitFor('chatDone', (done) => done.message.content === 'later answer');
    renderApp(app.aide);

    await within(log()).findByText('later answer');
    const notes = log().querySelectorAll('.context-note');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.textContent).toBe("2 older messages were left out to fit the model's context.");
    // Above the answer it belongs to.
    const answer = within(log()).getByText('later answer').closest('.message');
    expect(answer?.firstElementChild).toBe(notes[0]);
  });

  it('says it for an answer that just finished streaming too, in the singular for one', async () => {
    const app = await startAide();
    // A long paste the server failed to answer, then a short question.
    app.server.enqueue(replies.serverError());
    const { id } = await app.other.createConversation();
    await app.other.updateConversation({ id, model: 'llama3' });
    await app.other.sendMessage({ conversationId: id, text: pasted });
    await app.harness.waitFor('chatError');
    renderApp(app.aide);
    await within(log()).findByText(/^word word/);

    await send('Go on');

    await waitFor(() =>
      expect(log().textContent).toContain("1 older message was left out to fit the model's context."),
    );
  });
});

describe('conversation settings', () => {
  it('saves a model and custom instructions for the open conversation and shows the model', async () => {
    const app = await startAide();
    const id = await converse(app, [['plan a trip', 'Where to?']]);
    renderApp(app.aide);
    await within(log()).findByText('plan a trip');
    expect(screen.queryByText(/^Model:/)).toBeNull();

    const toggle = screen.getByRole('button', { name: 'Conversation settings' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');

    const model = screen.getByLabelText<HTMLInputElement>('Model for this conversation');
    expect(model.value).toBe('');
    expect(model.getAttribute('placeholder')).toBe('Default: gpt-4o-mini');
    // The server's models, as suggestions.
    await waitFor(() =>
      expect([...document.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'))).toEqual([
        'gpt-4.1-mini',
        'gpt-4o',
        'gpt-4o-mini',
      ]),
    );

    fireEvent.change(model, { target: { value: 'gpt-4o' } });
    fireEvent.change(screen.getByLabelText('Custom instructions'), { target: { value: 'Answer in German.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect((await screen.findByRole('status')).textContent).toBe('Conversation settings saved.');
    expect(await screen.findByText('Model: gpt-4o')).toBeTruthy();
    expect(await app.other.listConversations()).toMatchObject([
      { id, model: 'gpt-4o', systemPrompt: 'Answer in German.' },
    ]);

    // Emptied fields go back to the defaults.
    fireEvent.change(model, { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Custom instructions'), { target: { value: '  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByText(/^Model:/)).toBeNull());
    expect(await app.other.listConversations()).toMatchObject([{ id, model: null, systemPrompt: null }]);

    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByLabelText('Model for this conversation')).toBeNull();
  });

  it('opens with what the conversation has, and says why saving failed', async () => {
    const app = await startAide();
    const id = await converse(app, [['hello', 'Hi.']]);
    await app.other.updateConversation({ id, model: 'llama3', systemPrompt: 'Be brief.' });
    renderApp(app.aide);
    await within(log()).findByText('hello');
    expect(screen.getByText('Model: llama3')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Conversation settings' }));
    expect(screen.getByLabelText<HTMLInputElement>('Model for this conversation').value).toBe('llama3');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Custom instructions').value).toBe('Be brief.');
    // The conversation's file cannot be written any more.
    const file = join(app.harness.dataDir, 'conversations', `${id}.jsonl`);
    await rm(file);
    await mkdir(join(file, 'in-the-way'), { recursive: true });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^Could not save: A folder is in the way of one of Aide’s files in its data folder\. Move it aside and try again\.$/,
    );
    expect(screen.getByText('Model: llama3')).toBeTruthy();
  });
});
