// Which key Aide uses, shown only masked, where it comes from, and how old it is.
import type { KeyStatus } from '../../../common/contract';
import { useNow } from '../use-now';
import { keyAgeDays, keyAgeText } from './key-age';
import { formatSavedAt, keyOrigin } from './key-origin';

interface Props {
  status: KeyStatus;
  /** Days after which the key should be replaced; null when the reminder is off. */
  rotationDays: number | null;
}

export function KeyStatusLine({ status, rotationDays }: Props) {
  const now = useNow(60 * 60_000);
  if (!status.present) return <p className="key-status">No key saved yet.</p>;
  const age = status.savedAt === null ? null : keyAgeDays(status.savedAt, now);
  return (
    <>
      <p className="key-status">
        Using key <code>{status.masked}</code> from {keyOrigin(status.source)}.
      </p>
      {status.savedAt !== null && age !== null && (
        <p className="key-age">
          {keyAgeText(age)} <span className="muted">({formatSavedAt(status.savedAt)})</span>
          {rotationDays !== null && age >= rotationDays && (
            <strong className="key-rotate"> · Older than {rotationDays} days: time to replace it.</strong>
          )}
        </p>
      )}
    </>
  );
}
