// Saving and removing the OpenAI API key. The key is only ever in the input until main has it.
import { useRef, useState, type FormEvent } from 'react';
import type { KeyStatus } from '../../../common/contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';
import { KeyStatusLine } from './key-status-line';

export function KeySection({ status, onChange }: { status: KeyStatus; onChange(status: KeyStatus): void }) {
  const api = useAide();
  // Uncontrolled on purpose: React mirrors a controlled input's value into the DOM attribute,
  // and the key must not linger anywhere in the page.
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

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
    const key = input.current?.value.trim() ?? '';
    if (key === '') {
      setError('Paste your OpenAI API key first.');
      return;
    }
    void run(async () => {
      const result = await api.saveKey({ key });
      if (!result.ok) {
        setError(result.error.message);
        return null;
      }
      if (input.current) input.current.value = '';
      onChange(result.key);
      return 'Key checked and saved.';
    });
  };

  const remove = () =>
    void run(async () => {
      onChange(await api.removeKey());
      return 'Key removed.';
    });

  return (
    <section className="card" aria-labelledby="key-heading">
      <h2 id="key-heading">API key</h2>
      <KeyStatusLine status={status} />
      {status.problem && (
        <div role="alert" className="alert">
          <p>{status.problem}</p>
        </div>
      )}
      {status.source === 'environment' ? (
        <p>
          The key comes from the environment, so it cannot be changed here. To change or remove it, change the
          environment variable OPENAI_API_KEY and restart Aide.
        </p>
      ) : (
        <form onSubmit={save} className="field-row">
          <label htmlFor="api-key">OpenAI API key</label>
          <input
            id="api-key"
            ref={input}
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder={status.present ? 'Paste a new key to replace it' : 'sk-…'}
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              Save key
            </button>
            <button type="button" onClick={remove} disabled={busy || !status.present}>
              Remove key
            </button>
          </div>
        </form>
      )}
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
