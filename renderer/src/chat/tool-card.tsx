// What one of the model's tool calls did to reminders and appointments, as a compact card in the
// answer, with Undo for a creation that can still be taken back.
import { useState } from 'react';
import type { ItemCard, ToolCard } from '../../../common/contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';
import { formatDate, formatDateTime, formatRange, type Viewpoint } from '../time-format';

const looks: Record<ToolCard['action'], { icon: string; label: string }> = {
  created: { icon: '+', label: 'Created' },
  updated: { icon: '✎', label: 'Updated' },
  listed: { icon: '☰', label: 'Listed' },
  completed: { icon: '✓', label: 'Done' },
  snoozed: { icon: '⏰', label: 'Snoozed' },
  deleted: { icon: '🗑', label: 'Deleted' },
  declined: { icon: '⊘', label: 'Declined' },
  error: { icon: '!', label: 'Error' },
};

/** "Tue 1 Dec 15:00" for a reminder, "Tue 1 Dec 15:00–16:00" for an appointment. */
export function itemTime(item: Pick<ItemCard, 'when' | 'end'>, viewpoint: Viewpoint): string {
  if (item.end === null) return formatDateTime(item.when, viewpoint);
  return `${formatDate(item.when, viewpoint)} ${formatRange(item.when, item.end, viewpoint)}`;
}

function CardItem({ item, viewpoint }: { item: ItemCard; viewpoint: Viewpoint }) {
  return (
    <li className={item.done ? 'tool-item done' : 'tool-item'}>
      <span className="tool-item-title">{item.title}</span>
      <span className="tool-item-meta">
        <time dateTime={item.when}>{itemTime(item, viewpoint)}</time>
        {item.recurrenceText && <span> · ↻ {item.recurrenceText}</span>}
        {item.location && <span> · {item.location}</span>}
        {item.done && <span> · done</span>}
      </span>
    </li>
  );
}

/** The phrase a quick-add was read from, with the words that made its time marked, so a wrong reading shows at once. */
function Reading({ reading }: { reading: NonNullable<ToolCard['reading']> }) {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const { start, end } of reading.spans) {
    if (start < at || end > reading.text.length) continue;
    parts.push(
      { text: reading.text.slice(at, start), marked: false },
      { text: reading.text.slice(start, end), marked: true },
    );
    at = end;
  }
  parts.push({ text: reading.text.slice(at), marked: false });
  return (
    <p className="tool-card-reading">
      <span className="sr-only">Read as: </span>
      {parts.map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : part.text))}
      {reading.zoneNote && <span className="tool-card-zone"> · {reading.zoneNote}</span>}
    </p>
  );
}

type UndoState = { phase: 'idle' | 'busy' | 'undone' } | { phase: 'failed'; error: string };

export function ToolCardView({ card }: { card: ToolCard }) {
  const api = useAide();
  const [undo, setUndo] = useState<UndoState>({ phase: 'idle' });
  const { icon, label } = looks[card.action];
  const viewpoint = { now: new Date() };
  const noun = card.items.length > 0 && card.items.every((i) => i.kind === 'appointment') ? 'appointment' : 'reminder';

  const runUndo = async (token: string) => {
    setUndo({ phase: 'busy' });
    try {
      const result = await api.undo({ token });
      setUndo(result.ok ? { phase: 'undone' } : { phase: 'failed', error: result.error });
    } catch (error) {
      setUndo({ phase: 'failed', error: errorText(error) });
    }
  };

  return (
    <div className={`tool-card ${card.action}`}>
      <div className="tool-card-head">
        <span className="tool-card-icon" aria-hidden="true">
          {icon}
        </span>
        <span className="tool-card-label">
          {label}
          {card.items.length > 1 && ` ${card.items.length} ${noun}s`}
          {card.items.length === 1 && ` ${noun}`}
        </span>
        {card.undoToken && (
          <button
            type="button"
            className="tool-card-undo"
            disabled={undo.phase === 'busy' || undo.phase === 'undone'}
            onClick={() => card.undoToken && void runUndo(card.undoToken)}
          >
            {undo.phase === 'undone' ? 'Undone' : 'Undo'}
          </button>
        )}
      </div>
      {card.message && <p className="tool-card-message">{card.message}</p>}
      {card.reading && <Reading reading={card.reading} />}
      {card.items.length > 0 && (
        <ul className="tool-items">
          {card.items.map((item) => (
            <CardItem key={`${item.kind}:${item.id}`} item={item} viewpoint={viewpoint} />
          ))}
        </ul>
      )}
      {card.action === 'listed' && card.items.length === 0 && !card.message && (
        <p className="tool-card-message">Nothing found.</p>
      )}
      {undo.phase === 'failed' && <p className="field-error">Could not undo: {undo.error}</p>}
    </div>
  );
}
