import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FiredItem } from '../../common/contract';
import { FakeAide } from './fake-aide';
import { renderApp } from './render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const toasts = () => screen.queryAllByRole('alert').filter((el) => el.classList.contains('toast'));

function fired(fake: FakeAide, title: string, missed = false): FiredItem {
  const reminder = fake.addReminder({ title, due: new Date().toISOString() });
  return { kind: 'reminder', id: reminder.id, title, at: reminder.due, missed };
}

describe('a fired reminder', () => {
  it('shows a toast with its title whose Snooze snoozes it for 10 minutes', async () => {
    const fake = new FakeAide();
    renderApp(fake);
    const item = fired(fake, 'Call mom');

    act(() => fake.fire([item]));

    const [toast] = toasts();
    expect(toast?.textContent).toContain('Call mom');
    fireEvent.click(within(toast as HTMLElement).getByRole('button', { name: 'Snooze' }));
    await waitFor(() => expect(toasts()).toHaveLength(0));
    expect(fake.requestsOf('snoozeReminder')).toEqual([{ id: item.id, minutes: 10 }]);
  });

  it('completes it with Done, on whatever screen is open', async () => {
    const fake = new FakeAide();
    renderApp(fake);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const item = fired(fake, 'Take pills');

    act(() => fake.fire([item]));
    fireEvent.click(within(toasts()[0] as HTMLElement).getByRole('button', { name: 'Done' }));

    await waitFor(() => expect(toasts()).toHaveLength(0));
    expect(fake.requestsOf('completeReminder')).toEqual([{ id: item.id }]);
  });

  it('stays until dismissed, and keeps it when the change is refused', async () => {
    const fake = new FakeAide();
    fake.failures.set('completeReminder', 'This reminder was deleted.');
    renderApp(fake);
    act(() => fake.fire([fired(fake, 'Old thing')]));

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(toasts()[0]?.textContent).toContain('This reminder was deleted.'));

    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(toasts()).toHaveLength(0);
  });

  it('groups items that fire together into one toast, marks missed ones, and acts on them all', async () => {
    const fake = new FakeAide();
    renderApp(fake);
    const items = [fired(fake, 'Water plants', true), fired(fake, 'Stand up'), fired(fake, 'Check oven')];

    act(() => fake.fire(items));

    expect(toasts()).toHaveLength(1);
    const toast = toasts()[0] as HTMLElement;
    expect(toast.textContent).toContain('3 reminders');
    for (const item of items) expect(toast.textContent).toContain(item.title);
    const missed = within(toast).getByText('Water plants').closest('li');
    expect(missed?.textContent).toContain('missed');
    expect(within(toast).getByText('Stand up').closest('li')?.textContent).not.toContain('missed');

    fireEvent.click(within(toast).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(toasts()).toHaveLength(0));
    expect(fake.requestsOf('completeReminder').map((r) => r.id)).toEqual(items.map((i) => i.id));
  });

  it('shows what fired while Aide was closed as soon as the window opens, once', async () => {
    const fake = new FakeAide();
    const missed = fired(fake, 'Water plants', true);
    fake.firedBeforeOpen = [missed];
    renderApp(fake);
    await waitFor(() => expect(toasts()).toHaveLength(1));
    expect(toasts()[0]?.textContent).toContain('Water plants');
    expect(toasts()[0]?.textContent).toMatch(/Missed/);
    act(() => fake.fire([missed]));
    expect(toasts()).toHaveLength(1);
    fireEvent.click(within(toasts()[0] as HTMLElement).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(fake.requestsOf('completeReminder')).toEqual([{ id: missed.id }]));
  });

  it('stacks separate firings as separate toasts', () => {
    const fake = new FakeAide();
    renderApp(fake);
    act(() => fake.fire([fired(fake, 'First')]));
    act(() => fake.fire([fired(fake, 'Second')]));
    expect(toasts().map((t) => t.textContent)).toEqual([
      expect.stringContaining('First'),
      expect.stringContaining('Second'),
    ]);
  });

  it('also shows a desktop notification in browser mode when the user allowed them', () => {
    const shown: Array<{ title: string; body?: string }> = [];
    class FakeNotification {
      static permission = 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body });
      }
      close() {}
    }
    vi.stubGlobal('Notification', FakeNotification);
    const fake = new FakeAide();
    renderApp(fake, undefined, true);

    act(() => fake.fire([fired(fake, 'Call mom')]));

    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe('Call mom');
    expect(toasts()).toHaveLength(1);
  });
});

describe('a confirmation the model asks for', () => {
  const request = {
    id: 'q1',
    conversationId: 'c1',
    title: 'Delete 2 reminders?',
    details: ['Call mom — Today 17:00', 'Water plants — every day at 09:00'],
  };

  it('opens a dialog with its details; Confirm answers yes', async () => {
    const fake = new FakeAide();
    renderApp(fake);

    act(() => fake.emit('confirmRequested', request));

    const dialog = screen.getByRole('dialog', { name: 'Delete 2 reminders?' });
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(request.details);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(fake.requestsOf('answerConfirmation')).toEqual([{ id: 'q1', confirmed: true }]));
  });

  it('answers no with Cancel or Escape, and shows queued requests one after another', async () => {
    const fake = new FakeAide();
    renderApp(fake);

    act(() => fake.emit('confirmRequested', request));
    act(() => fake.emit('confirmRequested', { ...request, id: 'q2', title: 'Move 3 appointments?', details: [] }));

    expect(screen.getAllByRole('dialog')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    const next = screen.getByRole('dialog', { name: 'Move 3 appointments?' });
    fireEvent.keyDown(next, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() =>
      expect(fake.requestsOf('answerConfirmation')).toEqual([
        { id: 'q1', confirmed: false },
        { id: 'q2', confirmed: false },
      ]),
    );
  });

  it('closes by itself when settled elsewhere or timed out', () => {
    const fake = new FakeAide();
    renderApp(fake);
    act(() => fake.emit('confirmRequested', request));
    expect(screen.getByRole('dialog')).toBeTruthy();

    act(() => fake.emit('confirmSettled', { id: 'other' }));
    expect(screen.getByRole('dialog')).toBeTruthy();
    act(() => fake.emit('confirmSettled', { id: 'q1' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.calls).not.toContain('answerConfirmation');
  });
});
