import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { replies } from '../support/fake-openai-server';
import { converse } from '../support/model-turns';
import { startAide } from '../support/renderer-core';
import { log } from './chat-screen';
import { renderApp } from './render-app';

afterEach(cleanup);

describe('the app frame', () => {
  it('navigates between Chat, Reminders, Usage and Settings', async () => {
    const app = await startAide();
    renderApp(app.aide);
    expect(screen.getByRole('log', { name: 'Conversation' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Reminders' }));
    expect(await screen.findByText(/Remind me to call mom tomorrow at 5pm/)).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Reminders' })).toBeTruthy();
    expect(screen.queryByRole('log', { name: 'Conversation' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Usage' }));
    expect(screen.getByRole('region', { name: 'Usage' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(await screen.findByLabelText('OpenAI API key')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');

    fireEvent.click(screen.getByRole('button', { name: 'Chat' }));
    expect(screen.getByRole('log', { name: 'Conversation' })).toBeTruthy();
  });

  it('shows the start-up notices until each is dismissed', async () => {
    const app = await startAide();
    // Two damaged files: the core moves each aside when it starts and says so.
    await writeFile(join(app.harness.dataDir, 'settings.json'), '{"baseUrl": ');
    await writeFile(join(app.harness.dataDir, 'reminders.json'), 'not json at all');
    await app.harness.restart();
    renderApp(app.aide);

    expect(
      await screen.findByText(/^settings\.json could not be read .* Aide started with fresh settings\.$/),
    ).toBeTruthy();
    expect(screen.getAllByRole('status')).toHaveLength(2);

    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss notice' })[0] as HTMLElement);
    expect(screen.queryByText(/settings\.json could not be read/)).toBeNull();
    expect(screen.getByRole('status').textContent).toMatch(/^reminders\.json could not be read .* moved to .*corrupt/);
  });

  it('says when the connection to Aide is lost and when it is back', async () => {
    const app = await startAide();
    renderApp(app.aide, app.connection);
    expect(screen.queryByText(/Reconnecting/)).toBeNull();

    act(() => app.connection.drop());
    expect(screen.getByRole('status').textContent).toContain('Reconnecting…');

    act(() => app.connection.reopen());
    expect(screen.queryByText(/Reconnecting/)).toBeNull();
  });
});

describe('after a dropped connection', () => {
  it('fetches the open conversation again, since events were missed', async () => {
    const app = await startAide();
    app.server.enqueue(replies.stream('Only the post office.', { delayMs: 150 }));
    renderApp(app.aide, app.connection);
    await screen.findByText('No conversations yet.');
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'What is left?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await within(log()).findByText('What is left?');

    // The answer streams and finishes while the window cannot hear it.
    act(() => app.connection.drop());
    await app.harness.waitFor('chatDone');
    expect(log().textContent).not.toContain('post office');
    act(() => app.connection.reopen());

    expect(await within(log()).findByText('Only the post office.')).toBeTruthy();
  });
});

describe('Open in Aide from the quick-ask popup', () => {
  it('switches to Chat and opens the conversation the popup started', async () => {
    const app = await startAide();
    await converse(app, [['Old question', 'Old answer']]);
    renderApp(app.aide);
    await screen.findByText('Old question');
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByLabelText('Base URL');

    // The popup asks the model, then the person presses Open in Aide there.
    app.server.enqueue(replies.stream('It is 36.'));
    const asked = await app.other.quickAsk({ text: "what's 15% of 240?" });
    if (asked.kind !== 'chat') throw new Error(`expected an answer from the model, got ${asked.kind}`);
    await app.harness.waitFor('chatDone', (done) => done.conversationId === asked.conversationId);
    await act(() => app.other.showConversation({ id: asked.conversationId }));

    expect(await within(log()).findByText('It is 36.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Chat' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('button', { name: "what's 15% of 240?" }).getAttribute('aria-current')).toBe('true');
    expect(app.desktop?.seen).toContain('main shown');
  });
});
