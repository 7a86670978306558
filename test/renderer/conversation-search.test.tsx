// The Search conversations box on the real core: Ctrl+K, results with the words marked, arrow keys
// and Enter, filters, Esc, and opening a conversation hundreds of messages back at the found one.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { converse } from '../support/model-turns';
import { startAide } from '../support/renderer-core';
import { log } from './chat-screen';
import { renderApp } from './render-app';

afterEach(cleanup);

const box = () => screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search conversations' });
const results = () => screen.getByRole('listbox', { name: 'Search results' });
const type = (text: string) => fireEvent.change(box(), { target: { value: text } });
/** The search runs in the core's worker thread: on a busy machine an answer can take a while. */
const slow = { timeout: 8_000 };

describe('searching conversations', () => {
  it('focuses with Ctrl+K, marks the words, moves with the arrow keys and opens the result at its message', async () => {
    const app = await startAide();
    await converse(app, [
      ['Which tent for the Dolomites?', 'A light **tent** with a strong frame suits the Dolomites.'],
    ]);
    await converse(app, [['Recipe for lentil soup', 'Lentils, carrots and cumin; simmer for 25 minutes.']]);
    renderApp(app.aide);
    await screen.findByRole('button', { name: 'Recipe for lentil soup' });

    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    await waitFor(() => expect(document.activeElement).toBe(box()), slow);
    type('dolomit');
    const options = await within(await screen.findByRole('listbox', { name: 'Search results' }, slow)).findAllByRole(
      'option',
    );
    expect(options).toHaveLength(2);
    expect(options.map((o) => o.querySelector('mark')?.textContent)).toEqual(['Dolomites', 'Dolomites']);
    expect(options[0]!.textContent).toContain('Which tent for the Dolomites?');
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');

    fireEvent.keyDown(box(), { key: 'ArrowDown' });
    expect(within(results()).getAllByRole('option')[1]!.getAttribute('aria-selected')).toBe('true');
    const chosen = within(results()).getAllByRole('option')[1]!.textContent!;
    fireEvent.keyDown(box(), { key: 'Enter' });
    const found = await waitFor(() => {
      const row = log().querySelector('[aria-current="true"]');
      expect(row).not.toBeNull();
      return row!;
    }, slow);
    // The snippet shows the message's Markdown source ("**tent**"); the log shows the same source
    // until the Markdown code has loaded, and renders it after: compare both without the marks.
    const shown = found.textContent!.replace(/^(You:|Aide:)/, '').replaceAll('**', '');
    expect(chosen.replaceAll('**', '')).toContain(shown.slice(0, 20));
    expect(within(log()).getByText(/Which tent for the Dolomites\?/)).toBeTruthy();

    fireEvent.keyDown(box(), { key: 'Escape' });
    expect(box().value).toBe('');
    expect(screen.queryByRole('listbox', { name: 'Search results' })).toBeNull();
  });

  it('filters by the model that answered and says when nothing matches', async () => {
    const app = await startAide();
    await converse(app, [['packing list for sailing', 'Bring a sailing jacket.']]);
    renderApp(app.aide);
    type('sailing');
    await within(await screen.findByRole('listbox', { name: 'Search results' }, slow)).findAllByRole(
      'option',
      {},
      slow,
    );
    const model = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Answered by' });
    const models = [...model.options].map((o) => o.value).filter(Boolean);
    expect(models.length).toBeGreaterThan(0);
    fireEvent.change(model, { target: { value: models[0] } });
    await waitFor(() => expect(within(results()).getAllByRole('option')).toHaveLength(2), slow);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2099-01-01' } });
    expect(await screen.findByText('No messages found.', {}, slow)).toBeTruthy();
  });

  it('opens a long conversation at a message hundreds back, with newer messages still to load', async () => {
    const app = await startAide();
    const { id } = await app.other.createConversation();
    const lines = Array.from({ length: 600 }, (_, i) =>
      JSON.stringify({
        type: 'message',
        message: {
          id: `m${i}`,
          role: i % 2 ? 'assistant' : 'user',
          content: i === 150 ? 'The quokka photo was taken on Rottnest' : `Message number ${i}`,
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
          status: 'complete',
        },
      }),
    );
    await writeFile(join(app.harness.dataDir, 'conversations', `${id}.jsonl`), `${lines.join('\n')}\n`);
    await app.harness.restart();
    renderApp(app.aide);

    type('quokka rottnest');
    const [option] = await within(await screen.findByRole('listbox', { name: 'Search results' }, slow)).findAllByRole(
      'option',
    );
    fireEvent.click(option!);
    await waitFor(
      () => expect(log().querySelector('[aria-current="true"]')?.textContent).toContain('quokka photo'),
      slow,
    );
    expect(screen.getByRole('button', { name: /^Show newer messages \(\d+\)$/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Show older messages \(100\)$/ })).toBeTruthy();
    expect(within(log()).queryByText('Message number 599')).toBeNull();
  });
});
