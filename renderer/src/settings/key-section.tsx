// Saving, replacing and removing the OpenAI API key, and the reminder to rotate it. The key is only
// ever in the input until main has it.
import { useEffect } from 'react';
import type { KeyStatus, Settings } from '../../../common/contract';
import { useAide } from '../aide-context';
import { Alert } from '../components/alert';
import { SaveResult } from '../components/save-result';
import { KeyStatusLine } from './key-status-line';
import { RotationField } from './rotation-field';
import { useSaveKey } from './use-save-key';
import { SaveButton } from '../components/save-button';

interface Props {
  settings: Settings;
  onKeyChange(status: KeyStatus): void;
  onChange(settings: Settings): void;
  /** Put the cursor in the key field on arrival (after the key was rejected). */
  focusKey?: boolean;
}

export function KeySection({ settings, onKeyChange, onChange, focusKey = false }: Props) {
  const api = useAide();
  const status = settings.key;
  const key = useSaveKey(onKeyChange);
  const { input } = key;
  useEffect(() => {
    if (focusKey) input.current?.focus();
  }, [focusKey, input]);

  const remove = () =>
    void key.run(async () => {
      onKeyChange(await api.removeKey());
      return 'Key removed.';
    });

  return (
    <section className="card" aria-labelledby="key-heading">
      <h2 id="key-heading">API key</h2>
      <KeyStatusLine status={status} rotationDays={settings.keyRotationDays} />
      <Alert message={status.problem} />
      {status.source === 'environment' ? (
        <p>
          The key comes from the environment, so it cannot be changed here. To change or remove it, change the
          environment variable OPENAI_API_KEY and restart Aide.
        </p>
      ) : (
        <form onSubmit={key.save} className="field-row">
          <label htmlFor="api-key">OpenAI API key</label>
          <input
            id="api-key"
            ref={key.input}
            type="password"
            autoComplete="off"
            spellCheck={false}
            aria-describedby="api-key-hint"
            placeholder={status.present ? 'Paste a new key to replace it' : 'sk-…'}
          />
          <p id="api-key-hint" className="field-hint">
            {status.present
              ? 'To replace the key, paste the new one and save: it is checked with OpenAI first, and the old key is only replaced once the new one works.'
              : 'The key is checked with OpenAI before it is saved in the system keychain.'}
          </p>
          <div className="actions">
            <SaveButton busy={key.busy}>Save key</SaveButton>
            <button type="button" onClick={remove} disabled={key.busy || !status.present}>
              Remove key
            </button>
          </div>
        </form>
      )}
      <SaveResult status={key} />
      <RotationField settings={settings} onChange={onChange} />
    </section>
  );
}
