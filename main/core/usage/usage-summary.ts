// What the Usage view shows, computed from the ledger's totals: today and this month in the user's
// zone, per model, per conversation, the last 30 days and the budget; and the ledger as CSV.
import type { Budget, ModelPrice, PriceTable, UsageSummary, UsageTotals } from '../../../common/contract';
import { costUsd, findPrice } from './prices';
import { SLOT_MS, type UsageBucket, type UsageRecord } from './usage-ledger';

export const DELETED_CONVERSATION = 'Deleted conversation';
const CHART_DAYS = 30;

export interface SummaryInput {
  buckets: Iterable<UsageBucket>;
  prices: PriceTable;
  budget: Budget;
  now: Date;
  timeZone: string;
  /** The conversation's current title, or null when it was deleted. */
  titleOf: (conversationId: string) => string | null;
}

export function summarize(input: SummaryInput): UsageSummary {
  const toDate = localDates(input.timeZone);
  const today = toDate(input.now.getTime());
  const month = today.slice(0, 7);
  const chartDates = lastDays(today, CHART_DAYS);
  const chartFrom = chartDates[0]!;
  const priceOf = pricesFor(input.prices);

  const totals = { today: emptyTotals(), month: emptyTotals() };
  const byModel = new Map<string, UsageTotals>();
  const byConversation = new Map<string, UsageTotals>();
  const byDay = new Map<string, { totalTokens: number; costUsd: number }>();
  const slotDates = new Map<number, string>();

  for (const bucket of input.buckets) {
    let date = slotDates.get(bucket.slot);
    if (date === undefined) {
      date = toDate(bucket.slot * SLOT_MS);
      slotDates.set(bucket.slot, date);
    }
    if (date > today || (date < chartFrom && !date.startsWith(month))) continue;
    const price = priceOf(bucket.model);
    const cost = price === null ? 0 : costUsd(price, bucket);
    const tokens = bucket.promptTokens + bucket.completionTokens;
    if (date >= chartFrom) {
      const day = byDay.get(date) ?? { totalTokens: 0, costUsd: 0 };
      day.totalTokens += tokens;
      day.costUsd += cost;
      byDay.set(date, day);
    }
    if (!date.startsWith(month)) continue;
    addTo(totals.month, bucket, cost, price !== null);
    if (date === today) addTo(totals.today, bucket, cost, price !== null);
    addTo(entry(byModel, bucket.model), bucket, cost, price !== null);
    if (bucket.conversationId !== null) addTo(entry(byConversation, bucket.conversationId), bucket, cost, price !== null);
  }

  const spentUsd = totals.month.costUsd;
  return {
    today: totals.today,
    month: totals.month,
    byModel: [...byModel].map(([model, t]) => ({ model, ...t })).sort(heaviestFirst),
    byConversation: [...byConversation]
      .map(([conversationId, t]) => ({ conversationId, title: input.titleOf(conversationId) ?? DELETED_CONVERSATION, ...t }))
      .sort(heaviestFirst),
    days: chartDates.map((date) => ({ date, totalTokens: byDay.get(date)?.totalTokens ?? 0, costUsd: byDay.get(date)?.costUsd ?? 0 })),
    budget: budgetState(input.budget, spentUsd),
  };
}

export function budgetState(budget: Budget, spentUsd: number): UsageSummary['budget'] {
  if (budget.monthlyUsd === null) return { monthlyUsd: null, spentUsd, share: null, state: 'none' };
  // Rounded to a billionth: in binary floating point $0.09 of $0.10 is 0.8999…, which would miss a
  // 90% warning and read as "89%".
  const share = Math.round((spentUsd / budget.monthlyUsd) * 1e9) / 1e9;
  const state = budget.hardStop && share >= 1 ? 'blocked' : share >= budget.warnAt ? 'warning' : 'ok';
  return { monthlyUsd: budget.monthlyUsd, spentUsd, share, state };
}

export const CSV_HEADER = 'time,model,feature,conversation_id,prompt_tokens,cached_tokens,completion_tokens,cost_usd';

/** One row per request; cost_usd is empty for a model the price table does not know. */
export function usageCsv(records: readonly UsageRecord[], prices: PriceTable): string {
  const priceOf = pricesFor(prices);
  const rows = records.map((r) => {
    const price = priceOf(r.model);
    return [
      r.time,
      csvField(r.model),
      r.feature,
      csvField(r.conversationId ?? ''),
      r.promptTokens,
      r.cachedTokens,
      r.completionTokens,
      price === null ? '' : costUsd(price, r).toFixed(6),
    ].join(',');
  });
  return `${[CSV_HEADER, ...rows].join('\r\n')}\r\n`;
}

/** "2026-03-01" in the zone; one formatter for the whole summary (building one costs more than using it). */
export function localDates(timeZone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (ms) => {
    const parts = format.formatToParts(ms);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  };
}

/** The `count` calendar dates ending with `today`, oldest first (calendar arithmetic, so DST cannot skip a day). */
function lastDays(today: string, count: number): string[] {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(year, month - 1, day - (count - 1 - i))).toISOString().slice(0, 10));
}

function pricesFor(table: PriceTable): (model: string) => ModelPrice | null {
  const memo = new Map<string, ModelPrice | null>();
  return (model) => {
    if (!memo.has(model)) memo.set(model, findPrice(table, model));
    return memo.get(model)!;
  };
}

function emptyTotals(): UsageTotals {
  return { requests: 0, promptTokens: 0, cachedTokens: 0, completionTokens: 0, totalTokens: 0, costUsd: 0, unpricedTokens: 0 };
}

function entry(map: Map<string, UsageTotals>, key: string): UsageTotals {
  let totals = map.get(key);
  if (!totals) {
    totals = emptyTotals();
    map.set(key, totals);
  }
  return totals;
}

function addTo(totals: UsageTotals, bucket: UsageBucket, cost: number, priced: boolean): void {
  const tokens = bucket.promptTokens + bucket.completionTokens;
  totals.requests += bucket.requests;
  totals.promptTokens += bucket.promptTokens;
  totals.cachedTokens += bucket.cachedTokens;
  totals.completionTokens += bucket.completionTokens;
  totals.totalTokens += tokens;
  totals.costUsd += cost;
  if (!priced) totals.unpricedTokens += tokens;
}

function heaviestFirst(a: UsageTotals, b: UsageTotals): number {
  return b.costUsd - a.costUsd || b.totalTokens - a.totalTokens;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
