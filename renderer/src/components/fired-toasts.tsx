// Reminders and appointments that came due, as toasts in a corner of every screen: one per firing
// (several items due together share one), each staying until the user acts on it or dismisses it.
import { useEffect, useRef, useState } from 'react';
import type { FiredItem } from '../../../common/contract';
import { DEFAULT_SNOOZE_MINUTES } from '../../../common/reminder-defaults';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';
import { notify } from '../reminders/desktop-notifications';
import { formatWhen } from '../time-format';

interface Toast {
  key: number;
  items: FiredItem[];
  busy: boolean;
  error: string | null;
}

function heading(items: FiredItem[]): string {
  if (items.length === 1) return items[0]?.title ?? '';
  const reminders = items.filter((i) => i.kind === 'reminder').length;
  const appointments = items.length - reminders;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  if (appointments === 0) return count(reminders, 'reminder');
  if (reminders === 0) return count(appointments, 'appointment');
  return `${count(reminders, 'reminder')} and ${count(appointments, 'appointment')}`;
}

function describe(item: FiredItem, now: Date): string {
  const when = formatWhen(item.at, { now });
  const kind = item.kind === 'appointment' ? `Starts ${when}` : `Due ${when}`;
  return item.missed ? `Missed · ${kind}` : kind;
}

export function FiredToasts({ browserMode, reconnects }: { browserMode: boolean; reconnects: number }) {
  const api = useAide();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextKey = useRef(0);

  // What fired before this window was open (missed while Aide was closed) or while it was cut off.
  useEffect(() => {
    let current = true;
    api.listFired().then(
      (fired) => {
        if (!current) return;
        setToasts((all) => {
          const shown = new Set(all.flatMap((t) => t.items.map((i) => `${i.kind}:${i.id}`)));
          const fresh = fired.filter((i) => !shown.has(`${i.kind}:${i.id}`));
          return fresh.length === 0 ? all : [...all, { key: nextKey.current++, items: fresh, busy: false, error: null }];
        });
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, reconnects]);

  useEffect(
    () =>
      api.on('reminderFired', ({ items }) => {
        if (items.length === 0) return;
        // A reminder that fires again (after a snooze) replaces its older toast instead of doubling up.
        const again = new Set(items.map((i) => `${i.kind}:${i.id}`));
        setToasts((all) => [
          ...all
            .map((t) => ({ ...t, items: t.items.filter((i) => !again.has(`${i.kind}:${i.id}`)) }))
            .filter((t) => t.items.length > 0),
          { key: nextKey.current++, items, busy: false, error: null },
        ]);
        // In Electron, main shows the native notification itself.
        if (browserMode) {
          const now = new Date();
          const body = items.map((i) =>
            items.length === 1 ? describe(i, now) : `${i.title}${i.missed ? ' (missed)' : ''}`,
          );
          notify(heading(items), body.join('\n'));
        }
      }),
    [api, browserMode],
  );

  const update = (key: number, change: Partial<Toast>) =>
    setToasts((all) => all.map((t) => (t.key === key ? { ...t, ...change } : t)));
  const dismiss = (key: number) => setToasts((all) => all.filter((t) => t.key !== key));

  const act = async (toast: Toast, change: (id: string) => ReturnType<typeof api.completeReminder>) => {
    update(toast.key, { busy: true, error: null });
    const reminders = toast.items.filter((i) => i.kind === 'reminder');
    const results = await Promise.all(
      reminders.map((item) =>
        change(item.id).then(
          (result) => (result.ok ? null : `${item.title}: ${result.error}`),
          (error: unknown) => `${item.title}: ${errorText(error)}`,
        ),
      ),
    );
    const errors = results.filter((e): e is string => e !== null);
    if (errors.length === 0) dismiss(toast.key);
    else update(toast.key, { busy: false, error: errors.join(' ') });
  };

  if (toasts.length === 0) return null;
  const now = new Date();
  return (
    <div className="toasts">
      {toasts.map((toast) => {
        const single = toast.items.length === 1 ? toast.items[0] : undefined;
        const hasReminders = toast.items.some((i) => i.kind === 'reminder');
        return (
          <div key={toast.key} role="alert" className="toast">
            <p className="toast-title">
              <span aria-hidden="true">⏰ </span>
              {heading(toast.items)}
            </p>
            {single ? (
              <p className={single.missed ? 'toast-meta missed' : 'toast-meta'}>{describe(single, now)}</p>
            ) : (
              <ul className="toast-items">
                {toast.items.map((item) => (
                  <li key={`${item.kind}:${item.id}`}>
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
                    onClick={() => void act(toast, (id) => api.snoozeReminder({ id, minutes: DEFAULT_SNOOZE_MINUTES }))}
                  >
                    Snooze
                  </button>
                  <button
                    type="button"
                    className="primary"
                    disabled={toast.busy}
                    onClick={() => void act(toast, (id) => api.completeReminder({ id }))}
                  >
                    Done
                  </button>
                </>
              )}
              <button type="button" onClick={() => dismiss(toast.key)}>
                Dismiss
              </button>
            </div>
          </div>
        );
      })}
    </div>
  );
}
