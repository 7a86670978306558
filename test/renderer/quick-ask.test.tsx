import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ENTER_TO_STORED, SHOW_TO_PAINT } from '../../renderer/src/quick-ask/paint-timing';
import { replies } from '../support/fake-openai-server';
import { spend } from '../support/model-turns';
import { startAide, type RealAide } from '../support/renderer-core';
import { slowReplies } from '../support/window-link';
import { renderQuickAsk } from './render-app';

beforeEach(() => {
  performance.clearMarks();
  performance.clearMeasures();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const box = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Ask' });
const type = (text: string) => fireEvent.change(box(), { target: { value: text } });
const enter = (init: KeyboardEventInit = {}) => fireEvent.keyDown(box(), { key: 'Enter', ...init });

/** The popup on a real core; its replies can come late (a busy link). */
async function popup(options: Parameters<typeof startAide>[0] & { lateBy?: number } = {}): Promise<RealAide> {
  const { lateBy, ...aideOptions } = options;
  const app = await startAide(aideOptions);
  renderQuickAsk(lateBy === undefined ? app.aide : slowReplies(app.aide, lateBy));
  return app;
}

describe('the quick-ask popup', () => {
  it('is one textbox named Ask, focused', async () => {
    await popup();
    expect(document.activeElement).toBe(box());
    expect(screen.getAllByRole('textbox')).toHaveLength(1);
  });

  it('creates a quick-add on Enter: confirmation, card with Undo, an empty box, and the timing', async () => {
    const app = await popup();

    type('remind me to stretch in 10 minutes');
    enter();

    expect((await screen.findByRole('status')).textContent).toContain('Reminder set: stretch');
    expect(box().value).toBe('');
    expect(performance.getEntriesByName(ENTER_TO_STORED, 'measure')).toHaveLength(1);
    const [created] = await app.other.listReminders();
    expect(Math.abs(Date.parse(created!.due) - (Date.now() + 10 * 60_000))).toBeLessThan(70_000);

    const card = document.querySelector('.tool-card') as HTMLElement;
    expect(card.textContent).toContain('stretch');
    fireEvent.click(within(card).getByRole('button', { name: 'Undo' }));
    await within(card).findByRole('button', { name: 'Undone' });
    expect(await app.other.listReminders()).toEqual([]);
  });

  it('shows its reading: the words that made the time marked, both clocks for another zone, and Undo', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-05T08:00:00-05:00'));
    await popup({ timeZone: () => 'America/New_York' });

    type('remind me to stretch at 4pm CET');
    enter();

    await screen.findByRole('status');
    const shown = document.querySelector('.tool-card') as HTMLElement;
    expect([...shown.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['at 4pm CET']);
    expect(shown.textContent).toContain('remind me to stretch at 4pm CET');
    expect(shown.textContent).toContain('4:00 PM CET (10:00 AM your time)');
    expect(within(shown).getByRole('button', { name: 'Undo' })).toBeTruthy();
  });

  it('adds a new line on Shift+Enter and never sends while an input method is composing', async () => {
    const app = await popup();
    type('明日');

    enter({ isComposing: true });
    enter({ keyCode: 229 });
    enter({ shiftKey: true });
    fireEvent.keyDown(box(), { key: 'Escape', isComposing: true });
    await act(async () => undefined);

    expect(box().value).toBe('明日');
    expect(app.desktop?.seen).toEqual([]);
    expect(await app.other.listConversations()).toEqual([]);
    expect(app.server.requests.filter((r) => r.path === '/v1/chat/completions')).toEqual([]);
  });

  it('hides on Esc and clears the box', async () => {
    const app = await popup();
    type('never mind');

    fireEvent.keyDown(box(), { key: 'Escape' });

    await waitFor(() => expect(app.desktop?.seen).toEqual(['popup hidden']));
    expect(box().value).toBe('');
  });

  it('asks "when?" for a reminder without a time, keeps the text, and sends it again with the time', async () => {
    const app = await popup();

    type('remind me to call mom');
    enter();

    expect((await screen.findByRole('status')).textContent).toBe('When should I remind you to call mom?');
    expect(box().value).toBe('remind me to call mom');
    expect(document.activeElement).toBe(box());
    expect(box().selectionStart).toBe('remind me to call mom'.length);
    expect(await app.other.listReminders()).toEqual([]);

    type('remind me to call mom at 5pm');
    enter();

    await screen.findByText('Reminder set: call mom');
    expect((await app.other.listReminders()).map((r) => r.title)).toEqual(['call mom']);
  });

  it('streams an answer in place as Markdown, with Stop, and opens it in Aide', async () => {
    const app = await popup();
    app.server.enqueue({ kind: 'stream', chunks: ['It is ', '**36**.', ' And more.'], hangAfter: 2 });

    type("what's 15% of 240?");
    enter();

    const answer = await screen.findByRole('log', { name: 'Answer' });
    expect(box().value).toBe('');
    expect(screen.getByText("what's 15% of 240?")).toBeTruthy();
    await waitFor(() => expect(answer.querySelector('strong')?.textContent).toBe('36'));

    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull());
    expect(answer.textContent).toContain('Stopped');

    fireEvent.click(screen.getByRole('button', { name: 'Open in Aide' }));
    await waitFor(() => expect(app.desktop?.seen).toEqual(['main shown']));
    const [conversation] = await app.other.listConversations();
    expect(app.harness.events.filter((e) => e.name === 'conversationRequested').map((e) => e.payload)).toEqual([
      { id: conversation?.id },
    ]);
  });

  it('shows an answer that started streaming before quickAsk replied', async () => {
    const app = await popup({ lateBy: 300 });
    app.server.enqueue(replies.stream('Early words.'));

    type('tell me something');
    enter();

    const answer = await screen.findByRole('log', { name: 'Answer' });
    await waitFor(() => expect(answer.textContent).toContain('Early words.'));
    // The whole answer was in before the popup heard which conversation it belongs to.
    expect(app.harness.events.findIndex((e) => e.name === 'chatDone')).toBeGreaterThan(-1);
  });

  it('shows the rate-limit wait under the answer, also when it came before quickAsk replied', async () => {
    const app = await popup({ lateBy: 300 });
    app.server.enqueue(replies.rateLimited(2), replies.stream('A calm week.'));

    type('summarise my week');
    enter();

    const answer = await screen.findByRole('log', { name: 'Answer' });
    expect((await within(answer).findByRole('status')).textContent).toBe('Rate limited — retrying in 2 s');
    await waitFor(() => expect(within(answer).getByRole('status').textContent).toBe('Rate limited — retrying in 1 s'));
    await waitFor(() => expect(answer.textContent).toContain('A calm week.'));
    expect(within(answer).queryByRole('status')).toBeNull();
  });

  it('shows a failed answer in an alert with Retry', async () => {
    const app = await popup();
    app.server.enqueue(replies.serverError());
    type('hello');
    enter();
    await screen.findByRole('log', { name: 'Answer' });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^127\.0\.0\.1:\d+ had a server error \(500\)\. Your message is kept/);
    app.server.enqueue(replies.stream('Hi!'));
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    await waitFor(() => expect(screen.getByRole('log', { name: 'Answer' }).textContent).toContain('Hi!'));
  });

  it('offers no Retry when the monthly budget blocks the request', async () => {
    const app = await popup();
    await app.other.updateSettings({ budget: { monthlyUsd: 0.01, warnAt: 0.8, hardStop: true } });
    await spend(app, { prompt_tokens: 150_000, completion_tokens: 0 });
    type('what is the capital of Peru?');
    enter();
    await screen.findByRole('log', { name: 'Answer' });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("This month's budget of $0.01 is used up");
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('keeps the text and says so when quickAsk fails', async () => {
    const app = await popup();
    // The reminders journal cannot be written.
    const file = join(app.harness.dataDir, 'reminders-journal.jsonl');
    await rm(file, { force: true });
    await mkdir(join(file, 'in-the-way'), { recursive: true });

    type('remind me to stretch in 10 minutes');
    enter();

    expect((await screen.findByRole('alert')).textContent).toMatch(
      /A folder is in the way of one of Aide’s files in its data folder\. Move it aside and try again\.$/,
    );
    expect(box().value).toBe('remind me to stretch in 10 minutes');
  });

  it('starts afresh when shown again, and measures show to paint', async () => {
    // Browser mode: showing the quick-ask page is an event from the core.
    const app = await popup({ desktop: false });
    type('remind me to stretch in 10 minutes');
    enter();
    await screen.findByRole('status');
    type('half typed');
    box().blur();

    await act(() => app.other.showQuickAsk());

    expect(screen.queryByRole('status')).toBeNull();
    expect(box().value).toBe('');
    expect(document.activeElement).toBe(box());
    await waitFor(() => expect(performance.getEntriesByName(SHOW_TO_PAINT, 'measure')).toHaveLength(1));
    const [measure] = performance.getEntriesByName(SHOW_TO_PAINT, 'measure');
    expect(measure?.duration).toBeGreaterThanOrEqual(0);
    expect(performance.getEntriesByName('aide:quick-ask-painted', 'mark')).toHaveLength(1);
  });

  it('keeps an answer that is still streaming when shown again', async () => {
    const app = await popup({ desktop: false });
    app.server.enqueue({ kind: 'stream', chunks: ['Autumn moonlight', ' —'], hangAfter: 1 });
    type('write a haiku');
    enter();
    const answer = await screen.findByRole('log', { name: 'Answer' });
    await waitFor(() => expect(answer.textContent).toContain('Autumn moonlight'));

    await act(() => app.other.showQuickAsk());

    expect(screen.getByRole('log', { name: 'Answer' }).textContent).toContain('Autumn moonlight');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();
  });
});
