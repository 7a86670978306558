import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeAide } from './fake-aide';
import { renderApp } from './render-app';

afterEach(cleanup);

const welcome = () => screen.queryByRole('region', { name: 'Welcome to Aide' });
const keyField = () => screen.getByLabelText<HTMLInputElement>('OpenAI API key');

describe('first run without a key', () => {
  it('welcomes the user in Chat: what a key is, where to create one, and what works without it', async () => {
    const fake = new FakeAide();
    renderApp(fake);

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
    const fake = new FakeAide();
    renderApp(fake);
    await screen.findByRole('region', { name: 'Welcome to Aide' });

    fireEvent.change(keyField(), { target: { value: 'sk-first-run-5678' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));

    await waitFor(() => expect(welcome()).toBeNull());
    expect(fake.calls).toContain('saveKey');
    expect(document.body.innerHTML).not.toContain('sk-first-run');
    expect(screen.getByRole('status').textContent).toContain('Key saved');
    expect(screen.queryByLabelText('OpenAI API key')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(await screen.findByText('sk-…5678')).toBeTruthy();
  });

  it('keeps a rejected key in the field and says why in an alert', async () => {
    const fake = new FakeAide();
    fake.saveKey = async () => ({
      ok: false,
      error: { code: 'auth', message: 'OpenAI rejected this key. Check it and try again.', retryable: false },
    });
    renderApp(fake);
    await screen.findByRole('region', { name: 'Welcome to Aide' });

    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Paste your OpenAI API key first.');

    fireEvent.change(keyField(), { target: { value: 'sk-wrong-key-0000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));

    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('OpenAI rejected this key. Check it and try again.'),
    );
    expect(keyField().value).toBe('sk-wrong-key-0000');
    expect(welcome()).not.toBeNull();
  });

  it('"Use a local model instead" opens Settings at the Base URL', async () => {
    const fake = new FakeAide();
    renderApp(fake);
    await screen.findByRole('region', { name: 'Welcome to Aide' });

    fireEvent.click(screen.getByRole('button', { name: 'Use a local model instead' }));

    const baseUrl = await screen.findByLabelText('Base URL');
    await waitFor(() => expect(document.activeElement).toBe(baseUrl));
    fireEvent.change(baseUrl, { target: { value: 'http://localhost:11434/v1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');

    fireEvent.click(screen.getByRole('button', { name: 'Chat' }));
    expect(welcome()).toBeNull();
  });

  it('does not show with a local base URL, with a key, or when the keychain has a problem', async () => {
    const local = new FakeAide();
    local.settings.baseUrl = 'http://localhost:11434/v1';
    renderApp(local);
    await waitFor(() => expect(local.calls).toContain('getSettings'));
    await screen.findByText('No conversations yet.');
    expect(welcome()).toBeNull();
    cleanup();

    const keyed = new FakeAide();
    keyed.settings.key = { present: true, source: 'keychain', masked: 'sk-…1234', savedAt: null, problem: null };
    renderApp(keyed);
    await screen.findByText('No conversations yet.');
    expect(welcome()).toBeNull();
    cleanup();

    const broken = new FakeAide();
    broken.settings.key = { present: false, source: 'none', masked: null, savedAt: null, problem: 'No keychain.' };
    renderApp(broken);
    await screen.findByText('No conversations yet.');
    expect(welcome()).toBeNull();
  });

  it('shows a compact banner on the other screens that leads back to the welcome', async () => {
    const fake = new FakeAide();
    renderApp(fake);
    await screen.findByRole('region', { name: 'Welcome to Aide' });

    fireEvent.click(screen.getByRole('button', { name: 'Reminders' }));
    expect(await screen.findByText(/No OpenAI API key yet/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Set up a key' }));

    expect(await screen.findByRole('region', { name: 'Welcome to Aide' })).toBeTruthy();
    expect(screen.queryByText(/No OpenAI API key yet/)).toBeNull();
  });
});
