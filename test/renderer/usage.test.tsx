import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spend } from '../support/model-turns';
import { startAide, type RealAide } from '../support/renderer-core';
import { catchDownloads } from './downloads';
import { renderApp } from './render-app';

// Monday 5 January 2026, noon; only Date is faked (the core's clock too), timers still run.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(2026, 0, 5, 12, 0));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function openUsage(app: RealAide): Promise<HTMLElement> {
  renderApp(app.aide);
  fireEvent.click(screen.getByRole('button', { name: 'Usage' }));
  const region = screen.getByRole('region', { name: 'Usage' });
  await within(region).findByRole('region', { name: 'Today' });
  return region;
}

/** The value shown next to a label in a totals card. */
function figure(card: HTMLElement, label: string): string {
  const term = within(card).getByText(label, { selector: 'dt' });
  return term.nextElementSibling?.textContent ?? '';
}

/** A conversation of another window, with its title and model. */
async function conversation(app: RealAide, title: string, model: string): Promise<string> {
  const { id } = await app.other.createConversation();
  await app.other.renameConversation({ id, title });
  await app.other.updateConversation({ id, model });
  return id;
}

/** A month of use as the server billed it (gpt-4o at $2.50 / $1.25 cached / $10 per million tokens). */
async function aMonth(): Promise<RealAide> {
  const app = await startAide();
  const trip = await conversation(app, 'Trip planning', 'gpt-4o');
  const groceries = await conversation(app, 'Groceries', 'llama3');
  // Saturday: 30,000 new + 10,000 cached in, 9,250 out = $0.075 + $0.0125 + $0.0925 = $0.18.
  vi.setSystemTime(new Date(2026, 0, 3, 10, 0));
  await spend(app, { prompt_tokens: 40_000, cached_tokens: 10_000, completion_tokens: 9_250 }, trip);
  // Sunday: a local model the table has no price for.
  vi.setSystemTime(new Date(2026, 0, 4, 10, 0));
  await spend(app, { prompt_tokens: 2_000, completion_tokens: 1_000 }, groceries);
  // Today: 2,000 new + 400 cached in, 2,450 out = $0.005 + $0.0005 + $0.0245 = $0.03.
  vi.setSystemTime(new Date(2026, 0, 5, 9, 0));
  await spend(app, { prompt_tokens: 2_400, cached_tokens: 400, completion_tokens: 2_450 }, trip);
  vi.setSystemTime(new Date(2026, 0, 5, 12, 0));
  return app;
}

describe('the Usage view', () => {
  it('shows today and this month: requests, tokens in, cached and out, cost, and tokens without a price', async () => {
    const usage = await openUsage(await aMonth());

    const today = within(usage).getByRole('region', { name: 'Today' });
    expect(figure(today, 'Requests')).toBe('1');
    expect(figure(today, 'Input tokens')).toBe('2,400');
    expect(figure(today, 'Cached input tokens')).toBe('400');
    expect(figure(today, 'Output tokens')).toBe('2,450');
    expect(figure(today, 'Estimated cost')).toBe('$0.03');
    expect(today.textContent).not.toContain('without a price');

    const month = within(usage).getByRole('region', { name: 'This month' });
    expect(figure(month, 'Requests')).toBe('3');
    expect(figure(month, 'Input tokens')).toBe('44,400');
    expect(figure(month, 'Cached input tokens')).toBe('10,400');
    expect(figure(month, 'Output tokens')).toBe('12,700');
    expect(figure(month, 'Estimated cost')).toBe('$0.21');
    expect(month.textContent).toContain('3,000 tokens without a price');
  });

  it('lists usage per model and per conversation', async () => {
    const usage = await openUsage(await aMonth());

    const models = within(usage).getByRole('region', { name: 'By model this month' });
    const gpt = within(models).getByRole('row', { name: /gpt-4o/ });
    expect(
      within(gpt)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['2', '42,400', '10,400', '11,700', '$0.21']);
    const llama = within(models).getByRole('row', { name: /llama3/ });
    expect(llama.textContent).toContain('no price');

    const conversations = within(usage).getByRole('region', { name: 'By conversation this month' });
    const trip = within(conversations).getByRole('row', { name: /Trip planning/ });
    expect(
      within(trip)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['54,100', '$0.21']);
    const groceries = within(conversations).getByRole('row', { name: /Groceries/ });
    expect(within(groceries).getAllByRole('cell')[0]?.textContent).toBe('3,000');
  });

  it('draws the last 30 days as a chart with an accessible summary and a table behind it', async () => {
    const usage = await openUsage(await aMonth());

    const chart = within(usage).getByRole('img');
    expect(chart.tagName.toLowerCase()).toBe('svg');
    expect(chart.getAttribute('aria-label')).toBe(
      'Tokens per day, last 30 days: 57,100 tokens on 3 days, estimated $0.21. Busiest day Jan 3 with 49,250 tokens.',
    );
    expect(chart.querySelectorAll('.bar')).toHaveLength(30);
    const titles = [...chart.querySelectorAll('title')].map((t) => t.textContent);
    expect(titles).toContain('Sat, Jan 3: 49,250 tokens, $0.18');

    const table = within(usage).getByRole('table', { name: 'Tokens and estimated cost per day' });
    expect(within(table).getAllByRole('row')).toHaveLength(31);
    expect(within(table).getByRole('row', { name: /Jan 3/ }).textContent).toContain('49,250');
  });

  it('says when nothing was used yet', async () => {
    const usage = await openUsage(await startAide());
    expect(within(usage).getByRole('img').getAttribute('aria-label')).toBe('Tokens per day, last 30 days: none used.');
    expect(usage.textContent).toContain('No requests this month.');
    expect(usage.textContent).toContain('No monthly budget set.');
  });

  it('updates live when a request is recorded', async () => {
    const app = await startAide();
    const usage = await openUsage(app);
    expect(figure(within(usage).getByRole('region', { name: 'Today' }), 'Requests')).toBe('0');

    // Another window's question: 2,000 in and 500 out of gpt-4o = $0.005 + $0.005.
    await spend(app, { prompt_tokens: 2_000, completion_tokens: 500 }, await conversation(app, 'Errands', 'gpt-4o'));

    const today = within(usage).getByRole('region', { name: 'Today' });
    await waitFor(() => expect(figure(today, 'Requests')).toBe('1'));
    expect(figure(today, 'Input tokens')).toBe('2,000');
    expect(figure(today, 'Estimated cost')).toBe('$0.01');
    expect(within(usage).getByRole('img').getAttribute('aria-label')).toContain('2,500 tokens on 1 day');
    expect(within(usage).getByRole('row', { name: /Errands/ })).toBeTruthy();
  });

  it('exports the ledger as a CSV download named by main, without any message text', async () => {
    const app = await aMonth();
    const { clicked, blobs, revoked } = catchDownloads('blob:aide/usage');
    await openUsage(app);

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]?.download).toBe('aide-usage-2026-01-05.csv');
    expect(clicked[0]?.href).toBe('blob:aide/usage');
    expect(blobs[0]?.type).toBe('text/csv');
    const rows = (await blobs[0]!.text()).trimEnd().split('\r\n');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatch(/^2026-01-03T10:00:00\.000Z,gpt-4o,chat,[-\w]+,40000,10000,9250,0\.180000$/);
    expect(rows[2]).toMatch(/,llama3,chat,[-\w]+,2000,0,1000,$/);
    expect(rows.join('\n')).not.toContain('Summarise this');
    await waitFor(() => expect(revoked('blob:aide/usage')).toBe(true));
  });

  it('says so when the export fails', async () => {
    const app = await startAide();
    // Where the ledger's folder should be, there is a file.
    await writeFile(join(app.harness.dataDir, 'usage'), '');
    await openUsage(app);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^Could not export the usage: A file is in the way of one of Aide’s folders in its data folder\. Move it aside and try again\.$/,
    );
  });
});

describe('the monthly budget', () => {
  /** A $1 budget with a hard stop, and `tokens` of gpt-4o spent this month ($2.50 per million). */
  async function spent(tokens: number): Promise<HTMLElement> {
    const app = await startAide();
    await app.other.updateSettings({ budget: { monthlyUsd: 1, warnAt: 0.8, hardStop: true } });
    await spend(app, { prompt_tokens: tokens, completion_tokens: 0 }, await conversation(app, 'Essay', 'gpt-4o'));
    const usage = await openUsage(app);
    return within(usage).findByRole('region', { name: 'Monthly budget' });
  }

  it('shows what is spent against the budget, in the warning colour past the warning share', async () => {
    const budget = await spent(340_000);
    expect(budget.textContent).toContain('$0.85 of $1.00 spent this month (85%)');
    expect(budget.textContent).toContain('Over 80% of this month’s budget is used.');
    expect(budget.querySelector('.budget-warning')).not.toBeNull();
    expect((budget.querySelector('.budget-fill') as HTMLElement).style.width).toBe('85%');
  });

  it('explains the blocked state', async () => {
    const budget = await spent(408_000);
    expect(budget.querySelector('.budget-blocked')).not.toBeNull();
    expect(budget.textContent).toContain('Blocked: the budget is used up');
    expect(budget.textContent).toContain('raise the budget below');
    expect((budget.querySelector('.budget-fill') as HTMLElement).style.width).toBe('100%');
  });

  it('saves the budget, warning share and hard stop, and explains invalid values', async () => {
    const app = await startAide();
    await openUsage(app);
    const amount = await screen.findByLabelText<HTMLInputElement>('Monthly budget (USD)');
    expect(amount.value).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('Warn at').value).toBe('80');

    fireEvent.change(amount, { target: { value: '-5' } });
    fireEvent.change(screen.getByLabelText('Warn at'), { target: { value: '150' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));

    expect(await screen.findByText(/Enter an amount in dollars above 0/)).toBeTruthy();
    expect(screen.getByText('Enter a percentage from 5 to 100.')).toBeTruthy();
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect((await app.other.getSettings()).budget).toEqual({ monthlyUsd: null, warnAt: 0.8, hardStop: false });

    fireEvent.change(amount, { target: { value: '25.50' } });
    fireEvent.change(screen.getByLabelText('Warn at'), { target: { value: '90' } });
    fireEvent.click(screen.getByLabelText('Stop requests when the budget is used up'));
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));

    expect((await screen.findByRole('status')).textContent).toBe('Budget saved.');
    expect(screen.queryByText('Enter a percentage from 5 to 100.')).toBeNull();
    expect((await app.other.getSettings()).budget).toEqual({ monthlyUsd: 25.5, warnAt: 0.9, hardStop: true });
    expect(screen.getByRole('region', { name: 'Monthly budget' }).textContent).toContain('$0.00 of $25.50');

    fireEvent.change(amount, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    await waitFor(async () =>
      expect((await app.other.getSettings()).budget).toEqual({ monthlyUsd: null, warnAt: 0.9, hardStop: true }),
    );
  });

  it('shows why saving failed', async () => {
    const app = await startAide();
    await openUsage(app);
    // settings.json cannot be written any more.
    await rm(join(app.harness.dataDir, 'settings.json'));
    await mkdir(join(app.harness.dataDir, 'settings.json', 'in-the-way'), { recursive: true });
    fireEvent.change(await screen.findByLabelText('Monthly budget (USD)'), { target: { value: '20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /A folder is in the way of one of Aide’s files in its data folder\. Move it aside and try again\.$/,
    );
  });
});

describe('usage numbers', () => {
  it('shows cents, and four decimals for less than a cent', async () => {
    const { formatUsd, tokensWithoutPrice } = await import('../../renderer/src/usage/format');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.004)).toBe('$0.0040');
    expect(formatUsd(12.345)).toBe('$12.35');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(tokensWithoutPrice(1)).toBe('1 token without a price');
    expect(tokensWithoutPrice(2500)).toBe('2,500 tokens without a price');
  });

  it('words the key’s age', async () => {
    const { keyAgeDays, keyAgeText } = await import('../../renderer/src/settings/key-age');
    const now = new Date('2026-03-01T12:00:00Z');
    expect(keyAgeText(keyAgeDays('2026-03-01T08:00:00Z', now))).toBe('Saved today');
    expect(keyAgeText(keyAgeDays('2026-02-28T08:00:00Z', now))).toBe('Saved yesterday');
    expect(keyAgeText(keyAgeDays('2026-02-17T12:00:00Z', now))).toBe('Saved 12 days ago');
    expect(keyAgeText(keyAgeDays('2026-04-01T12:00:00Z', now))).toBe('Saved today');
  });
});
