// Which server and model Aide talks to. Checked against the contract's schema before it is sent.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { SettingsPatch, type Settings } from '../../../common/contract';
import { useAide } from '../aide-context';
import { errorProps, FieldError } from '../components/field-note';
import { ModelOptions } from '../components/model-options';
import { SaveResult } from '../components/save-result';
import { useActionStatus } from '../use-action-status';
import { SaveButton } from '../components/save-button';

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
  const ids = { model: useId(), models: useId() };
  const [baseUrl, setBaseUrl] = useState(settings.baseUrl);
  const [model, setModel] = useState(settings.model);
  const [models, setModels] = useState<string[]>([]);
  const [invalid, setInvalid] = useState<Partial<Record<Field, string>>>({});
  const status = useActionStatus();

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
    void status.run(async () => {
      onChange(await api.updateSettings(patch.data));
      return 'Settings saved.';
    });
  };

  const loadModels = () =>
    void status.run(async () => {
      const result = await api.listModels();
      if (!result.ok) {
        status.fail(result.error.message);
        return null;
      }
      setModels(result.models);
      return `${result.models.length} models available.`;
    });

  return (
    <section className="card" aria-labelledby="model-heading">
      <h2 id="model-heading">Server and model</h2>
      <form onSubmit={save} noValidate>
        <BaseUrlField value={baseUrl} onChange={setBaseUrl} invalid={invalid.baseUrl} focus={focusBaseUrl} />
        <div className="field">
          <label htmlFor={ids.model}>Model</label>
          <div className="inline">
            <input
              id={ids.model}
              {...errorProps(ids.model, invalid.model)}
              list={ids.models}
              spellCheck={false}
              value={model}
              onChange={(e) => setModel(e.target.value)}
            />
            <button type="button" onClick={loadModels} disabled={status.busy}>
              Load models
            </button>
          </div>
          <ModelOptions id={ids.models} models={models} />
          {invalid.model && <FieldError fieldId={ids.model} message={invalid.model} />}
        </div>
        <SaveButton busy={status.busy}>Save settings</SaveButton>
      </form>
      <SaveResult status={status} />
    </section>
  );
}

function BaseUrlField(props: { value: string; onChange(value: string): void; invalid?: string; focus: boolean }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!props.focus) return;
    input.current?.focus();
    input.current?.scrollIntoView?.({ block: 'center' });
  }, [props.focus]);
  return (
    <div className="field">
      <label htmlFor={id}>Base URL</label>
      <input
        id={id}
        {...errorProps(id, props.invalid)}
        ref={input}
        type="url"
        spellCheck={false}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.invalid ? (
        <FieldError fieldId={id} message={props.invalid} />
      ) : (
        <p className="field-hint">
          For a model on this computer, use its OpenAI-compatible address, e.g. http://localhost:11434/v1 for Ollama or
          http://localhost:1234/v1 for LM Studio.
        </p>
      )}
    </div>
  );
}
