// Which key Aide uses, shown only masked, and where it comes from.
import type { KeyStatus } from '../../../common/contract';
import { formatSavedAt, keyOrigin } from './key-origin';

export function KeyStatusLine({ status }: { status: KeyStatus }) {
  if (!status.present) return <p className="key-status">No key saved yet.</p>;
  return (
    <p className="key-status">
      Using key <code>{status.masked}</code> from {keyOrigin(status.source)}
      {status.savedAt && <>, saved {formatSavedAt(status.savedAt)}</>}.
    </p>
  );
}
