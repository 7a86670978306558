// One conversation's own model and custom instructions, saved with updateConversation. An empty
// model means the one in Settings; empty instructions mean none.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ConversationSummary } from '../../../common/contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';

interface Props {
  conversation: ConversationSummary;
  /** The model from Settings, used when this conversation has none. */
  defaultModel: string | null;
  onSaved(summary: ConversationSummary): void;
  onClose(): void;
}

export function ConversationSettings({ conversation, defaultModel, onSaved, onClose }: Props) {
  const api = useAide();
  const ids = { heading: useId(), model: useId(), models: useId(), prompt: useId() };
  const [model, setModel] = useState(conversation.model ?? '');
  const [prompt, setPrompt] = useState(conversation.systemPrompt ?? '');
  const [models, setModels] = useState<string[]>([]);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Suggestions for the model field, when the server lists them; without them it is a plain field.
  useEffect(() => {
    let live = true;
    api.listModels().then(
      (result) => live && result.ok && setModels(result.models),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = model.trim();
    if (chosen.length > 200) {
      setInvalid('A model name has at most 200 characters.');
      return;
    }
    if (prompt.length > 20_000) {
      setInvalid('Custom instructions have at most 20,000 characters.');
      return;
    }
    setInvalid(null);
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      const saved = await api.updateConversation({
        id: conversation.id,
        model: chosen === '' ? null : chosen,
        systemPrompt: prompt.trim() === '' ? null : prompt,
      });
      onSaved(saved);
      setDone('Conversation settings saved.');
    } catch (failure) {
      setError(`Could not save: ${errorText(failure)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="conversation-settings card" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Conversation settings</h2>
      <form onSubmit={save} noValidate>
        <div className="field">
          <label htmlFor={ids.model}>Model for this conversation</label>
          <input
            id={ids.model}
            list={ids.models}
            spellCheck={false}
            value={model}
            placeholder={defaultModel ? `Default: ${defaultModel}` : 'Default from Settings'}
            aria-describedby={`${ids.model}-hint`}
            onChange={(e) => setModel(e.target.value)}
          />
          <datalist id={ids.models}>
            {models.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <p id={`${ids.model}-hint`} className="field-hint">
            Leave empty to use the model chosen in Settings.
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.prompt}>Custom instructions</label>
          <textarea
            id={ids.prompt}
            rows={4}
            value={prompt}
            aria-describedby={`${ids.prompt}-hint`}
            onChange={(e) => setPrompt(e.target.value)}
          />
          <p id={`${ids.prompt}-hint`} className="field-hint">
            Added to what Aide is told before every answer in this conversation, e.g. “Answer in German” or “Keep it
            short”.
          </p>
        </div>
        {invalid && <p className="field-error">{invalid}</p>}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Save
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
      {error && (
        <div role="alert" className="alert">
          <p>{error}</p>
        </div>
      )}
      {done && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
    </section>
  );
}
