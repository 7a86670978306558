// Reminders and appointments that came due, as toasts in a corner of every screen: one per firing
// (several items due together share one), each staying until the user acts on it or dismisses it.
import { DEFAULT_SNOOZE_MINUTES } from '../../../common/reminder-defaults';
import { useAide } from '../aide-context';
import { formatWhen } from '../time-format';
import { describe, firedKey, heading } from './fired-text';
import { useFiredToasts, type Toast } from './use-fired-toasts';

export function FiredToasts({ browserMode, reconnects }: { browserMode: boolean; reconnects: number }) {
  const api = useAide();
  const { toasts, act, dismiss } = useFiredToasts(browserMode, reconnects);
  if (toasts.length === 0) return null;
  const now = new Date();
  return (
    <div className="toasts">
      {toasts.map((toast) => (
        <ToastCard
          key={toast.key}
          toast={toast}
          now={now}
          onSnooze={() => void act(toast, (id) => api.snoozeReminder({ id, minutes: DEFAULT_SNOOZE_MINUTES }))}
          onDone={() => void act(toast, (id) => api.completeReminder({ id }))}
          onDismiss={() => {
            dismiss(toast.key);
            // Synced items are marked acknowledged on the server, so other devices stay quiet too.
            api.dismissFired({ items: toast.items.map(({ kind, id }) => ({ kind, id })) }).catch(() => undefined);
          }}
        />
      ))}
    </div>
  );
}

interface CardProps {
  toast: Toast;
  now: Date;
  onSnooze(): void;
  onDone(): void;
  onDismiss(): void;
}

function ToastCard({ toast, now, onSnooze, onDone, onDismiss }: CardProps) {
  const single = toast.items.length === 1 ? toast.items[0] : undefined;
  const hasReminders = toast.items.some((i) => i.kind === 'reminder');
  return (
    <div role="alert" className="toast">
      <p className="toast-title">
        <span aria-hidden="true">⏰ </span>
        {heading(toast.items)}
      </p>
      {single ? (
        <p className={single.missed ? 'toast-meta missed' : 'toast-meta'}>{describe(single, now)}</p>
      ) : (
        <ul className="toast-items">
          {toast.items.map((item) => (
            <li key={firedKey(item)}>
              {item.title} <span className="toast-meta">{formatWhen(item.at, { now })}</span>
              {item.missed && <span className="missed"> · missed</span>}
            </li>
          ))}
        </ul>
      )}
      {toast.error && <p className="field-error">{toast.error}</p>}
      <div className="toast-actions">
        {hasReminders && (
          <>
            <button
              type="button"
              title={`Remind again in ${DEFAULT_SNOOZE_MINUTES} minutes`}
              disabled={toast.busy}
              onClick={onSnooze}
            >
              Snooze
            </button>
            <button type="button" className="primary" disabled={toast.busy} onClick={onDone}>
              Done
            </button>
          </>
        )}
        <button type="button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
