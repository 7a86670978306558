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

describe('chat', () => {
  it('shows the most recent conversation when the app opens', async () => {
    const fake = new FakeAide();
    fake.addConversation('Older', [{ role: 'user', content: 'old question' }]);
    fake.addConversation('Newer', [
      { role: 'user', content: 'newest question' },
      { role: 'assistant', content: 'newest **answer**' },
    ]);
    renderApp(fake);

    expect(await within(log()).findByText('newest question')).toBeTruthy();
    expect((await within(log()).findByText('answer')).tagName).toBe('STRONG');
    expect(within(log()).queryByText('old question')).toBeNull();
    expect(screen.getByRole('button', { name: 'Older' })).toBeTruthy();
  });

  it('sends the message, shows it, and streams the answer into the log', async () => {
    const fake = new FakeAide();
    renderApp(fake);
    await screen.findByText('No conversations yet.');

    await send('What is on today?');
    expect(composer().value).toBe('');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();

    act(() => fake.delta('You have '));
    act(() => fake.delta('two meetings.'));
    // Streamed text is drawn once per frame.
    await waitFor(() => expect(log().textContent).toContain('You have two meetings.'));

    act(() => fake.status('Rate limited — retrying in 3 s'));
    expect(screen.getByRole('status').textContent).toBe('Rate limited — retrying in 3 s');
    act(() => fake.status(null));
    expect(screen.queryByText(/Rate limited/)).toBeNull();

    act(() => void fake.finish());
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
    expect(log().textContent).toContain('You have two meetings.');
    expect(fake.calls).toContain('createConversation');
  });

  it('sends with Enter and keeps Shift+Enter for a new line', async () => {
    const fake = new FakeAide();
    renderApp(fake);
    await screen.findByText('No conversations yet.');

    fireEvent.change(composer(), { target: { value: 'first line' } });
    fireEvent.keyDown(composer(), { key: 'Enter', shiftKey: true });
    expect(fake.calls).not.toContain('sendMessage');

    fireEvent.change(composer(), { target: { value: 'first line\nsecond line' } });
    fireEvent.keyDown(composer(), { key: 'Enter' });
    await waitFor(() => expect(fake.calls).toContain('sendMessage'));
    const shown = await within(log()).findByText(/first line/);
    expect(shown.textContent).toBe('first line\nsecond line');
  });

  it('keeps the partial answer when the user stops it', async () => {
    const fake = new FakeAide();
    renderApp(fake);
    await screen.findByText('No conversations yet.');
    await send('Tell me a long story');
    act(() => fake.delta('Once upon a time'));

    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));

    await screen.findByText('Stopped');
    expect(fake.calls).toContain('stop');
    expect(log().textContent).toContain('Once upon a time');
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
  });

  it('shows a failed answer in an alert, keeps its partial text and offers Retry', async () => {
    const fake = new FakeAide();
    renderApp(fake);
    await screen.findByText('No conversations yet.');
    await send('Plan my week');
    act(() => fake.delta('Monday: '));

    act(() => fake.fail({ code: 'server', message: 'The OpenAI server had a problem. Try again.', retryable: true }));

    expect(screen.getByRole('alert').textContent).toContain('The OpenAI server had a problem. Try again.');
    expect(log().textContent).toContain('Monday:');
    expect(screen.queryByRole('button', { name: 'Open Settings' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(fake.calls).toContain('retry');
    act(() => fake.delta('Monday: rest.'));
    await waitFor(() => expect(log().textContent).toContain('Monday: rest.'));
  });

  it('offers to replace a rejected key in Settings', async () => {
    const fake = new FakeAide();
    renderApp(fake);
    await screen.findByText('No conversations yet.');
    await send('Hello');

    act(() => fake.fail({ code: 'auth', message: 'The API key was rejected.', retryable: false }));

    expect(screen.getByRole('alert').textContent).toContain('The API key was rejected.');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Replace key' }));
    const field = await screen.findByLabelText('OpenAI API key');
    await waitFor(() => expect(document.activeElement).toBe(field));
  });

  it('keeps the typed text and says so when the message could not be sent', async () => {
    const fake = new FakeAide();
    fake.sendMessage = async () => {
      throw new Error("Error invoking remote method 'aide:sendMessage': Error: Disk full");
    };
    renderApp(fake);
    await screen.findByText('No conversations yet.');

    fireEvent.change(composer(), { target: { value: 'Remember this' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Your message was not sent: Disk full');
    expect(composer().value).toBe('Remember this');
  });

  it('starts a new chat and lists it once the first message is sent', async () => {
    const fake = new FakeAide();
    fake.addConversation('Groceries', [{ role: 'user', content: 'milk' }]);
    renderApp(fake);
    await within(log()).findByText('milk');

    fireEvent.click(screen.getByRole('button', { name: 'New chat' }));
    expect(within(log()).queryByText('milk')).toBeNull();

    await send('A fresh start');
    const sidebar = screen.getByRole('navigation', { name: 'Conversations' });
    expect(within(sidebar).getAllByRole('listitem')).toHaveLength(2);
    expect(within(sidebar).getByRole('button', { current: true }).textContent).toBe('New chat');
  });

  it('renames a conversation in place', async () => {
    const fake = new FakeAide();
    fake.addConversation('Trip');
    renderApp(fake);

    fireEvent.click(await screen.findByRole('button', { name: 'Rename Trip' }));
    const input = screen.getByRole('textbox', { name: 'New title for Trip' });
    fireEvent.change(input, { target: { value: 'Trip to Rome' } });
    fireEvent.submit(input);

    expect(await screen.findByRole('button', { name: 'Trip to Rome' })).toBeTruthy();
    expect(fake.calls).toContain('renameConversation');
  });

  it('deletes a conversation only after confirmation', async () => {
    const fake = new FakeAide();
    fake.addConversation('Keep me');
    fake.addConversation('Old stuff', [{ role: 'user', content: 'stale' }]);
    renderApp(fake);
    await within(log()).findByText('stale');

    fireEvent.click(screen.getByRole('button', { name: 'Delete Old stuff' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.calls).not.toContain('deleteConversation');

    fireEvent.click(screen.getByRole('button', { name: 'Delete Old stuff' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Confirm' }));

    await waitFor(() => expect(screen.queryByRole('button', { name: 'Old stuff' })).toBeNull());
    expect(fake.conversations.size).toBe(1);
    await waitFor(() => expect(within(log()).queryByText('stale')).toBeNull());
  });

  it('follows the conversation list main announces', async () => {
    const fake = new FakeAide();
    renderApp(fake);
    await screen.findByText('No conversations yet.');

    const added = fake.addConversation('From elsewhere');
    act(() => fake.emit('conversationsChanged', [added]));

    expect(screen.getByRole('button', { name: 'From elsewhere' })).toBeTruthy();
  });
});

describe('a long conversation', () => {
  it('opens with its newest messages and shows older ones page by page', async () => {
    const fake = new FakeAide();
    fake.addConversation(
      'Long',
      Array.from({ length: 250 }, (_, i) => ({
        role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
        content: `line ${i}.`,
      })),
    );
    renderApp(fake);

    expect(await within(log()).findByText('line 249.')).toBeTruthy();
    expect(within(log()).queryByText('line 149.')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show older messages (150)' }));
    expect(await within(log()).findByText('line 149.')).toBeTruthy();
    expect(within(log()).queryByText('line 49.')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Show older messages (50)' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /Show older messages/ })).toBeNull());
    expect(fake.calls.filter((c) => c === 'getOlderMessages')).toHaveLength(2);
  });
});
