// The quick-ask popup (`?view=quick-ask`): one Ask box. Enter sends to quickAsk, Esc hides;
// below it a quick-add's confirmation with Undo, the question "when?", or the streamed answer.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useAide } from '../aide-context';
import { ToolCardView } from '../chat/tool-card';
import { Alert } from '../components/alert';
import { ConnectionBanner } from '../components/connection-banner';
import type { Connection } from '../connection';
import { markEnter, measureShowToPaint } from './paint-timing';
import { QuickAskAnswer } from './quick-ask-answer';
import { useQuickAsk, type QuickAsk } from './use-quick-ask';
import './quick-ask.css';

export function QuickAskApp({ connection }: { connection: Connection }) {
  const api = useAide();
  const quick = useQuickAsk();
  const { clear } = quick;
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const boxId = useId();

  // Main shows the popup again and again without reloading it: each time it starts afresh.
  useEffect(
    () =>
      api.on('quickAskShown', ({ shownAt }) => {
        clear();
        setText('');
        box.current?.focus();
        measureShowToPaint(shownAt);
      }),
    [api, clear],
  );

  const submit = async () => {
    const asked = text;
    if (asked.trim() === '' || quick.busy) return;
    markEnter();
    const kind = await quick.ask(asked.trim());
    // Anything typed while the request was on its way stays.
    if (kind === 'created' || kind === 'chat') setText((current) => (current === asked ? '' : current));
    if (kind === 'incomplete') {
      // The user adds the time ("… at 5pm") and presses Enter again.
      const el = box.current;
      el?.focus();
      el?.setSelectionRange(el.value.length, el.value.length);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // While an input method is composing, Enter picks a candidate and Esc cancels it: not ours.
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      setText('');
      quick.hide();
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void submit();
    }
  };

  const onSubmit = (event: FormEvent) => event.preventDefault();

  return (
    <div className="quick-ask">
      <div className="quick-ask-panel">
        <ConnectionBanner connection={connection} />
        <form className="quick-ask-form" onSubmit={onSubmit}>
          <label htmlFor={boxId} className="sr-only">
            Ask
          </label>
          <textarea
            id={boxId}
            ref={box}
            rows={1}
            autoFocus
            spellCheck={false}
            placeholder="Remind me to… or ask anything"
            value={text}
            aria-busy={quick.busy}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
          />
          {quick.busy && <span className="quick-ask-spinner" aria-hidden="true" />}
        </form>
        <QuickAskResult quick={quick} />
        <Alert message={quick.problem} />
        <p className="quick-ask-hint">Enter to send · Shift+Enter for a new line · Esc to close</p>
      </div>
    </div>
  );
}

/** Below the box: the quick-add's confirmation, the question back ("when?"), or the answer. */
function QuickAskResult({ quick }: { quick: QuickAsk }) {
  const { outcome } = quick;
  if (outcome.kind === 'empty') return null;
  return (
    <div className="quick-ask-result">
      {outcome.kind === 'created' && (
        <>
          <p role="status" className="quick-ask-line ok">
            <span aria-hidden="true">✓ </span>
            {outcome.message}
          </p>
          <ToolCardView card={outcome.card} />
        </>
      )}
      {outcome.kind === 'incomplete' && (
        <p role="status" className="quick-ask-line">
          {outcome.message}
        </p>
      )}
      {outcome.kind === 'failed' && <Alert message={<>Could not ask Aide: {outcome.error}</>} />}
      {outcome.kind === 'chat' && (
        <QuickAskAnswer
          question={outcome.question}
          chat={quick.chat}
          streaming={quick.streaming}
          onStop={quick.stop}
          onRetry={quick.retry}
          onOpenInAide={quick.openInAide}
        />
      )}
    </div>
  );
}
