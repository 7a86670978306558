// The model's requests to delete, or to change several items, asked one at a time in the
// confirmation dialog; a request answered in another window or timed out closes by itself.
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../common/contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';
import { ConfirmDialog } from './confirm-dialog';

type ConfirmRequest = EventPayload<'confirmRequested'>;

export function Confirmations() {
  const api = useAide();
  const [queue, setQueue] = useState<ConfirmRequest[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const offs = [
      api.on('confirmRequested', (request) => setQueue((all) => [...all.filter((r) => r.id !== request.id), request])),
      api.on('confirmSettled', ({ id }) => setQueue((all) => all.filter((r) => r.id !== id))),
    ];
    return () => offs.forEach((off) => off());
  }, [api]);

  const answer = async (id: string, confirmed: boolean) => {
    setQueue((all) => all.filter((r) => r.id !== id));
    setFailure(null);
    try {
      await api.answerConfirmation({ id, confirmed });
    } catch (error) {
      setFailure(`Your answer did not reach Aide: ${errorText(error)}`);
    }
  };

  const current = queue[0];
  return (
    <>
      {failure && (
        <div role="alert" className="notice warning">
          <p>{failure}</p>
          <button type="button" className="icon" aria-label="Dismiss message" onClick={() => setFailure(null)}>
            ×
          </button>
        </div>
      )}
      {current && (
        <ConfirmDialog
          key={current.id}
          title={current.title}
          onConfirm={() => void answer(current.id, true)}
          onCancel={() => void answer(current.id, false)}
        >
          {current.details.length > 0 && (
            <ul className="confirm-details">
              {current.details.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          )}
          {queue.length > 1 && <p className="empty">{queue.length - 1} more to answer after this one.</p>}
        </ConfirmDialog>
      )}
    </>
  );
}
