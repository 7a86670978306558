// The monthly budget: how much of it is spent (a bar that turns to the warning colour at the
// chosen share), what a hard stop means, and the form to set or raise it.
import { useId, useState, type FormEvent } from 'react';
import type { Settings, UsageSummary } from '../../../common/contract';
import { FieldNote, noteProps } from '../components/field-note';
import { SaveResult } from '../components/save-result';
import { decimalNumber, wholeNumber } from '../typed-number';
import { usePatch } from '../settings/use-patch';
import { formatPercent, formatUsd } from './format';
import { SaveButton } from '../components/save-button';
import { ShortNumberField } from '../components/whole-number-field';

export function BudgetBar({ budget, warnAt }: { budget: UsageSummary['budget']; warnAt: number | null }) {
  if (budget.monthlyUsd === null) {
    return (
      <p className="budget-none">No monthly budget set. This month so far: {formatUsd(budget.spentUsd)} (estimated).</p>
    );
  }
  const share = budget.share ?? budget.spentUsd / budget.monthlyUsd;
  return (
    <div className={`budget budget-${budget.state}`}>
      <p className="budget-line">
        <strong>{formatUsd(budget.spentUsd)}</strong> of {formatUsd(budget.monthlyUsd)} spent this month (
        {formatPercent(share)})
      </p>
      <div className="budget-bar" aria-hidden="true">
        <div className="budget-fill" style={{ width: `${Math.min(100, share * 100)}%` }} />
        {warnAt !== null && <div className="budget-mark" style={{ left: `${warnAt * 100}%` }} />}
      </div>
      {budget.state === 'warning' && (
        <p className="budget-state">
          {warnAt === null
            ? 'Most of this month’s budget is used.'
            : `Over ${formatPercent(warnAt)} of this month’s budget is used.`}
        </p>
      )}
      {budget.state === 'blocked' && (
        <p className="budget-state">
          Blocked: the budget is used up, so Aide sends no new requests to the model until next month or until you raise
          the budget below. Reminders and quick add keep working.
        </p>
      )}
    </div>
  );
}

interface FormProps {
  settings: Settings;
  onChange(settings: Settings): void;
}

export function BudgetForm({ settings, onChange }: FormProps) {
  const ids = { amount: useId(), warn: useId(), stop: useId() };
  const { budget } = settings;
  const [amount, setAmount] = useState(budget.monthlyUsd === null ? '' : String(budget.monthlyUsd));
  const [warn, setWarn] = useState(String(Math.round(budget.warnAt * 100)));
  const [hardStop, setHardStop] = useState(budget.hardStop);
  const [invalid, setInvalid] = useState<{ amount?: string; warn?: string }>({});
  const patch = usePatch(onChange);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const problems: { amount?: string; warn?: string } = {};
    const text = amount.trim();
    const monthlyUsd = text === '' ? null : (decimalNumber(text) ?? Number.NaN);
    if (monthlyUsd !== null && !(monthlyUsd > 0 && monthlyUsd <= 1_000_000)) {
      problems.amount = 'Enter an amount in dollars above 0, like 20, or leave it empty for no budget.';
    }
    const percent = wholeNumber(warn);
    if (percent === null || percent < 5 || percent > 100) problems.warn = 'Enter a percentage from 5 to 100.';
    setInvalid(problems);
    if (problems.amount || problems.warn || percent === null) return;
    void patch.save({ budget: { monthlyUsd, warnAt: percent / 100, hardStop } }, 'Budget saved.');
  };

  return (
    <form onSubmit={save} noValidate className="budget-form">
      <div className="field-grid">
        <div className="field">
          <label htmlFor={ids.amount}>Monthly budget (USD)</label>
          <input
            id={ids.amount}
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            placeholder="No budget"
            value={amount}
            {...noteProps(ids.amount, invalid.amount)}
            onChange={(e) => setAmount(e.target.value)}
          />
          <FieldNote fieldId={ids.amount} invalid={invalid.amount} hint="Leave empty for no budget." />
        </div>
        <ShortNumberField
          id={ids.warn}
          label="Warn at"
          unit="%"
          min={5}
          max={100}
          value={warn}
          onChange={setWarn}
          invalid={invalid.warn}
          hint="Share of the budget at which Aide warns you."
        />
      </div>
      <div className="field check">
        <input id={ids.stop} type="checkbox" checked={hardStop} onChange={(e) => setHardStop(e.target.checked)} />
        <label htmlFor={ids.stop}>Stop requests when the budget is used up</label>
      </div>
      <SaveButton busy={patch.busy}>Save budget</SaveButton>
      <SaveResult status={patch} />
    </form>
  );
}
