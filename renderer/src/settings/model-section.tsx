// Which server and model Aide talks to. Checked against the contract's schema before it is sent.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { SettingsPatch, type Settings } from '../../../common/contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';

type Field = 'baseUrl' | 'model';

const hints: Record<Field, string> = {
  baseUrl: 'Enter a full URL, like https://api.openai.com/v1.',
  model: 'Enter a model name, like gpt-4o-mini.',
};

interface Props {
  settings: Settings;
  onChange(settings: Settings): void;
  /** Put the cursor in Base URL on arrival (from "Use a local model instead"). */
  focusBaseUrl?: boolean;
}

export function ModelSection({ settings, onChange, focusBaseUrl = false }: Props) {
  const api = useAide();
  const baseUrlInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!focusBaseUrl) return;
    baseUrlInput.current?.focus();
    baseUrlInput.current?.scrollIntoView?.({ block: 'center' });
  }, [focusBaseUrl]);
  const ids = { baseUrl: useId(), model: useId(), models: useId() };
  const [baseUrl, setBaseUrl] = useState(settings.baseUrl);
  const [model, setModel] = useState(settings.model);
  const [models, setModels] = useState<string[]>([]);
  const [invalid, setInvalid] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await action());
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const patch = SettingsPatch.safeParse({ baseUrl, model });
    if (!patch.success) {
      const fields = new Set(patch.error.issues.map((issue) => issue.path[0]));
      setInvalid({
        baseUrl: fields.has('baseUrl') ? hints.baseUrl : undefined,
        model: fields.has('model') ? hints.model : undefined,
      });
      return;
    }
    setInvalid({});
    void run(async () => {
      onChange(await api.updateSettings(patch.data));
      return 'Settings saved.';
    });
  };

  const loadModels = () =>
    void run(async () => {
      const result = await api.listModels();
      if (!result.ok) {
        setError(result.error.message);
        return null;
      }
      setModels(result.models);
      return `${result.models.length} models available.`;
    });

  const fieldProps = (field: Field) => ({
    id: ids[field],
    'aria-invalid': invalid[field] ? true : undefined,
    'aria-describedby': invalid[field] ? `${ids[field]}-error` : undefined,
  });

  return (
    <section className="card" aria-labelledby="model-heading">
      <h2 id="model-heading">Server and model</h2>
      <form onSubmit={save} noValidate>
        <div className="field">
          <label htmlFor={ids.baseUrl}>Base URL</label>
          <input
            {...fieldProps('baseUrl')}
            ref={baseUrlInput}
            type="url"
            spellCheck={false}
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
          />
          {invalid.baseUrl ? (
            <p id={`${ids.baseUrl}-error`} className="field-error">
              {invalid.baseUrl}
            </p>
          ) : (
            <p className="field-hint">
              For a model on this computer, use its OpenAI-compatible address, e.g. http://localhost:11434/v1 for Ollama
              or http://localhost:1234/v1 for LM Studio.
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={ids.model}>Model</label>
          <div className="inline">
            <input
              {...fieldProps('model')}
              list={ids.models}
              spellCheck={false}
              value={model}
              onChange={(e) => setModel(e.target.value)}
            />
            <button type="button" onClick={loadModels} disabled={busy}>
              Load models
            </button>
          </div>
          <datalist id={ids.models}>
            {models.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          {invalid.model && (
            <p id={`${ids.model}-error`} className="field-error">
              {invalid.model}
            </p>
          )}
        </div>
        <button type="submit" className="primary" disabled={busy}>
          Save settings
        </button>
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
