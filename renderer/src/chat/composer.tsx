// Where the user writes and attaches files. The text and the attachments are cleared only once main
// has stored the message, so nothing typed or attached is ever lost.
import { useRef, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import { AttachmentChips } from '../attachments/attachment-chips';
import type { ComposerAttachments } from '../attachments/use-attachments';
import { Alert } from '../components/alert';

interface Props {
  streaming: boolean;
  attachments: ComposerAttachments;
  /** Resolves true once the message is stored. */
  onSend(text: string): Promise<boolean>;
  onStop(): void;
}

export function Composer({ streaming, attachments, onSend, onStop }: Props) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  const submit = async () => {
    // A picture may go alone; a message with neither text nor a file is nothing to send.
    if ((text.trim() === '' && attachments.items.length === 0) || sending || streaming || attachments.busy) return;
    const sent = text;
    setSending(true);
    const stored = await onSend(sent);
    setSending(false);
    if (!stored) return;
    // Anything typed while the message was on its way stays.
    setText((current) => (current === sent ? '' : current));
    attachments.clear();
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

  const onPaste = (event: ClipboardEvent) => {
    const files = [...event.clipboardData.files];
    if (files.length === 0) return;
    // A copied picture often comes with its name as text; the picture is what was meant.
    if (!event.clipboardData.getData('text/plain')) event.preventDefault();
    attachments.add(files);
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <AttachmentChips items={attachments.items} onRemove={attachments.remove} />
      <Alert message={attachments.error} />
      <div className="composer-row">
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
          onPaste={onPaste}
        />
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          accept="image/png,image/jpeg,image/webp,image/gif,application/pdf,text/*,.md,.csv,.json,.txt"
          onChange={(event) => {
            attachments.add([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
        <button type="button" onClick={() => picker.current?.click()}>
          Attach
        </button>
        {streaming ? (
          <button type="button" onClick={onStop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="primary" disabled={sending || attachments.busy}>
            Send
          </button>
        )}
      </div>
    </form>
  );
}
