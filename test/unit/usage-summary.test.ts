// The Usage view's numbers: today and this month by the user's local calendar (here Los Angeles,
// where it is still 31 March while UTC is in April), per model and conversation, 30 days, the
// budget's states, and the CSV export.
import { describe, expect, it } from 'vitest';
import type { Budget, PriceTable } from '../../common/contract';
import { SLOT_MS, type UsageBucket, type UsageRecord } from '../../main/core/usage/usage-ledger';
import { CSV_HEADER, budgetState, summarize, usageCsv } from '../../main/core/usage/usage-summary';

const prices: PriceTable = { 'gpt-4o-mini': { input: 1, cachedInput: 0.5, output: 2 } };
const noBudget: Budget = { monthlyUsd: null, warnAt: 0.8, hardStop: false };

function bucket(time: string, more: Partial<UsageBucket> = {}): UsageBucket {
  return {
    slot: Math.floor(Date.parse(time) / SLOT_MS),
    model: 'gpt-4o-mini',
    conversationId: 'c1',
    requests: 1,
    promptTokens: 1_000_000,
    cachedTokens: 0,
    completionTokens: 0,
    ...more,
  };
}

const base = {
  prices,
  budget: noBudget,
  timeZone: 'America/Los_Angeles',
  // 23:30 on 31 March in Los Angeles (PDT, UTC−7).
  now: new Date('2026-04-01T06:30:00Z'),
  titleOf: (id: string) => (id === 'c1' ? 'Trip planning' : null),
};

describe('summarize', () => {
  it('counts today and this month by the local calendar, not UTC', () => {
    const summary = summarize({
      ...base,
      buckets: [
        bucket('2026-04-01T05:00:00Z'), // 22:00 on 31 March locally: today
        bucket('2026-03-31T06:00:00Z'), // 23:00 on 30 March locally: this month, not today
        bucket('2026-03-01T08:30:00Z'), // 00:30 on 1 March (PST): this month, before the 30 days
        bucket('2026-03-01T07:30:00Z'), // 23:30 on 28 February: neither
      ],
    });
    expect(summary.today).toMatchObject({ requests: 1, promptTokens: 1_000_000, costUsd: 1 });
    expect(summary.month).toMatchObject({ requests: 3, promptTokens: 3_000_000, costUsd: 3, unpricedTokens: 0 });
    expect(summary.days).toHaveLength(30);
    expect(summary.days[0]!.date).toBe('2026-03-02');
    expect(summary.days.at(-1)).toEqual({ date: '2026-03-31', totalTokens: 1_000_000, costUsd: 1 });
    expect(summary.days.at(-2)).toEqual({ date: '2026-03-30', totalTokens: 1_000_000, costUsd: 1 });
    expect(summary.days.reduce((t, d) => t + d.totalTokens, 0)).toBe(2_000_000);
  });

  it('shows the last 30 days across a month boundary, oldest first, with empty days as zero', () => {
    const summary = summarize({
      ...base,
      now: new Date('2026-04-02T19:00:00Z'), // noon on 2 April locally
      buckets: [bucket('2026-03-05T20:00:00Z'), bucket('2026-04-02T18:00:00Z')],
    });
    expect(summary.days.map((d) => d.date).slice(0, 2)).toEqual(['2026-03-04', '2026-03-05']);
    expect(summary.days[1]!.totalTokens).toBe(1_000_000);
    expect(summary.days.filter((d) => d.totalTokens === 0)).toHaveLength(28);
    expect(summary.month.requests).toBe(1);
  });

  it('adds up per model and per conversation, prices cached tokens, and leaves unknown models unpriced', () => {
    const summary = summarize({
      ...base,
      buckets: [
        bucket('2026-03-31T20:00:00Z', { model: 'gpt-4o-mini-2024-07-18', cachedTokens: 500_000, completionTokens: 1_000_000 }),
        bucket('2026-03-31T20:00:00Z', { model: 'llama3.2', conversationId: 'gone', promptTokens: 300, completionTokens: 200 }),
      ],
    });
    // 500k × $1 + 500k × $0.50 + 1M × $2
    expect(summary.month.costUsd).toBeCloseTo(2.75, 10);
    expect(summary.month.unpricedTokens).toBe(500);
    expect(summary.byModel).toEqual([
      expect.objectContaining({ model: 'gpt-4o-mini-2024-07-18', costUsd: 2.75, cachedTokens: 500_000, totalTokens: 2_000_000 }),
      expect.objectContaining({ model: 'llama3.2', costUsd: 0, unpricedTokens: 500 }),
    ]);
    expect(summary.byConversation.map((c) => [c.conversationId, c.title])).toEqual([
      ['c1', 'Trip planning'],
      ['gone', 'Deleted conversation'],
    ]);
  });

  it('has the budget spent this month', () => {
    const summary = summarize({ ...base, budget: { monthlyUsd: 4, warnAt: 0.5, hardStop: true }, buckets: [bucket('2026-03-31T20:00:00Z')] });
    expect(summary.budget).toEqual({ monthlyUsd: 4, spentUsd: 1, share: 0.25, state: 'ok' });
  });
});

describe('budgetState', () => {
  it('warns at exactly the warning share, even where floating point lands just under it ($0.09 of $0.10 at 90%)', () => {
    expect(budgetState({ monthlyUsd: 0.1, warnAt: 0.9, hardStop: false }, 0.09)).toEqual({
      monthlyUsd: 0.1,
      spentUsd: 0.09,
      share: 0.9,
      state: 'warning',
    });
    expect(budgetState({ monthlyUsd: 0.3, warnAt: 0.8, hardStop: true }, 0.1 + 0.2).state).toBe('blocked');
  });

  it('is none without a budget, warns at the share, and blocks only with the hard stop', () => {
    expect(budgetState(noBudget, 3).state).toBe('none');
    expect(budgetState({ monthlyUsd: 5, warnAt: 0.8, hardStop: true }, 3.99).state).toBe('ok');
    expect(budgetState({ monthlyUsd: 5, warnAt: 0.8, hardStop: true }, 4).state).toBe('warning');
    expect(budgetState({ monthlyUsd: 5, warnAt: 0.8, hardStop: true }, 5.12)).toEqual({ monthlyUsd: 5, spentUsd: 5.12, share: 1.024, state: 'blocked' });
    expect(budgetState({ monthlyUsd: 5, warnAt: 0.8, hardStop: false }, 6).state).toBe('warning');
  });
});

describe('usageCsv', () => {
  it('writes one row per request with its cost, and no cost for unknown models', () => {
    const records: UsageRecord[] = [
      { time: '2026-03-31T20:00:00.000Z', model: 'gpt-4o-mini', feature: 'chat', conversationId: 'c1', promptTokens: 1000, cachedTokens: 400, completionTokens: 50 },
      { time: '2026-03-31T20:01:00.000Z', model: 'local,"odd"', feature: 'quick_ask', conversationId: null, promptTokens: 10, cachedTokens: 0, completionTokens: 5 },
    ];
    expect(usageCsv(records, prices).split('\r\n')).toEqual([
      CSV_HEADER,
      '2026-03-31T20:00:00.000Z,gpt-4o-mini,chat,c1,1000,400,50,0.000900',
      '2026-03-31T20:01:00.000Z,"local,""odd""",quick_ask,,10,0,5,',
      '',
    ]);
    expect(CSV_HEADER).toBe('time,model,feature,conversation_id,prompt_tokens,cached_tokens,completion_tokens,cost_usd');
  });
});
