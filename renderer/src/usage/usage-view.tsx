// The Usage screen: today and this month, the last 30 days, per model and per conversation, the
// monthly budget, and the ledger as CSV. Estimated from the price table in Settings.
import { useId } from 'react';
import type { UsageSummary, UsageTotals } from '../../../common/contract';
import { useAide } from '../aide-context';
import { Alert } from '../components/alert';
import type { SettingsStore } from '../settings/use-settings';
import { BudgetBar, BudgetForm } from './budget-section';
import { formatCount, formatUsd, tokensWithoutPrice } from './format';
import { UsageChart } from './usage-chart';
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
      <section className="card" aria-labelledby="models-heading">
        <h2 id="models-heading">By model this month</h2>
        {usage.byModel.length === 0 ? (
          <p className="empty">No requests this month.</p>
        ) : (
          <table className="usage-table">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Requests</th>
                <th scope="col">Input</th>
                <th scope="col">Cached</th>
                <th scope="col">Output</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {usage.byModel.map((row) => (
                <tr key={row.model}>
                  <th scope="row">{row.model}</th>
                  <td>{formatCount(row.requests)}</td>
                  <td>{formatCount(row.promptTokens)}</td>
                  <td>{formatCount(row.cachedTokens)}</td>
                  <td>{formatCount(row.completionTokens)}</td>
                  <td>
                    <Cost totals={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="conversations-heading">
        <h2 id="conversations-heading">By conversation this month</h2>
        {usage.byConversation.length === 0 ? (
          <p className="empty">No conversations this month.</p>
        ) : (
          <table className="usage-table">
            <thead>
              <tr>
                <th scope="col">Conversation</th>
                <th scope="col">Tokens</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {usage.byConversation.map((row) => (
                <tr key={row.conversationId}>
                  <th scope="row">{row.title || 'Untitled'}</th>
                  <td>{formatCount(row.totalTokens)}</td>
                  <td>
                    <Cost totals={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
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

function Totals({ title, totals }: { title: string; totals: UsageTotals }) {
  const heading = useId();
  return (
    <section className="card usage-card" aria-labelledby={heading}>
      <h2 id={heading}>{title}</h2>
      <dl>
        <div>
          <dt>Requests</dt>
          <dd>{formatCount(totals.requests)}</dd>
        </div>
        <div>
          <dt>Input tokens</dt>
          <dd>{formatCount(totals.promptTokens)}</dd>
        </div>
        <div>
          <dt>Cached input tokens</dt>
          <dd>{formatCount(totals.cachedTokens)}</dd>
        </div>
        <div>
          <dt>Output tokens</dt>
          <dd>{formatCount(totals.completionTokens)}</dd>
        </div>
        <div>
          <dt>Estimated cost</dt>
          <dd>{formatUsd(totals.costUsd)}</dd>
        </div>
      </dl>
      {totals.unpricedTokens > 0 && (
        <p className="field-hint">
          {tokensWithoutPrice(totals.unpricedTokens)} (add their model to the price table in Settings).
        </p>
      )}
    </section>
  );
}
