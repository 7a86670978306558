import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection, ConnectionState } from '../../renderer/src/connection';
import { FakeAide } from './fake-aide';
import { renderApp } from './render-app';

afterEach(cleanup);

function controllableConnection() {
  let state: ConnectionState = 'open';
  const listeners = new Set<() => void>();
  const connection: Connection = {
    get: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const set = (next: ConnectionState) => {
    state = next;
    listeners.forEach((listener) => listener());
  };
  return { connection, set };
}

describe('the app frame', () => {
  it('navigates between Chat, Reminders, Usage and Settings', async () => {
    renderApp(new FakeAide());
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
    const fake = new FakeAide();
    fake.notices = ['Your settings file was damaged and has been moved aside.', 'No keychain found.'];
    renderApp(fake);

    expect(await screen.findByText('Your settings file was damaged and has been moved aside.')).toBeTruthy();
    expect(screen.getAllByRole('status')).toHaveLength(2);

    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss notice' })[0] as HTMLElement);
    expect(screen.queryByText(/settings file was damaged/)).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('No keychain found.');
  });

  it('says when the connection to Aide is lost and when it is back', () => {
    const { connection, set } = controllableConnection();
    renderApp(new FakeAide(), connection);
    expect(screen.queryByText(/Reconnecting/)).toBeNull();

    act(() => set('reconnecting'));
    expect(screen.getByRole('status').textContent).toContain('Reconnecting…');

    act(() => set('open'));
    expect(screen.queryByText(/Reconnecting/)).toBeNull();
  });
});

describe('after a dropped connection', () => {
  it('fetches the open conversation again, since events may have been missed', async () => {
    const fake = new FakeAide();
    const conversation = fake.addConversation('Errands', [{ role: 'user', content: 'What is left?' }]);
    const { connection, set } = controllableConnection();
    renderApp(fake, connection);
    await screen.findByText('What is left?');

    act(() => set('reconnecting'));
    conversation.messages.push({
      id: 'late',
      role: 'assistant',
      content: 'Only the post office.',
      createdAt: '2026-01-05T12:00:00.000Z',
      status: 'complete',
    });
    act(() => set('open'));

    expect(await screen.findByText('Only the post office.')).toBeTruthy();
  });
});

describe('Open in Aide from the quick-ask popup', () => {
  it('switches to Chat and opens the conversation the popup started', async () => {
    const fake = new FakeAide();
    fake.addConversation('Older', [{ role: 'user', content: 'Old question' }]);
    renderApp(fake);
    await screen.findByText('Old question');
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByLabelText('Base URL');

    const started = fake.addConversation('Percentages', [
      { role: 'user', content: "what's 15% of 240?" },
      { role: 'assistant', content: 'It is 36.' },
    ]);
    act(() => fake.emit('conversationRequested', { id: started.id }));

    const log = screen.getByRole('log', { name: 'Conversation' });
    expect(await within(log).findByText('It is 36.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Chat' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('button', { name: 'Percentages' }).getAttribute('aria-current')).toBe('true');
  });
});
