import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Reminder } from '../../common/contract';
import { alwaysOpen } from '../../renderer/src/connection';
import { replies } from '../support/fake-openai-server';
import { modelDoes, reminderCall, toolCalls, type ToolCall } from '../support/model-turns';
import { startAide, type RealAide } from '../support/renderer-core';
import { renderApp } from './render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const toasts = () => screen.queryAllByRole('alert').filter((el) => el.classList.contains('toast'));
const reminder = async (app: RealAide, title: string): Promise<Reminder | undefined> =>
  (await app.other.listReminders()).find((r) => r.title === title);

/** The model sets a reminder due right now; the core fires it at once. */
const dueNow = (app: RealAide, ...titles: string[]) =>
  modelDoes(app, ...titles.map((title) => reminderCall(title, new Date())));

describe('a fired reminder', () => {
  it('shows a toast with its title whose Snooze snoozes it for 10 minutes', async () => {
    const app = await startAide();
    renderApp(app.aide);
    await dueNow(app, 'Call mom');

    await waitFor(() => expect(toasts()).toHaveLength(1));
    const [toast] = toasts();
    expect(toast?.textContent).toContain('Call mom');
    fireEvent.click(within(toast as HTMLElement).getByRole('button', { name: 'Snooze' }));
    await waitFor(() => expect(toasts()).toHaveLength(0));
    const snoozedUntil = Date.parse((await reminder(app, 'Call mom'))?.snoozedUntil ?? '');
    expect(Math.abs(snoozedUntil - (Date.now() + 10 * 60_000))).toBeLessThan(10_000);
  });

  it('completes it with Done, on whatever screen is open', async () => {
    const app = await startAide();
    renderApp(app.aide);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await dueNow(app, 'Take pills');

    await waitFor(() => expect(toasts()).toHaveLength(1));
    fireEvent.click(within(toasts()[0] as HTMLElement).getByRole('button', { name: 'Done' }));

    await waitFor(() => expect(toasts()).toHaveLength(0));
    expect((await reminder(app, 'Take pills'))?.status).toBe('done');
  });

  it('stays until dismissed, and keeps it when the change is refused', async () => {
    const app = await startAide();
    renderApp(app.aide);
    await dueNow(app, 'Old thing');
    await waitFor(() => expect(toasts()).toHaveLength(1));
    // Marked done elsewhere (the native notification's Done) before this toast is answered.
    await app.other.completeReminder({ id: (await reminder(app, 'Old thing'))!.id });

    fireEvent.click(screen.getByRole('button', { name: 'Snooze' }));
    await waitFor(() =>
      expect(toasts()[0]?.textContent).toContain('The reminder "Old thing" is already done; it cannot be snoozed.'),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(toasts()).toHaveLength(0);
  });

  it('groups items that fire together into one toast, marks missed ones, and acts on them all', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 0, 5, 10, 0));
    const app = await startAide();
    renderApp(app.aide);
    // Reminders are paused; meanwhile one comes due while the computer sleeps, two more on time.
    await app.other.pauseReminders({ minutes: 120 });
    await modelDoes(app, reminderCall('Water plants', new Date(2026, 0, 5, 11, 0)));
    vi.setSystemTime(new Date(2026, 0, 5, 11, 5));
    app.core.resume();
    await dueNow(app, 'Stand up', 'Check oven');
    expect(toasts()).toHaveLength(0);
    // The pause ends: what came due meanwhile arrives together.
    await app.other.pauseReminders({ minutes: 0 });

    await waitFor(() => expect(toasts()).toHaveLength(1));
    const toast = toasts()[0] as HTMLElement;
    expect(toast.textContent).toContain('3 reminders');
    for (const title of ['Water plants', 'Stand up', 'Check oven']) expect(toast.textContent).toContain(title);
    const missed = within(toast).getByText('Water plants').closest('li');
    expect(missed?.textContent).toContain('missed');
    expect(within(toast).getByText('Stand up').closest('li')?.textContent).not.toContain('missed');

    fireEvent.click(within(toast).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(toasts()).toHaveLength(0));
    expect((await app.other.listReminders()).map((r) => r.status)).toEqual(['done', 'done', 'done']);
  });

  it('shows what fired while Aide was closed as soon as the window opens, once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 0, 5, 10, 0));
    const app = await startAide();
    await modelDoes(app, reminderCall('Water plants', new Date(2026, 0, 5, 11, 0)));
    // Aide is closed at 11:00 and started again at noon.
    vi.setSystemTime(new Date(2026, 0, 5, 12, 0));
    await app.harness.restart();
    renderApp(app.aide, app.connection);

    await waitFor(() => expect(toasts()).toHaveLength(1));
    expect(toasts()[0]?.textContent).toContain('Water plants');
    expect(toasts()[0]?.textContent).toMatch(/Missed/);
    // After a dropped connection the window asks again, and still shows it once.
    act(() => app.connection.drop());
    act(() => app.connection.reopen());
    await act(() => app.other.listFired());
    expect(toasts()).toHaveLength(1);
    fireEvent.click(within(toasts()[0] as HTMLElement).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(toasts()).toHaveLength(0));
    expect((await reminder(app, 'Water plants'))?.status).toBe('done');
  });

  it('stacks separate firings as separate toasts', async () => {
    const app = await startAide();
    renderApp(app.aide);
    await dueNow(app, 'First');
    await dueNow(app, 'Second');
    await waitFor(() =>
      expect(toasts().map((t) => t.textContent)).toEqual([
        expect.stringContaining('First'),
        expect.stringContaining('Second'),
      ]),
    );
  });

  it('also shows a desktop notification in browser mode when the user allowed them', async () => {
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
    const app = await startAide({ desktop: false });
    renderApp(app.aide, alwaysOpen, true);

    await dueNow(app, 'Call mom');

    await waitFor(() => expect(toasts()).toHaveLength(1));
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe('Call mom');
  });
});

describe('a confirmation the model asks for', () => {
  /** Call mom and Water plants, due tomorrow. */
  async function withTwoReminders(): Promise<{ app: RealAide; ids: string[] }> {
    const app = await startAide();
    const tomorrow = new Date(Date.now() + 86_400_000);
    await modelDoes(app, reminderCall('Call mom', tomorrow), reminderCall('Water plants', tomorrow));
    renderApp(app.aide);
    return { app, ids: (await app.other.listReminders()).map((r) => r.id) };
  }

  /** Another window's chat, where the model makes these calls; resolves once it asks to confirm. */
  async function modelAsks(app: RealAide, ...calls: ToolCall[]) {
    app.server.enqueue(toolCalls(...calls));
    const { id } = await app.other.createConversation();
    const asked = app.harness.events.filter((e) => e.name === 'confirmRequested').length;
    await app.other.sendMessage({ conversationId: id, text: 'Tidy up my reminders' });
    const request = await app.harness.waitFor(
      'confirmRequested',
      (r) => r.conversationId === id && app.harness.events.filter((e) => e.name === 'confirmRequested').length > asked,
    );
    return { conversationId: id, request };
  }

  it('opens a dialog with its details; Confirm answers yes', async () => {
    const { app, ids } = await withTwoReminders();
    await modelAsks(app, ...ids.map((id): ToolCall => ['delete_reminder', { id }]));
    app.server.enqueue(replies.stream('Both deleted.'));

    const dialog = await screen.findByRole('dialog', { name: 'Delete 2 items?' });
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Delete "Call mom"', 'Delete "Water plants"']);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await app.harness.waitFor('chatDone', (done) => done.message.content === 'Both deleted.');
    expect(await app.other.listReminders()).toEqual([]);
  });

  it('answers no with Cancel or Escape, and shows queued requests one after another', async () => {
    const { app, ids } = await withTwoReminders();
    await modelAsks(app, ['delete_reminder', { id: ids[0] }]);
    await modelAsks(app, ...ids.map((id): ToolCall => ['snooze_reminder', { id, minutes: 60 }]));
    app.server.enqueue(replies.stream('Left as it was.'), replies.stream('Left as it was.'));

    await screen.findByRole('dialog', { name: 'Delete this item?' });
    expect(screen.getAllByRole('dialog')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    const next = screen.getByRole('dialog', { name: 'Make 2 changes?' });
    fireEvent.keyDown(next, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();

    await waitFor(() => expect(app.harness.events.filter((e) => e.name === 'chatDone')).toHaveLength(3));
    const kept = await app.other.listReminders();
    expect(kept.map((r) => [r.title, r.status, r.snoozedUntil])).toEqual([
      ['Call mom', 'pending', null],
      ['Water plants', 'pending', null],
    ]);
  });

  it('closes by itself when settled elsewhere or timed out', async () => {
    const { app, ids } = await withTwoReminders();
    const first = await modelAsks(app, ['delete_reminder', { id: ids[0] }]);
    const second = await modelAsks(app, ['delete_reminder', { id: ids[1] }]);
    app.server.enqueue(replies.stream('Left as it was.'), replies.stream('Left as it was.'));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this item?' });
    expect(dialog.textContent).toContain('Call mom');

    // The queued second request is answered in another window: this one still asks the first.
    await act(() => app.other.answerConfirmation({ id: second.request.id, confirmed: false }));
    expect(screen.getByRole('dialog').textContent).toContain('Call mom');
    // The first answer is stopped from elsewhere: its question is gone too.
    await act(() => app.other.stop({ conversationId: first.conversationId }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await app.other.listReminders()).map((r) => r.title)).toEqual(['Call mom', 'Water plants']);
  });
});
