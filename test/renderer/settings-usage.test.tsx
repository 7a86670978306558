import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_API_KEY } from '../support/fake-openai-server';
import { startAide, type RealAide } from '../support/renderer-core';
import { renderApp } from './render-app';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function openSettings(app: RealAide) {
  renderApp(app.aide);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'API key' });
}

/** The key was saved `days` days (and a minute) ago; the 90-day rotation reminder is on. */
async function keySaved(days: number): Promise<RealAide> {
  const app = await startAide({ key: false, keyRotation: true });
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() - days * 86_400_000 - 60_000);
  const saved = await app.other.saveKey({ key: DEFAULT_API_KEY });
  vi.useRealTimers();
  expect(saved.ok).toBe(true);
  return app;
}

describe('the key’s age and rotation', () => {
  it('shows how old the key is, and that replacing it checks the new one first', async () => {
    await openSettings(await keySaved(12));

    expect(await screen.findByText(/^Saved 12 days ago/)).toBeTruthy();
    expect(document.body.textContent).not.toContain('time to replace it');
    expect(screen.getByText(/the old key is only replaced once the new one works/)).toBeTruthy();
    expect(screen.getByLabelText('OpenAI API key').getAttribute('placeholder')).toBe('Paste a new key to replace it');
  });

  it('says when the key is older than the rotation interval', async () => {
    await openSettings(await keySaved(120));
    expect((await screen.findByText(/^Saved 120 days ago/)).textContent).toContain(
      'Older than 90 days: time to replace it.',
    );
  });

  it('saves the rotation interval, turns it off, and explains an invalid number', async () => {
    const app = await startAide({ keyRotation: true });
    await openSettings(app);
    const days = screen.getByLabelText<HTMLInputElement>('Remind me to rotate the key every');
    await waitFor(() => expect(days.value).toBe('90'));

    fireEvent.change(days, { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save reminder' }));
    expect(await screen.findByText('Enter a whole number of days from 1 to 3650, or choose Off.')).toBeTruthy();
    expect(days.getAttribute('aria-invalid')).toBe('true');
    expect((await app.other.getSettings()).keyRotationDays).toBe(90);

    fireEvent.change(days, { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save reminder' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'Aide will remind you to rotate the key every 30 days.',
    );
    expect((await app.other.getSettings()).keyRotationDays).toBe(30);

    fireEvent.click(screen.getByLabelText('Off'));
    expect(days.disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Save reminder' }));
    await screen.findByText('Rotation reminder turned off.');
    expect((await app.other.getSettings()).keyRotationDays).toBeNull();
  });

  it('shows Off when the reminder is off', async () => {
    const app = await startAide();
    await app.other.updateSettings({ keyRotationDays: null });
    await openSettings(app);
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('Off').checked).toBe(true));
    expect(screen.getByLabelText<HTMLInputElement>('Remind me to rotate the key every').disabled).toBe(true);
  });
});

describe('rate limits', () => {
  it('saves requests and tokens per minute, and explains values out of range', async () => {
    const app = await startAide();
    await openSettings(app);
    const requests = screen.getByLabelText<HTMLInputElement>('Requests per minute');
    const tokens = screen.getByLabelText<HTMLInputElement>('Tokens per minute');
    await waitFor(() => expect(requests.value).toBe('500'));
    expect(tokens.value).toBe('200000');

    fireEvent.change(requests, { target: { value: '2.5' } });
    fireEvent.change(tokens, { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save limits' }));

    expect(await screen.findByText('Enter a whole number from 1 to 100,000.')).toBeTruthy();
    expect(screen.getByText('Enter a whole number from 1,000 to 100,000,000.')).toBeTruthy();
    expect(requests.getAttribute('aria-invalid')).toBe('true');
    expect(tokens.getAttribute('aria-invalid')).toBe('true');
    expect((await app.other.getSettings()).limits).toEqual({ requestsPerMinute: 500, tokensPerMinute: 200_000 });

    fireEvent.change(requests, { target: { value: '60' } });
    fireEvent.change(tokens, { target: { value: '40000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save limits' }));

    expect((await screen.findByRole('status')).textContent).toBe('Rate limits saved.');
    expect(requests.getAttribute('aria-invalid')).toBeNull();
    expect((await app.other.getSettings()).limits).toEqual({ requestsPerMinute: 60, tokensPerMinute: 40_000 });
  });
});

describe('the price table', () => {
  const prices = () => screen.getByRole('region', { name: 'Prices' });

  /** The user's own table of two models, saved before. */
  async function twoModels(): Promise<RealAide> {
    const app = await startAide();
    await app.other.setPrices({
      'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
      'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
    });
    await openSettings(app);
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('Model, row 2').value).toBe('gpt-4o-mini'));
    return app;
  }

  it('shows the prices per million tokens, edits, adds and removes rows, and saves them', async () => {
    const app = await twoModels();
    expect(screen.getByLabelText<HTMLInputElement>('Model, row 1').value).toBe('gpt-4o');
    expect(screen.getByLabelText<HTMLInputElement>('Input $ per 1M tokens, row 1').value).toBe('2.5');
    expect(screen.getByLabelText<HTMLInputElement>('Cached input $ per 1M tokens, row 1').value).toBe('1.25');
    expect(screen.getByLabelText<HTMLInputElement>('Output $ per 1M tokens, row 1').value).toBe('10');

    fireEvent.change(screen.getByLabelText('Output $ per 1M tokens, row 1'), { target: { value: '12' } });
    fireEvent.click(within(prices()).getByRole('button', { name: 'Remove gpt-4o-mini' }));
    fireEvent.click(within(prices()).getByRole('button', { name: 'Add model' }));
    fireEvent.change(screen.getByLabelText('Model, row 2'), { target: { value: 'llama3' } });
    fireEvent.change(screen.getByLabelText('Input $ per 1M tokens, row 2'), { target: { value: '0' } });
    fireEvent.change(screen.getByLabelText('Output $ per 1M tokens, row 2'), { target: { value: '0' } });
    fireEvent.click(within(prices()).getByRole('button', { name: 'Save prices' }));

    expect((await within(prices()).findByRole('status')).textContent).toBe('Prices saved.');
    expect(await app.other.getPrices()).toEqual({
      'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 12 },
      llama3: { input: 0, cachedInput: null, output: 0 },
    });
    expect(within(prices()).getAllByRole('row')).toHaveLength(3);
  });

  it('explains what keeps the table from being saved', async () => {
    const app = await twoModels();

    fireEvent.change(screen.getByLabelText('Model, row 2'), { target: { value: 'gpt-4o' } });
    fireEvent.change(screen.getByLabelText('Input $ per 1M tokens, row 1'), { target: { value: 'cheap' } });
    fireEvent.click(within(prices()).getByRole('button', { name: 'Add model' }));
    fireEvent.click(within(prices()).getByRole('button', { name: 'Save prices' }));

    const alert = await within(prices()).findByRole('alert');
    expect(alert.textContent).toContain('Row 1: prices are numbers of dollars');
    expect(alert.textContent).toContain('Row 2: gpt-4o is already in the table.');
    expect(alert.textContent).toContain('Row 3: enter the model’s name.');
    expect(screen.getByLabelText('Input $ per 1M tokens, row 1').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Model, row 2').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Cached input $ per 1M tokens, row 3').getAttribute('aria-invalid')).toBeNull();
    expect(Object.keys(await app.other.getPrices())).toEqual(['gpt-4o', 'gpt-4o-mini']);
  });

  it('says why main refused the prices', async () => {
    const app = await twoModels();
    // prices.json cannot be written any more.
    const file = join(app.harness.dataDir, 'prices.json');
    await rm(file);
    await mkdir(join(file, 'in-the-way'), { recursive: true });

    fireEvent.click(within(prices()).getByRole('button', { name: 'Save prices' }));

    expect((await within(prices()).findByRole('alert')).textContent).toMatch(
      /^Could not save the prices: A folder is in the way of one of Aide’s files in its data folder\. Move it aside and try again\.$/,
    );
  });
});
