import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretStoreUnavailableError } from '../../main/core/ports';
import { DEFAULT_API_KEY } from '../support/fake-openai-server';
import { startAide, type AideOptions } from '../support/renderer-core';
import { renderApp } from './render-app';

afterEach(cleanup);

const welcome = () => screen.queryByRole('region', { name: 'Welcome to Aide' });
const keyField = () => screen.getByLabelText<HTMLInputElement>('OpenAI API key');

/** A first run against OpenAI itself (its host answered by the fake server), with no key yet. */
async function firstRun(options: AideOptions = {}) {
  const app = await startAide({ key: false, openAI: true, ...options });
  renderApp(app.aide);
  return app;
}

/** Waits until the app has its settings: the Settings screen shows them, then back to Chat. */
async function settingsLoaded() {
  await screen.findByText('No conversations yet.');
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  await screen.findByLabelText('Base URL');
  fireEvent.click(screen.getByRole('button', { name: 'Chat' }));
}

describe('first run without a key', () => {
  it('welcomes the user in Chat: what a key is, where to create one, and what works without it', async () => {
    await firstRun();

    const card = await screen.findByRole('region', { name: 'Welcome to Aide' });
    expect(card.textContent).toContain('OpenAI API key');
    const link = within(card).getByRole('link', { name: 'Create a key on platform.openai.com' });
    expect(link.getAttribute('href')).toBe('https://platform.openai.com/api-keys');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer');
    expect(card.textContent).toContain('quick add');
    expect(card.textContent).toContain('Reminders view');
    expect(keyField().type).toBe('password');
    expect(keyField().getAttribute('autocomplete')).toBe('off');
    // Only one field of that name at a time: the hidden Chat screen has none while Settings shows.
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByText('No key saved yet.');
    expect(screen.getAllByLabelText('OpenAI API key')).toHaveLength(1);
    expect(welcome()).toBeNull();
  });

  it('saves a pasted key: checked, the field cleared, and the welcome gone', async () => {
    const app = await firstRun();
    await screen.findByRole('region', { name: 'Welcome to Aide' });

    fireEvent.change(keyField(), { target: { value: DEFAULT_API_KEY } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));

    await waitFor(() => expect(welcome()).toBeNull());
    expect(document.body.innerHTML).not.toContain(DEFAULT_API_KEY);
    expect(screen.getByRole('status').textContent).toContain('Key saved');
    expect(screen.queryByLabelText('OpenAI API key')).toBeNull();
    // Checked against the server before it was kept.
    expect(app.server.requests.map((r) => `${r.method} ${r.path} ${r.headers['authorization']}`)).toEqual([
      `GET /v1/models Bearer ${DEFAULT_API_KEY}`,
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(await screen.findByText(`sk-…${DEFAULT_API_KEY.slice(-4)}`)).toBeTruthy();
    expect(document.body.textContent).toContain('the system keychain');
  });

  it('keeps a rejected key in the field and says why in an alert', async () => {
    const app = await firstRun();
    await screen.findByRole('region', { name: 'Welcome to Aide' });

    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Paste your OpenAI API key first.');

    fireEvent.change(keyField(), { target: { value: 'sk-wrong-key-0000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));

    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The API key was rejected by api.openai.com (401). Replace it in Settings.',
      ),
    );
    expect(keyField().value).toBe('sk-wrong-key-0000');
    expect(welcome()).not.toBeNull();
    expect((await app.other.getSettings()).key.present).toBe(false);
  });

  it('"Use a local model instead" opens Settings at the Base URL', async () => {
    const app = await firstRun();
    await screen.findByRole('region', { name: 'Welcome to Aide' });

    fireEvent.click(screen.getByRole('button', { name: 'Use a local model instead' }));

    const baseUrl = await screen.findByLabelText('Base URL');
    await waitFor(() => expect(document.activeElement).toBe(baseUrl));
    fireEvent.change(baseUrl, { target: { value: 'http://localhost:11434/v1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');

    fireEvent.click(screen.getByRole('button', { name: 'Chat' }));
    expect(welcome()).toBeNull();
    expect((await app.other.getSettings()).baseUrl).toBe('http://localhost:11434/v1');
  });

  it('does not show with a local base URL, with a key, or when the keychain has a problem', async () => {
    // The harness's server is a local one, like Ollama.
    renderApp((await startAide({ key: false })).aide);
    await settingsLoaded();
    expect(welcome()).toBeNull();
    cleanup();

    renderApp((await startAide({ openAI: true })).aide);
    await settingsLoaded();
    expect(welcome()).toBeNull();
    cleanup();

    await firstRun({ secretStore: () => new SecretStoreUnavailableError('No keychain.') });
    await settingsLoaded();
    expect(welcome()).toBeNull();
  });

  it('shows a compact banner on the other screens that leads back to the welcome', async () => {
    await firstRun();
    await screen.findByRole('region', { name: 'Welcome to Aide' });

    fireEvent.click(screen.getByRole('button', { name: 'Reminders' }));
    expect(await screen.findByText(/No OpenAI API key yet/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Set up a key' }));

    expect(await screen.findByRole('region', { name: 'Welcome to Aide' })).toBeTruthy();
    expect(screen.queryByText(/No OpenAI API key yet/)).toBeNull();
  });
});
