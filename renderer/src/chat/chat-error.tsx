// Why the last answer failed, with the way out that fits: try again, or fix the key in Settings.
import type { UserError } from '../../../common/contract';

interface Props {
  error: UserError;
  onRetry(): void;
  onOpenSettings(): void;
}

export function ChatError({ error, onRetry, onOpenSettings }: Props) {
  const keyProblem = error.code === 'auth' || error.code === 'no_key';
  return (
    <div role="alert" className="alert">
      <p>{error.message}</p>
      {error.retryable && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
      {keyProblem && (
        <button type="button" onClick={onOpenSettings}>
          Open Settings
        </button>
      )}
    </div>
  );
}
