// The lines after an answer's text, the same in the chat and the quick-ask popup: "Thinking…" until
// the first token, a passing note (a rate-limit wait), and how the answer ended if not complete.
import type { ViewMessage } from './chat-state';

const endings = { complete: null, stopped: 'Stopped', error: 'Answer incomplete' } as const;

export function MessageStatus({ view }: { view: ViewMessage }) {
  const { message, streaming, note } = view;
  const ending = streaming ? null : endings[message.status];
  return (
    <>
      {streaming && message.content === '' && !message.cards?.length && <p className="message-meta">Thinking…</p>}
      {note && (
        <p role="status" className="message-note">
          {note}
        </p>
      )}
      {ending && <p className="message-meta">{ending}</p>}
    </>
  );
}
