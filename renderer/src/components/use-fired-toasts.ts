// The toasts of what fired: those missed while this window was closed or cut off, then each
// `reminderFired`; acting on one (Snooze, Done) dismisses it once every reminder in it took the change.
import { useEffect, useRef, useState } from 'react';
import type { FiredItem, ItemResult } from '../../../common/contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';
import { notify } from '../reminders/desktop-notifications';
import { describe, firedKey, heading } from './fired-text';

export interface Toast {
  key: number;
  items: FiredItem[];
  busy: boolean;
  error: string | null;
}

export function useFiredToasts(browserMode: boolean, reconnects: number) {
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
          const shown = new Set(all.flatMap((t) => t.items.map(firedKey)));
          const fresh = fired.filter((i) => !shown.has(firedKey(i)));
          return fresh.length === 0
            ? all
            : [...all, { key: nextKey.current++, items: fresh, busy: false, error: null }];
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
        const again = new Set(items.map(firedKey));
        setToasts((all) => [
          ...all
            .map((t) => ({ ...t, items: t.items.filter((i) => !again.has(firedKey(i))) }))
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

  /** Applies `change` to every reminder in the toast; what failed stays on it, by title. */
  const act = async (toast: Toast, change: (id: string) => Promise<ItemResult>) => {
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

  return { toasts, act, dismiss };
}
