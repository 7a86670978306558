// Which models can see pictures: a model's name, or a prefix ending in "*", with a switch each. A
// model not listed may be sent pictures; one a server refused them for is added here switched off.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { VisionTable } from '../../../common/attachment-contract';
import { useAide } from '../aide-context';
import { SaveButton } from '../components/save-button';
import { SaveResult } from '../components/save-result';
import { errorText } from '../error-text';
import { useActionStatus } from '../use-action-status';

interface Row {
  key: number;
  model: string;
  sees: boolean;
}

export function VisionSection() {
  const api = useAide();
  const status = useActionStatus();
  const { rows, show, edit, add, remove } = useVisionRows(status.fail);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!rows) return;
    const named = rows.filter((row) => row.model.trim() !== '');
    const table: VisionTable = Object.fromEntries(named.map((row) => [row.model.trim(), row.sees]));
    void status.run(async () => {
      show(await api.setVisionTable(table));
      return 'Model capabilities saved.';
    }, 'Could not save the model capabilities');
  };

  return (
    <section className="card" aria-labelledby="vision-heading">
      <h2 id="vision-heading">Model capabilities</h2>
      <p className="field-hint">
        Which models can see pictures you attach. A name ending in * covers every model starting with it. A model not
        listed is sent the picture; if its server refuses, it is added here as not seeing pictures.
      </p>
      {rows === null ? (
        <p className="empty">Loading…</p>
      ) : (
        <form onSubmit={save} noValidate>
          <table className="prices">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Sees pictures</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => {
                const name = row.model.trim() || `row ${index + 1}`;
                return (
                  <tr key={row.key}>
                    <td>
                      <input
                        aria-label={`Model or prefix, row ${index + 1}`}
                        spellCheck={false}
                        value={row.model}
                        onChange={(e) => edit(row.key, { model: e.target.value })}
                      />
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${name} sees pictures`}
                        checked={row.sees}
                        onChange={(e) => edit(row.key, { sees: e.target.checked })}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="icon"
                        aria-label={`Remove ${name} from capabilities`}
                        onClick={() => remove(row.key)}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="actions">
            <button type="button" onClick={add}>
              Add another model
            </button>
            <SaveButton busy={status.busy}>Save capabilities</SaveButton>
          </div>
        </form>
      )}
      <SaveResult status={status} />
    </section>
  );
}

function useVisionRows(onLoadFailed: (message: string) => void) {
  const api = useAide();
  const nextKey = useRef(0);
  const [rows, setRows] = useState<Row[] | null>(null);
  const show = useCallback(
    (table: VisionTable) =>
      setRows(Object.entries(table).map(([model, sees]) => ({ key: nextKey.current++, model, sees }))),
    [],
  );

  useEffect(() => {
    let live = true;
    api.getVisionTable().then(
      (table) => live && show(table),
      (failure: unknown) => {
        if (!live) return;
        setRows([]);
        onLoadFailed(`Could not load the model capabilities: ${errorText(failure)}`);
      },
    );
    return () => {
      live = false;
    };
  }, [api, show, onLoadFailed]);

  const edit = (key: number, change: Partial<Row>) =>
    setRows((known) => known && known.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const add = () => setRows((known) => [...(known ?? []), { key: nextKey.current++, model: '', sees: true }]);
  const remove = (key: number) => setRows((known) => known && known.filter((row) => row.key !== key));
  return { rows, show, edit, add, remove };
}
