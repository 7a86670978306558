// The lines under a form once it was sent: what went wrong, or what was saved.
import type { ActionStatus } from '../use-action-status';
import { Alert } from './alert';

export function SaveResult({ status }: { status: Pick<ActionStatus, 'error' | 'done'> }) {
  return (
    <>
      <Alert message={status.error} />
      {status.done && (
        <p role="status" className="ok">
          {status.done}
        </p>
      )}
    </>
  );
}
