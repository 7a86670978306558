// Where the user writes. The text is cleared only once main has stored it, so nothing typed is ever lost.
import { useState, type FormEvent, type KeyboardEvent } from 'react';

interface Props {
  streaming: boolean;
  /** Resolves true once the message is stored. */
  onSend(text: string): Promise<boolean>;
  onStop(): void;
}

export function Composer({ streaming, onSend, onStop }: Props) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);

  const submit = async () => {
    if (text.trim() === '' || sending || streaming) return;
    const sent = text;
    setSending(true);
    const stored = await onSend(sent);
    setSending(false);
    // Anything typed while the message was on its way stays.
    if (stored) setText((current) => (current === sent ? '' : current));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <label htmlFor="composer-message" className="sr-only">
        Message
      </label>
      <textarea
        id="composer-message"
        rows={3}
        placeholder="Ask Aide anything… (Enter sends, Shift+Enter for a new line)"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {streaming ? (
        <button type="button" onClick={onStop}>
          Stop
        </button>
      ) : (
        <button type="submit" className="primary" disabled={sending}>
          Send
        </button>
      )}
    </form>
  );
}
