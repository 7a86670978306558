// One conversation's own model and custom instructions, saved with updateConversation. An empty
// model means the one in Settings; empty instructions mean none.
import { useId, useState, type FormEvent } from 'react';
import type { ConversationSummary } from '../../../common/contract';
import { useAide } from '../aide-context';
import { ModelOptions, useModelSuggestions } from '../components/model-options';
import { SaveResult } from '../components/save-result';
import { useActionStatus } from '../use-action-status';
import { SaveButton } from '../components/save-button';

interface Props {
  conversation: ConversationSummary;
  /** The model from Settings, used when this conversation has none. */
  defaultModel: string | null;
  onSaved(summary: ConversationSummary): void;
  onClose(): void;
}

function problemWith(model: string, prompt: string): string | null {
  if (model.length > 200) return 'A model name has at most 200 characters.';
  if (prompt.length > 20_000) return 'Custom instructions have at most 20,000 characters.';
  return null;
}

export function ConversationSettings({ conversation, defaultModel, onSaved, onClose }: Props) {
  const api = useAide();
  const ids = { heading: useId(), model: useId(), models: useId(), prompt: useId() };
  const [model, setModel] = useState(conversation.model ?? '');
  const [prompt, setPrompt] = useState(conversation.systemPrompt ?? '');
  const models = useModelSuggestions();
  const [invalid, setInvalid] = useState<string | null>(null);
  const status = useActionStatus();

  const save = (event: FormEvent) => {
    event.preventDefault();
    const chosen = model.trim();
    const problem = problemWith(chosen, prompt);
    setInvalid(problem);
    if (problem !== null) return;
    void status.run(async () => {
      const saved = await api.updateConversation({
        id: conversation.id,
        model: chosen === '' ? null : chosen,
        systemPrompt: prompt.trim() === '' ? null : prompt,
      });
      onSaved(saved);
      return 'Conversation settings saved.';
    }, 'Could not save');
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
          <ModelOptions id={ids.models} models={models} />
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
          <SaveButton busy={status.busy}>Save</SaveButton>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
      <SaveResult status={status} />
    </section>
  );
}
