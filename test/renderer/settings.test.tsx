import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createSafeStorageSecretStore, type SafeStorageLike } from '../../main/safe-storage-secret-store';
import { alwaysOpen } from '../../renderer/src/connection';
import { DEFAULT_API_KEY } from '../support/fake-openai-server';
import { startAide, type AideOptions, type RealAide } from '../support/renderer-core';
import { renderApp } from './render-app';

afterEach(cleanup);

async function openSettings(options: AideOptions = {}): Promise<RealAide> {
  const app = await startAide(options);
  renderApp(app.aide, alwaysOpen, options.desktop === false);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  return app;
}

const keyField = () => screen.getByLabelText<HTMLInputElement>('OpenAI API key');
const masked = `sk-…${DEFAULT_API_KEY.slice(-4)}`;

/** Electron's safeStorage, as far as Aide uses it: "encryption" that turns the text around. */
const safeStorage: SafeStorageLike = {
  isAsyncEncryptionAvailable: async () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptStringAsync: async (text) => Buffer.from([...text].reverse().join('')),
  decryptStringAsync: async (data) => ({ result: [...data.toString()].reverse().join(''), shouldReEncrypt: false }),
};

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('settings', () => {
  it('saves the key, clears it from the page and shows it only masked with its origin', async () => {
    const app = await openSettings({ key: false });
    await screen.findByText('No key saved yet.');
    expect(keyField().type).toBe('password');
    expect(keyField().getAttribute('autocomplete')).toBe('off');

    fireEvent.change(keyField(), { target: { value: DEFAULT_API_KEY } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));

    await screen.findByText(masked);
    expect(keyField().value).toBe('');
    expect(document.body.innerHTML).not.toContain(DEFAULT_API_KEY);
    expect(document.body.textContent).toContain('the system keychain');
    expect(document.body.textContent).toMatch(new RegExp(`Saved today \\(.*${new Date().getFullYear()}`));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(localStorage.length + sessionStorage.length).toBe(0);
    expect((await app.other.getSettings()).key).toMatchObject({ present: true, source: 'keychain', masked });
  });

  it('keeps a rejected key in the field and says why', async () => {
    const app = await openSettings({ key: false });
    await screen.findByText('No key saved yet.');

    fireEvent.change(keyField(), { target: { value: 'sk-wrong-key-0000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));

    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^The API key was rejected by 127\.0\.0\.1:\d+ \(401\)\. Replace it in Settings\.$/,
    );
    expect(keyField().value).toBe('sk-wrong-key-0000');
    expect((await app.other.getSettings()).key.present).toBe(false);
  });

  it('removes the key kept in an encrypted file', async () => {
    // No keychain: Electron's safeStorage encrypts the key into a file in the data folder.
    const app = await openSettings({
      secretStore: (dataDir) => createSafeStorageSecretStore(safeStorage, join(dataDir, 'secret.json')),
    });

    await screen.findByText(masked);
    expect(document.body.textContent).toContain('an encrypted file');
    expect(await readFile(join(app.harness.dataDir, 'secret.json'), 'utf8')).not.toContain(DEFAULT_API_KEY);
    fireEvent.click(screen.getByRole('button', { name: 'Remove key' }));

    await screen.findByText('No key saved yet.');
    expect((await app.other.getSettings()).key.present).toBe(false);
    expect(JSON.parse(await readFile(join(app.harness.dataDir, 'secret.json'), 'utf8'))).toEqual({
      version: 1,
      entries: {},
    });
  });

  it('explains a key from the environment instead of offering Save and Remove', async () => {
    await openSettings({ key: false, env: { OPENAI_API_KEY: DEFAULT_API_KEY } });

    await screen.findByText(masked);
    expect(document.body.textContent).toContain('OPENAI_API_KEY');
    expect(document.body.textContent).toContain('comes from the environment');
    expect(screen.queryByRole('button', { name: 'Save key' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove key' })).toBeNull();
  });

  it('saves the base URL and model, and refuses invalid values', async () => {
    const app = await openSettings({ openAI: true });
    const baseUrl = await screen.findByLabelText<HTMLInputElement>('Base URL');
    const model = screen.getByLabelText<HTMLInputElement>('Model');
    expect(baseUrl.value).toBe('https://api.openai.com/v1');
    expect(model.value).toBe('gpt-4o-mini');

    fireEvent.change(baseUrl, { target: { value: 'not a url' } });
    fireEvent.change(model, { target: { value: ' ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(baseUrl.getAttribute('aria-invalid')).toBe('true');
    expect(model.getAttribute('aria-invalid')).toBe('true');
    expect(document.body.textContent).toContain('Enter a full URL');
    expect(await app.other.getSettings()).toMatchObject({ baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' });

    fireEvent.change(baseUrl, { target: { value: 'http://127.0.0.1:11434/v1' } });
    fireEvent.change(model, { target: { value: 'llama3.2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    await screen.findByText('Settings saved.');
    expect(await app.other.getSettings()).toMatchObject({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.2' });
  });

  it('offers the server’s models as suggestions for Model', async () => {
    await openSettings();
    const model = await screen.findByLabelText<HTMLInputElement>('Model');

    fireEvent.click(screen.getByRole('button', { name: 'Load models' }));

    await screen.findByText('3 models available.');
    const options = document.querySelectorAll(`datalist#${CSS.escape(model.getAttribute('list') ?? '')} option`);
    expect([...options].map((o) => o.getAttribute('value'))).toEqual(['gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini']);
  });

  it('shows why the models could not be listed', async () => {
    const app = await startAide();
    const port = await closedPort();
    await app.other.updateSettings({ baseUrl: `http://127.0.0.1:${port}/v1` });
    renderApp(app.aide);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Load models' }));

    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        `Could not reach 127.0.0.1:${port} (ECONNREFUSED). Check your connection or the Base URL in Settings, then retry.`,
      ),
    );
  });
});

describe('desktop settings', () => {
  it('saves the global shortcut, refuses a malformed one, and saves the tray and login toggles', async () => {
    const app = await openSettings();
    const shortcut = await screen.findByLabelText<HTMLInputElement>('Global shortcut');
    expect(shortcut.value).toBe('CommandOrControl+Shift+Space');

    fireEvent.change(shortcut, { target: { value: 'Ctrl + Space' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save shortcut' }));
    expect(shortcut.getAttribute('aria-invalid')).toBe('true');
    expect(document.body.textContent).toContain('Use keys joined by "+"');
    expect((await app.other.getSettings()).desktop.shortcut).toBe('CommandOrControl+Shift+Space');

    fireEvent.change(shortcut, { target: { value: 'Alt+Space' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save shortcut' }));
    await screen.findByText('Shortcut saved.');
    // The new shortcut opens the popup; the old one is free again.
    app.desktop?.globalShortcut.press('Alt+Space');
    expect(app.desktop?.seen).toEqual(['popup shown']);
    expect(app.desktop?.globalShortcut.registered.has('CommandOrControl+Shift+Space')).toBe(false);

    const tray = screen.getByRole<HTMLInputElement>('checkbox', {
      name: 'Keep running in the tray when the window is closed',
    });
    const login = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Start Aide at login' });
    expect(tray.checked).toBe(true);
    expect(login.checked).toBe(false);

    fireEvent.click(login);
    await waitFor(() => expect(login.checked).toBe(true));
    await waitFor(() => expect(tray.disabled).toBe(false));
    fireEvent.click(tray);
    await waitFor(() => expect(tray.checked).toBe(false));

    expect(app.desktop?.startsAtLogin()).toBe(true);
    expect((await app.other.getSettings()).desktop).toMatchObject({
      shortcut: 'Alt+Space',
      startAtLogin: true,
      runInBackground: false,
    });
  });

  it('says why the shortcut is not active', async () => {
    await openSettings({ desktop: { taken: ['CommandOrControl+Shift+Space'] } });

    expect((await screen.findByRole('alert')).textContent).toContain(
      'The shortcut Ctrl+Shift+Space could not be registered: another app may use it',
    );
  });

  it('on Wayland, notes that the desktop may not deliver the shortcut and names the fallback, without an alert', async () => {
    await openSettings({ desktop: { wayland: true } });

    expect((await screen.findByRole('note')).textContent).toContain('aide --quick-ask');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('in browser mode, explains where the shortcut and tray are and links to the quick-ask page', async () => {
    window.history.replaceState(null, '', '/?token=t0k3n');
    await openSettings({ desktop: false });

    await screen.findByLabelText('Base URL');
    expect(screen.queryByLabelText('Global shortcut')).toBeNull();
    expect(screen.queryByRole('checkbox', { name: /tray|login/ })).toBeNull();
    expect(document.body.textContent).toContain(
      'Global shortcut and tray are available in the desktop app. In the browser, open /?view=quick-ask for the quick-ask box.',
    );
    const link = screen.getByRole('link', { name: '/?view=quick-ask' });
    expect(link.getAttribute('href')).toBe('?view=quick-ask&token=t0k3n');
    window.history.replaceState(null, '', '/');
  });
});
