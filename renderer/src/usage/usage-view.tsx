// The Usage screen: today and this month, the last 30 days, per model and per conversation, the
// monthly budget, and the ledger as CSV. Estimated from the price table in Settings.
import { useId } from 'react';
import type { UsageSummary, UsageTotals } from '../../../common/contract';
import { useAide } from '../aide-context';
import { titleOf } from '../chat/conversation-item';
import { Alert } from '../components/alert';
import type { SettingsStore } from '../settings/use-settings';
import { BudgetBar, BudgetForm } from './budget-section';
import { formatCount, formatUsd, tokensWithoutPrice } from './format';
import { UsageChart } from './usage-chart';
import { UsageTableCard } from './usage-table';
import { useUsage } from './use-usage';
import { useDownload } from '../use-download';

interface Props {
  reconnects: number;
  store: SettingsStore;
}

export function UsageView({ reconnects, store }: Props) {
  const api = useAide();
  const { usage, error } = useUsage(reconnects);
  const csv = useDownload('the usage', 'text/csv', () => api.exportUsageCsv());

  return (
    <section className="usage" aria-label="Usage">
      <div className="view-head">
        <h1>Usage</h1>
        <button type="button" onClick={() => void csv.download()} disabled={csv.busy}>
          Export CSV
        </button>
      </div>
      <Alert message={csv.error} />
      <Alert message={error && <>Could not load the usage: {error}</>} />
      {!usage && !error && <p className="empty">Loading…</p>}
      {usage && <UsageReport usage={usage} />}
      <section className="card" aria-labelledby="budget-heading">
        <h2 id="budget-heading">Monthly budget</h2>
        {usage && <BudgetBar budget={usage.budget} warnAt={store.settings?.budget.warnAt ?? null} />}
        {store.settings ? (
          <BudgetForm settings={store.settings} onChange={store.set} />
        ) : (
          <p className="empty">Loading…</p>
        )}
      </section>
      <p className="field-hint">
        Costs are estimates from the price table in Settings; OpenAI’s bill is what counts. Message text and the key are
        never recorded.
      </p>
    </section>
  );
}

function UsageReport({ usage }: { usage: UsageSummary }) {
  return (
    <>
      <div className="usage-totals">
        <Totals title="Today" totals={usage.today} />
        <Totals title="This month" totals={usage.month} />
      </div>
      <section className="card" aria-labelledby="days-heading">
        <h2 id="days-heading">Last 30 days</h2>
        <UsageChart days={usage.days} />
      </section>
      <UsageTableCard
        headingId="models-heading"
        title="By model this month"
        empty="No requests this month."
        columns={['Model', 'Requests', 'Input', 'Cached', 'Output', 'Cost']}
        rows={usage.byModel.map((row) => ({
          key: row.model,
          name: row.model,
          cells: [
            formatCount(row.requests),
            formatCount(row.promptTokens),
            formatCount(row.cachedTokens),
            formatCount(row.completionTokens),
            <Cost totals={row} />,
          ],
        }))}
      />
      <UsageTableCard
        headingId="conversations-heading"
        title="By conversation this month"
        empty="No conversations this month."
        columns={['Conversation', 'Tokens', 'Cost']}
        rows={usage.byConversation.map((row) => ({
          key: row.conversationId,
          name: titleOf(row),
          cells: [formatCount(row.totalTokens), <Cost totals={row} />],
        }))}
      />
    </>
  );
}

/** A cost, with the tokens it leaves out when some had no price. */
function Cost({ totals }: { totals: UsageTotals }) {
  if (totals.unpricedTokens > 0 && totals.unpricedTokens >= totals.totalTokens) {
    return <span className="muted">no price</span>;
  }
  return (
    <>
      {formatUsd(totals.costUsd)}
      {totals.unpricedTokens > 0 && <span className="muted"> + {tokensWithoutPrice(totals.unpricedTokens)}</span>}
    </>
  );
}

const totalLines: { term: string; value(totals: UsageTotals): string }[] = [
  { term: 'Requests', value: (t) => formatCount(t.requests) },
  { term: 'Input tokens', value: (t) => formatCount(t.promptTokens) },
  { term: 'Cached input tokens', value: (t) => formatCount(t.cachedTokens) },
  { term: 'Output tokens', value: (t) => formatCount(t.completionTokens) },
  { term: 'Estimated cost', value: (t) => formatUsd(t.costUsd) },
];

function Totals({ title, totals }: { title: string; totals: UsageTotals }) {
  const heading = useId();
  return (
    <section className="card usage-card" aria-labelledby={heading}>
      <h2 id={heading}>{title}</h2>
      <dl>
        {totalLines.map(({ term, value }) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value(totals)}</dd>
          </div>
        ))}
      </dl>
      {totals.unpricedTokens > 0 && (
        <p className="field-hint">
          {tokensWithoutPrice(totals.unpricedTokens)} (add their model to the price table in Settings).
        </p>
      )}
    </section>
  );
}
