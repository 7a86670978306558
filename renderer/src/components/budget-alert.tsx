// The monthly budget crossed its warning share, or was used up: a banner on every screen until
// the user dismisses it, with the way to the Usage screen (where the budget is raised).
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../common/contract';
import { useAide } from '../aide-context';

export function BudgetAlert({ onOpenUsage }: { onOpenUsage(): void }) {
  const api = useAide();
  const [alert, setAlert] = useState<EventPayload<'budgetAlert'> | null>(null);

  useEffect(() => api.on('budgetAlert', setAlert), [api]);

  if (!alert) return null;
  return (
    <div role="alert" className={`notice budget-alert ${alert.state}`}>
      <p>{alert.message}</p>
      <button
        type="button"
        onClick={() => {
          setAlert(null);
          onOpenUsage();
        }}
      >
        Open Usage
      </button>
      <button type="button" className="icon" aria-label="Dismiss budget alert" onClick={() => setAlert(null)}>
        ×
      </button>
    </div>
  );
}
