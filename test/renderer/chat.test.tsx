import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AideApi } from '../../common/contract';
import { replies } from '../support/fake-openai-server';
import { converse } from '../support/model-turns';
import { startAide } from '../support/renderer-core';
import { composer, log, send } from './chat-screen';
import { layOutMessageLog, rowTop, scrollUntilInView } from './log-layout';
import { renderApp } from './render-app';

afterEach(cleanup);

/** A fresh app with no conversations, open in Chat. */
async function openChat() {
  const app = await startAide();
  renderApp(app.aide);
  await screen.findByText('No conversations yet.');
  return app;
}

describe('chat', () => {
  it('shows the most recent conversation when the app opens', async () => {
    const app = await startAide();
    await converse(app, [['old question', 'old answer']]);
    await converse(app, [['newest question', 'newest **answer**']]);
    renderApp(app.aide);

    expect(await within(log()).findByText('newest question')).toBeTruthy();
    expect((await within(log()).findByText('answer')).tagName).toBe('STRONG');
    expect(within(log()).queryByText('old question')).toBeNull();
    expect(screen.getByRole('button', { name: 'old question' })).toBeTruthy();
  });

  it('sends the message, shows it, and streams the answer into the log', async () => {
    const app = await openChat();
    // The API rate-limits the first try for a second; the answer then streams word by word.
    app.server.enqueue(replies.rateLimited(1), replies.stream('You have two meetings.', { delayMs: 30 }));

    await send('What is on today?');
    expect(composer().value).toBe('');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();
    expect((await screen.findByRole('status')).textContent).toBe('Rate limited — retrying in 1 s');

    await waitFor(() => expect(log().textContent).toContain('You have two meetings.'));
    expect(screen.queryByText(/Rate limited/)).toBeNull();
    expect(await screen.findByRole('button', { name: 'Send' })).toBeTruthy();
    const sidebar = screen.getByRole('navigation', { name: 'Conversations' });
    expect(within(sidebar).getByRole('button', { current: true }).textContent).toBe('What is on today?');
  });

  it('sends with Enter and keeps Shift+Enter for a new line', async () => {
    const app = await openChat();

    fireEvent.change(composer(), { target: { value: 'first line' } });
    fireEvent.keyDown(composer(), { key: 'Enter', shiftKey: true });
    expect(within(log()).queryByText(/first line/)).toBeNull();

    fireEvent.change(composer(), { target: { value: 'first line\nsecond line' } });
    fireEvent.keyDown(composer(), { key: 'Enter' });
    const shown = await within(log()).findByText(/first line/);
    expect(shown.textContent).toBe('first line\nsecond line');
    await app.harness.waitFor('chatDone');
    const [conversation] = await app.other.listConversations();
    const stored = await app.other.getConversation({ id: conversation!.id });
    expect(stored?.messages.map((m) => m.content)).toEqual(['first line\nsecond line', 'Hello from the fake server.']);
  });

  it('keeps the partial answer when the user stops it', async () => {
    const app = await openChat();
    app.server.enqueue(replies.stream('Once upon a time there was', { hangAfter: 3 }));
    await send('Tell me a long story');
    await waitFor(() => expect(log().textContent).toContain('Once upon a'));

    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));

    await screen.findByText('Stopped');
    expect(log().textContent).toContain('Once upon a');
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
    const [conversation] = await app.other.listConversations();
    const answer = (await app.other.getConversation({ id: conversation!.id }))?.messages.at(-1);
    expect(answer).toMatchObject({ role: 'assistant', content: 'Once upon a ', status: 'stopped' });
  });

  it('shows a failed answer in an alert, keeps its partial text and offers Retry', async () => {
    const app = await openChat();
    // The connection drops after the first words.
    app.server.enqueue(replies.stream('Monday: gym, then work.', { dropAfter: 1 }));
    await send('Plan my week');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('was lost in the middle of the answer. The part that arrived is kept');
    expect(log().textContent).toContain('Monday:');
    expect(screen.queryByRole('button', { name: 'Open Settings' })).toBeNull();

    app.server.enqueue(replies.stream('Monday: rest.'));
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    await waitFor(() => expect(log().textContent).toContain('Monday: rest.'));
  });

  it('offers to replace a rejected key in Settings', async () => {
    const app = await openChat();
    app.server.enqueue(replies.invalidKey());
    await send('Hello');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /^The API key was rejected by 127\.0\.0\.1:\d+ \(401\)\. Replace it in Settings\./,
    );
    fireEvent.click(within(alert).getByRole('button', { name: 'Replace key' }));
    const field = await screen.findByLabelText('OpenAI API key');
    await waitFor(() => expect(document.activeElement).toBe(field));
  });

  it('keeps the typed text and says so when the message could not be sent', async () => {
    const app = await startAide();
    const id = await converse(app, [['Remember this first', 'Noted.']]);
    renderApp(app.aide);
    await within(log()).findByText('Noted.');
    // The conversation's file cannot be written any more.
    const file = join(app.harness.dataDir, 'conversations', `${id}.jsonl`);
    await rm(file);
    await mkdir(join(file, 'in-the-way'), { recursive: true });

    fireEvent.change(composer(), { target: { value: 'Remember this' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /^Your message was not sent: A folder is in the way of one of Aide’s files in its data folder\. Move it aside and try again\.$/,
    );
    expect(composer().value).toBe('Remember this');
  });

  it('starts a new chat and lists it once the first message is sent', async () => {
    const app = await startAide();
    await converse(app, [['milk', 'Added.']]);
    renderApp(app.aide);
    await within(log()).findByText('milk');

    fireEvent.click(screen.getByRole('button', { name: 'New chat' }));
    expect(within(log()).queryByText('milk')).toBeNull();

    await send('A fresh start');
    const sidebar = screen.getByRole('navigation', { name: 'Conversations' });
    await waitFor(() => expect(within(sidebar).getAllByRole('listitem')).toHaveLength(2));
    await waitFor(() =>
      expect(within(sidebar).getByRole('button', { current: true }).textContent).toBe('A fresh start'),
    );
  });

  it('renames a conversation in place', async () => {
    const app = await startAide();
    await converse(app, [['Trip', 'Where to?']]);
    renderApp(app.aide);

    fireEvent.click(await screen.findByRole('button', { name: 'Rename Trip' }));
    const input = screen.getByRole('textbox', { name: 'New title for Trip' });
    fireEvent.change(input, { target: { value: 'Trip to Rome' } });
    fireEvent.submit(input);

    expect(await screen.findByRole('button', { name: 'Trip to Rome' })).toBeTruthy();
    expect((await app.other.listConversations()).map((c) => c.title)).toEqual(['Trip to Rome']);
  });

  it('deletes a conversation only after confirmation', async () => {
    const app = await startAide();
    await converse(app, [['Keep me', 'Kept.']]);
    const old = await converse(app, [['stale', 'Old news.']]);
    await app.other.renameConversation({ id: old, title: 'Old stuff' });
    renderApp(app.aide);
    await within(log()).findByText('stale');

    fireEvent.click(screen.getByRole('button', { name: 'Delete Old stuff' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await app.other.listConversations()).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'Delete Old stuff' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Confirm' }));

    await waitFor(() => expect(screen.queryByRole('button', { name: 'Old stuff' })).toBeNull());
    await waitFor(() => expect(within(log()).queryByText('stale')).toBeNull());
    expect((await app.other.listConversations()).map((c) => c.title)).toEqual(['Keep me']);
  });

  it('follows the conversation list main announces', async () => {
    const app = await openChat();

    // Another window (the quick-ask popup, a second tab) starts a conversation.
    const { id } = await app.other.createConversation();
    await app.other.sendMessage({ conversationId: id, text: 'From elsewhere' });

    expect(await screen.findByRole('button', { name: 'From elsewhere' })).toBeTruthy();
  });
});

describe('a long conversation', () => {
  it('opens with its newest messages and shows older ones page by page', async () => {
    // Without a key, messages to OpenAI are stored and answered by no one: 250 of them take no model.
    const app = await startAide({ key: false, openAI: true });
    const { id } = await app.other.createConversation();
    let last = '';
    for (let i = 0; i < 250; i++) {
      last = (await app.other.sendMessage({ conversationId: id, text: `line ${i}.` })).assistantMessageId;
    }
    await app.harness.waitFor('chatError', (failed) => failed.messageId === last);
    renderApp(app.aide);

    expect(await within(log()).findByText('line 249.')).toBeTruthy();
    expect(within(log()).queryByText('line 149.')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show older messages (150)' }));
    expect(await within(log()).findByText('line 149.')).toBeTruthy();
    expect(within(log()).queryByText('line 49.')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Show older messages (50)' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /Show older messages/ })).toBeNull());
  });

  it('keeps the reader on the lines they scrolled up to when an older page arrives', async () => {
    const app = await startAide({ key: false, openAI: true });
    const { id } = await app.other.createConversation();
    let last = '';
    for (let i = 0; i < 150; i++) {
      last = (await app.other.sendMessage({ conversationId: id, text: `line ${i}.` })).assistantMessageId;
    }
    await app.harness.waitFor('chatError', (failed) => failed.messageId === last);
    layOutMessageLog();
    renderApp(app.aide);
    await within(log()).findByText('line 149.');
    const view = log();

    // The reader scrolls up from the newest line to 'line 70.', then the 50 older ones are put in front.
    await scrollUntilInView(view, 'line 70.');
    const fromBottom = view.scrollHeight - view.scrollTop;
    // The page comes by itself as the reader nears the top, or with the button before that.
    const older = screen.queryByRole('button', { name: 'Show older messages (50)' });
    if (older) fireEvent.click(older);
    await waitFor(() => expect(screen.queryByRole('button', { name: /Show older messages/ })).toBeNull());

    // Same place, counted from the end (nothing below changed), and the line still on screen.
    await waitFor(() => expect(view.scrollHeight - view.scrollTop).toBe(fromBottom));
    const top = rowTop(within(view).getByText('line 70.'));
    expect(top).toBeGreaterThanOrEqual(view.scrollTop);
    expect(top).toBeLessThan(view.scrollTop + view.clientHeight);
  });

  it('gets the older messages for a reader waiting at the top even when the first try to fetch them fails', async () => {
    const app = await startAide({ key: false, openAI: true });
    const { id } = await app.other.createConversation();
    let last = '';
    for (let i = 0; i < 150; i++) {
      last = (await app.other.sendMessage({ conversationId: id, text: `line ${i}.` })).assistantMessageId;
    }
    await app.harness.waitFor('chatError', (failed) => failed.messageId === last);
    // The first ask for older messages hangs until the reader is at the top, then fails as the
    // browser-mode socket fails its calls when the connection drops; later asks reach the core.
    const asked: string[] = [];
    let dropConnection = () => {};
    const aide: AideApi = {
      ...app.aide,
      getOlderMessages: (request) => {
        asked.push(request.before);
        if (asked.length > 1) return app.aide.getOlderMessages(request);
        return new Promise((_, reject) => {
          dropConnection = () => reject(new Error('Connection to Aide lost'));
        });
      },
    };
    layOutMessageLog();
    renderApp(aide);
    await within(log()).findByText('line 149.');

    // The reader scrolls to the top of what is loaded and waits there, without touching anything.
    await scrollUntilInView(log(), 'line 50.');
    expect(asked).toHaveLength(1);
    dropConnection();
    await waitFor(() => expect(screen.queryByRole('button', { name: /Show older messages/ })).toBeNull(), {
      timeout: 8_000,
    });
    expect(asked.length).toBeGreaterThanOrEqual(2);
    expect(screen.queryByText(/Could not load older messages/)).toBeNull();
    await scrollUntilInView(log(), 'line 0.');
  });
});
