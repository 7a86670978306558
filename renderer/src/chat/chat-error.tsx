// Why the last answer failed, with the way out that fits: try again, fix the key in Settings, or
// raise the budget in Usage.
import type { UserError } from '../../../common/contract';
import { Alert } from '../components/alert';

interface Props {
  error: UserError;
  onRetry(): void;
  onOpenSettings(): void;
  onOpenUsage(): void;
}

export function ChatError({ error, onRetry, onOpenSettings, onOpenUsage }: Props) {
  const keyProblem = error.code === 'auth' || error.code === 'no_key';
  const budget = error.code === 'budget';
  return (
    <Alert message={error.message}>
      {budget ? (
        <button type="button" onClick={onOpenUsage}>
          Open Usage
        </button>
      ) : (
        error.retryable && (
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        )
      )}
      {keyProblem && (
        <button type="button" onClick={onOpenSettings}>
          {error.code === 'auth' ? 'Replace key' : 'Open Settings'}
        </button>
      )}
    </Alert>
  );
}
