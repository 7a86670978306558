import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeAide } from './fake-aide';
import { renderApp } from './render-app';

afterEach(cleanup);

async function openSettings(fake: FakeAide) {
  renderApp(fake);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
}

const keyField = () => screen.getByLabelText<HTMLInputElement>('OpenAI API key');

describe('settings', () => {
  it('saves the key, clears it from the page and shows it only masked with its origin', async () => {
    const fake = new FakeAide();
    await openSettings(fake);
    await screen.findByText('No key saved yet.');
    expect(keyField().type).toBe('password');
    expect(keyField().getAttribute('autocomplete')).toBe('off');

    fireEvent.change(keyField(), { target: { value: 'sk-test-secret-1234' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));

    await screen.findByText('sk-…1234');
    expect(keyField().value).toBe('');
    expect(document.body.innerHTML).not.toContain('sk-test-secret');
    expect(document.body.textContent).toContain('the system keychain');
    expect(document.body.textContent).toMatch(/Saved \d+ days ago \(.*2026/);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(localStorage.length + sessionStorage.length).toBe(0);
  });

  it('keeps a rejected key in the field and says why', async () => {
    const fake = new FakeAide();
    fake.saveKey = async () => ({
      ok: false,
      error: { code: 'auth', message: 'OpenAI rejected this key. Check it and try again.', retryable: false },
    });
    await openSettings(fake);
    await screen.findByText('No key saved yet.');

    fireEvent.change(keyField(), { target: { value: 'sk-wrong-key-0000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));

    expect((await screen.findByRole('alert')).textContent).toBe('OpenAI rejected this key. Check it and try again.');
    expect(keyField().value).toBe('sk-wrong-key-0000');
  });

  it('removes the key', async () => {
    const fake = new FakeAide();
    fake.settings.key = {
      present: true,
      source: 'encrypted-file',
      masked: 'sk-…9876',
      savedAt: '2026-01-01T09:00:00.000Z',
      problem: 'No keychain is reachable, so the key is kept in an encrypted file.',
    };
    await openSettings(fake);

    await screen.findByText('sk-…9876');
    expect(screen.getByRole('alert').textContent).toContain('No keychain is reachable');
    expect(document.body.textContent).toContain('an encrypted file');
    fireEvent.click(screen.getByRole('button', { name: 'Remove key' }));

    await screen.findByText('No key saved yet.');
    expect(fake.calls).toContain('removeKey');
  });

  it('explains a key from the environment instead of offering Save and Remove', async () => {
    const fake = new FakeAide();
    fake.settings.key = { present: true, source: 'environment', masked: 'sk-…abcd', savedAt: null, problem: null };
    await openSettings(fake);

    await screen.findByText('sk-…abcd');
    expect(document.body.textContent).toContain('OPENAI_API_KEY');
    expect(document.body.textContent).toContain('comes from the environment');
    expect(screen.queryByRole('button', { name: 'Save key' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove key' })).toBeNull();
  });

  it('saves the base URL and model, and refuses invalid values', async () => {
    const fake = new FakeAide();
    await openSettings(fake);
    const baseUrl = await screen.findByLabelText<HTMLInputElement>('Base URL');
    const model = screen.getByLabelText<HTMLInputElement>('Model');
    expect(baseUrl.value).toBe('https://api.openai.com/v1');

    fireEvent.change(baseUrl, { target: { value: 'not a url' } });
    fireEvent.change(model, { target: { value: ' ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(baseUrl.getAttribute('aria-invalid')).toBe('true');
    expect(model.getAttribute('aria-invalid')).toBe('true');
    expect(document.body.textContent).toContain('Enter a full URL');
    expect(fake.calls).not.toContain('updateSettings');

    fireEvent.change(baseUrl, { target: { value: 'http://127.0.0.1:11434/v1' } });
    fireEvent.change(model, { target: { value: 'llama3.2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    await screen.findByText('Settings saved.');
    expect(fake.settings.baseUrl).toBe('http://127.0.0.1:11434/v1');
    expect(fake.settings.model).toBe('llama3.2');
  });

  it('offers the server’s models as suggestions for Model', async () => {
    const fake = new FakeAide();
    await openSettings(fake);
    const model = await screen.findByLabelText<HTMLInputElement>('Model');

    fireEvent.click(screen.getByRole('button', { name: 'Load models' }));

    await screen.findByText('2 models available.');
    const options = document.querySelectorAll(`datalist#${CSS.escape(model.getAttribute('list') ?? '')} option`);
    expect([...options].map((o) => o.getAttribute('value'))).toEqual(['gpt-4o', 'gpt-4o-mini']);
  });

  it('shows why the models could not be listed', async () => {
    const fake = new FakeAide();
    fake.listModels = async () => ({
      ok: false,
      error: { code: 'network', message: 'Could not reach the server.', retryable: true },
    });
    await openSettings(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Load models' }));

    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Could not reach the server.'));
  });
});

describe('desktop settings', () => {
  it('saves the global shortcut, refuses a malformed one, and saves the tray and login toggles', async () => {
    const fake = new FakeAide();
    await openSettings(fake);
    const shortcut = await screen.findByLabelText<HTMLInputElement>('Global shortcut');
    expect(shortcut.value).toBe('CommandOrControl+Shift+Space');

    fireEvent.change(shortcut, { target: { value: 'Ctrl + Space' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save shortcut' }));
    expect(shortcut.getAttribute('aria-invalid')).toBe('true');
    expect(document.body.textContent).toContain('Use keys joined by "+"');
    expect(fake.calls).not.toContain('updateSettings');

    fireEvent.change(shortcut, { target: { value: 'Alt+Space' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save shortcut' }));
    await screen.findByText('Shortcut saved.');
    expect(fake.settings.desktop.shortcut).toBe('Alt+Space');

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

    expect(fake.requestsOf('updateSettings')).toEqual([
      { shortcut: 'Alt+Space' },
      { startAtLogin: true },
      { runInBackground: false },
    ]);
    expect(fake.settings.desktop).toMatchObject({ startAtLogin: true, runInBackground: false });
  });

  it('says why the shortcut is not active', async () => {
    const fake = new FakeAide();
    fake.settings.desktop.shortcutProblem =
      'The system refused CommandOrControl+Shift+Space: another app may use it. Choose another shortcut.';
    await openSettings(fake);

    expect((await screen.findByRole('alert')).textContent).toContain('another app may use it');
  });

  it('on Wayland, notes that the desktop may not deliver the shortcut and names the fallback, without an alert', async () => {
    const fake = new FakeAide();
    fake.settings.desktop.shortcutNote =
      'On Wayland your desktop decides whether Aide receives this shortcut. If pressing it does nothing, bind a system shortcut to "aide --quick-ask".';
    await openSettings(fake);

    expect((await screen.findByRole('note')).textContent).toContain('aide --quick-ask');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('in browser mode, explains where the shortcut and tray are and links to the quick-ask page', async () => {
    window.history.replaceState(null, '', '/?token=t0k3n');
    const fake = new FakeAide();
    fake.settings.desktop.available = false;
    await openSettings(fake);

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
