// The composer's attachments as chips: name and size, progress while uploading, and a remove button.
import { formatSize } from '../../../common/file-size';
import type { PendingAttachment } from './use-attachments';

interface Props {
  items: PendingAttachment[];
  onRemove(key: number): void;
}

export function AttachmentChips({ items, onRemove }: Props) {
  if (items.length === 0) return null;
  return (
    <ul className="attachment-chips" aria-label="Attachments">
      {items.map((item) => (
        <li key={item.key} className="attachment-chip">
          <span className="attachment-name">{item.name}</span>
          <span className="attachment-size">{formatSize(item.size)}</span>
          {!item.attachment && <progress aria-label={`Uploading ${item.name}`} max={1} value={item.progress} />}
          <button type="button" className="icon" aria-label={`Remove ${item.name}`} onClick={() => onRemove(item.key)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
