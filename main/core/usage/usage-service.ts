// Usage as the rest of core sees it: records each request's tokens, keeps the summary the Usage view
// shows, says when the monthly budget blocks a request, and raises the budget alerts once each.
import type { Budget, EventName, EventPayload, PriceTable, UsageFeature, UsageSummary, UserError } from '../../../common/contract';
import type { Clock } from '../ports';
import type { PriceBook } from './prices';
import type { UsageLedger } from './usage-ledger';
import { DELETED_CONVERSATION, localDates, summarize, usageCsv } from './usage-summary';

export interface RequestUsage {
  model: string;
  feature: UsageFeature;
  conversationId: string | null;
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
}

export interface UsageServiceOptions {
  ledger: UsageLedger;
  prices: PriceBook;
  budget: () => Budget;
  clock: Clock;
  timeZone: () => string;
  titleOf: (conversationId: string) => string | null;
  emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void;
}

const LEVEL = { none: 0, ok: 0, warning: 1, blocked: 2 } as const;

export class UsageService {
  private cached: { key: string; summary: UsageSummary } | null = null;
  /** How far the budget has been alerted for; starts where it is, so a restart does not alert again. */
  private alerted: number;
  private alertedMonth: string;

  constructor(private readonly options: UsageServiceOptions) {
    const summary = this.summary();
    this.alerted = LEVEL[summary.budget.state];
    this.alertedMonth = this.month();
  }

  /** The summary; computed from the in-memory totals, and kept until something changes it or the day turns. */
  summary(): UsageSummary {
    const now = this.options.clock.now();
    const timeZone = this.options.timeZone();
    const key = `${timeZone} ${localDates(timeZone)(now.getTime())}`;
    if (this.cached?.key !== key) {
      const summary = summarize({
        buckets: this.options.ledger.totals(),
        prices: this.options.prices.get(),
        budget: this.options.budget(),
        now,
        timeZone,
        titleOf: this.options.titleOf,
      });
      this.cached = { key, summary };
    }
    // Titles are looked up each time: a rename or delete does not touch the totals.
    const { summary } = this.cached;
    return {
      ...summary,
      byConversation: summary.byConversation.map((c) => ({ ...c, title: this.options.titleOf(c.conversationId) ?? DELETED_CONVERSATION })),
    };
  }

  /** Adds a request's usage to the ledger, tells the Usage view, and alerts when the budget crosses a line. */
  record(usage: RequestUsage): Promise<void> {
    const written = this.options.ledger.append({ time: this.options.clock.now().toISOString(), ...usage });
    this.changed();
    return written;
  }

  /** Why a new request may not be sent (the budget's hard stop), or null. */
  blocked(): UserError | null {
    const { budget } = this.summary();
    if (budget.state !== 'blocked' || budget.monthlyUsd === null) return null;
    return {
      code: 'budget',
      message: `This month's budget of ${usd(budget.monthlyUsd)} is used up (${usd(budget.spentUsd)} spent). Raise it in Settings → Usage to continue.`,
      retryable: true,
    };
  }

  /** The budget, the prices or a conversation's title changed. */
  changed(): void {
    this.cached = null;
    const summary = this.summary();
    this.alert(summary.budget);
    this.options.emit('usageChanged', summary);
  }

  getPrices(): PriceTable {
    return this.options.prices.get();
  }

  setPrices(table: PriceTable): PriceTable {
    const saved = this.options.prices.set(table);
    this.changed();
    return saved;
  }

  async exportCsv(): Promise<{ filename: string; content: string }> {
    const records = await this.options.ledger.readAll();
    const today = localDates(this.options.timeZone())(this.options.clock.now().getTime());
    return { filename: `aide-usage-${today}.csv`, content: usageCsv(records, this.options.prices.get()) };
  }

  /** Alerts once per month for crossing the warning share and once for being blocked; a raised budget re-arms them. */
  private alert(budget: UsageSummary['budget']): void {
    const month = this.month();
    if (month !== this.alertedMonth) {
      this.alertedMonth = month;
      this.alerted = 0;
    }
    const level = LEVEL[budget.state];
    if (level > this.alerted && budget.monthlyUsd !== null) {
      const spent = `${usd(budget.spentUsd)} of ${usd(budget.monthlyUsd)}`;
      if (budget.state === 'blocked') {
        this.options.emit('budgetAlert', {
          state: 'blocked',
          message: `This month's budget is used up (${spent}). New requests are blocked until you raise it in Settings → Usage.`,
        });
      } else {
        this.options.emit('budgetAlert', {
          state: 'warning',
          message: `You have used ${Math.floor((budget.share ?? 0) * 100)}% of this month's budget (${spent}).`,
        });
      }
    }
    this.alerted = level;
  }

  private month(): string {
    return localDates(this.options.timeZone())(this.options.clock.now().getTime()).slice(0, 7);
  }
}

function usd(amount: number): string {
  return `$${amount.toFixed(2)}`;
}
