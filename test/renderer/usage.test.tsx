import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeAide, sampleUsage, totals, usageDays } from './fake-aide';
import { renderApp } from './render-app';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function openUsage(fake: FakeAide): Promise<HTMLElement> {
  renderApp(fake);
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

describe('the Usage view', () => {
  it('shows today and this month: requests, tokens in, cached and out, cost, and tokens without a price', async () => {
    const fake = new FakeAide();
    fake.usage = sampleUsage();
    const usage = await openUsage(fake);

    const today = within(usage).getByRole('region', { name: 'Today' });
    expect(figure(today, 'Requests')).toBe('3');
    expect(figure(today, 'Input tokens')).toBe('1,200');
    expect(figure(today, 'Cached input tokens')).toBe('200');
    expect(figure(today, 'Output tokens')).toBe('300');
    expect(figure(today, 'Estimated cost')).toBe('$0.01');
    expect(today.textContent).not.toContain('without a price');

    const month = within(usage).getByRole('region', { name: 'This month' });
    expect(figure(month, 'Requests')).toBe('42');
    expect(figure(month, 'Input tokens')).toBe('50,000');
    expect(figure(month, 'Cached input tokens')).toBe('10,000');
    expect(figure(month, 'Output tokens')).toBe('12,000');
    expect(figure(month, 'Estimated cost')).toBe('$8.50');
    expect(month.textContent).toContain('3,000 tokens without a price');
  });

  it('lists usage per model and per conversation', async () => {
    const fake = new FakeAide();
    fake.usage = sampleUsage();
    const usage = await openUsage(fake);

    const models = within(usage).getByRole('region', { name: 'By model this month' });
    const gpt = within(models).getByRole('row', { name: /gpt-4o/ });
    expect(
      within(gpt)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['40', '48,000', '10,000', '11,000', '$8.50']);
    const llama = within(models).getByRole('row', { name: /llama3/ });
    expect(llama.textContent).toContain('no price');

    const conversations = within(usage).getByRole('region', { name: 'By conversation this month' });
    const trip = within(conversations).getByRole('row', { name: /Trip planning/ });
    expect(
      within(trip)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['49,000', '$6.25']);
    const groceries = within(conversations).getByRole('row', { name: /Groceries/ });
    expect(
      within(groceries)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['13,000', '$2.25']);
  });

  it('draws the last 30 days as a chart with an accessible summary and a table behind it', async () => {
    const fake = new FakeAide();
    fake.usage = sampleUsage();
    const usage = await openUsage(fake);

    const chart = within(usage).getByRole('img');
    expect(chart.tagName.toLowerCase()).toBe('svg');
    expect(chart.getAttribute('aria-label')).toBe(
      'Tokens per day, last 30 days: 41,500 tokens on 2 days, estimated $5.01. Busiest day Jan 3 with 40,000 tokens.',
    );
    expect(chart.querySelectorAll('.bar')).toHaveLength(30);
    const titles = [...chart.querySelectorAll('title')].map((t) => t.textContent);
    expect(titles).toContain('Sat, Jan 3: 40,000 tokens, $5.00');

    const table = within(usage).getByRole('table', { name: 'Tokens and estimated cost per day' });
    expect(within(table).getAllByRole('row')).toHaveLength(31);
    expect(within(table).getByRole('row', { name: /Jan 3/ }).textContent).toContain('40,000');
  });

  it('says when nothing was used yet', async () => {
    const usage = await openUsage(new FakeAide());
    expect(within(usage).getByRole('img').getAttribute('aria-label')).toBe('Tokens per day, last 30 days: none used.');
    expect(usage.textContent).toContain('No requests this month.');
    expect(usage.textContent).toContain('No monthly budget set.');
  });

  it('updates live when a request is recorded', async () => {
    const fake = new FakeAide();
    const usage = await openUsage(fake);
    expect(figure(within(usage).getByRole('region', { name: 'Today' }), 'Requests')).toBe('0');

    const next = sampleUsage();
    next.today = totals({ requests: 4, promptTokens: 2000, completionTokens: 500, costUsd: 0.02 });
    next.days = usageDays('2026-01-05', { '2026-01-05': { totalTokens: 2500, costUsd: 0.02 } });
    act(() => fake.usageRecorded(next));

    const today = within(usage).getByRole('region', { name: 'Today' });
    expect(figure(today, 'Requests')).toBe('4');
    expect(figure(today, 'Input tokens')).toBe('2,000');
    expect(figure(today, 'Estimated cost')).toBe('$0.02');
    expect(within(usage).getByRole('img').getAttribute('aria-label')).toContain('2,500 tokens on 1 day');
    expect(within(usage).getByRole('row', { name: /Trip planning/ })).toBeTruthy();
  });

  it('exports the ledger as a CSV download named by main', async () => {
    const fake = new FakeAide();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:aide/usage';
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await openUsage(fake);

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(fake.calls).toContain('exportUsageCsv');
    expect(clicked[0]?.download).toBe('aide-usage.csv');
    expect(clicked[0]?.href).toBe('blob:aide/usage');
    expect(await blobs[0]?.text()).toBe(fake.usageCsv.content);
    expect(blobs[0]?.type).toBe('text/csv');
    await waitFor(() => expect(revoke).toHaveBeenCalledWith('blob:aide/usage'));
  });

  it('says so when the export fails', async () => {
    const fake = new FakeAide();
    fake.exportUsageCsv = async () => {
      throw new Error('Disk full');
    };
    await openUsage(fake);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not export the usage: Disk full');
  });
});

describe('the monthly budget', () => {
  it('shows what is spent against the budget, in the warning colour past the warning share', async () => {
    const fake = new FakeAide();
    fake.settings.budget = { monthlyUsd: 10, warnAt: 0.8, hardStop: true };
    fake.usage = sampleUsage();
    const usage = await openUsage(fake);

    const budget = within(usage).getByRole('region', { name: 'Monthly budget' });
    expect(budget.textContent).toContain('$8.50 of $10.00 spent this month (85%)');
    expect(budget.textContent).toContain('Over 80% of this month’s budget is used.');
    expect(budget.querySelector('.budget-warning')).not.toBeNull();
    expect((budget.querySelector('.budget-fill') as HTMLElement).style.width).toBe('85%');
  });

  it('explains the blocked state', async () => {
    const fake = new FakeAide();
    fake.settings.budget = { monthlyUsd: 10, warnAt: 0.8, hardStop: true };
    fake.usage = { ...sampleUsage(), budget: { monthlyUsd: 10, spentUsd: 10.2, share: 1.02, state: 'blocked' } };
    const usage = await openUsage(fake);

    const budget = within(usage).getByRole('region', { name: 'Monthly budget' });
    expect(budget.querySelector('.budget-blocked')).not.toBeNull();
    expect(budget.textContent).toContain('Blocked: the budget is used up');
    expect(budget.textContent).toContain('raise the budget below');
    expect((budget.querySelector('.budget-fill') as HTMLElement).style.width).toBe('100%');
  });

  it('saves the budget, warning share and hard stop, and explains invalid values', async () => {
    const fake = new FakeAide();
    await openUsage(fake);
    const amount = await screen.findByLabelText<HTMLInputElement>('Monthly budget (USD)');
    expect(amount.value).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('Warn at').value).toBe('80');

    fireEvent.change(amount, { target: { value: '-5' } });
    fireEvent.change(screen.getByLabelText('Warn at'), { target: { value: '150' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));

    expect(await screen.findByText(/Enter an amount in dollars above 0/)).toBeTruthy();
    expect(screen.getByText('Enter a percentage from 5 to 100.')).toBeTruthy();
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(fake.requestsOf('updateSettings')).toEqual([]);

    fireEvent.change(amount, { target: { value: '25.50' } });
    fireEvent.change(screen.getByLabelText('Warn at'), { target: { value: '90' } });
    fireEvent.click(screen.getByLabelText('Stop requests when the budget is used up'));
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));

    expect((await screen.findByRole('status')).textContent).toBe('Budget saved.');
    expect(fake.requestsOf('updateSettings')).toEqual([{ budget: { monthlyUsd: 25.5, warnAt: 0.9, hardStop: true } }]);
    expect(screen.queryByText('Enter a percentage from 5 to 100.')).toBeNull();

    fireEvent.change(amount, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    await waitFor(() => expect(fake.requestsOf('updateSettings')).toHaveLength(2));
    expect(fake.requestsOf('updateSettings')[1]).toEqual({ budget: { monthlyUsd: null, warnAt: 0.9, hardStop: true } });
  });

  it('shows why saving failed', async () => {
    const fake = new FakeAide();
    fake.updateSettings = async () => {
      throw new Error("Error invoking remote method 'aide:updateSettings': Error: Could not write settings.json");
    };
    await openUsage(fake);
    fireEvent.change(await screen.findByLabelText('Monthly budget (USD)'), { target: { value: '20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save budget' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not write settings.json');
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
