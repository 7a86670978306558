// The price table Aide estimates costs with: US dollars per million tokens, per model. It ships
// with OpenAI's prices; the user corrects them or adds models. Models without a price show tokens only.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { PriceTable } from '../../../common/contract';
import { useAide } from '../aide-context';
import { SaveResult } from '../components/save-result';
import { errorText } from '../error-text';
import { useActionStatus } from '../use-action-status';
import { cellOf, priceColumns, rowsOf, validate, type Column, type Row } from './price-rows';
import { SaveButton } from '../components/save-button';

export function PricesSection() {
  const api = useAide();
  const status = useActionStatus();
  const prices = usePriceRows(status.fail);
  const { rows } = prices;
  const [problems, setProblems] = useState<string[]>([]);
  const [cells, setCells] = useState<Set<string>>(new Set());

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!rows) return;
    status.clear();
    const checked = validate(rows);
    if ('problems' in checked) {
      setProblems(checked.problems);
      setCells(checked.cells);
      return;
    }
    setProblems([]);
    setCells(new Set());
    void status.run(async () => {
      prices.show(await api.setPrices(checked.table));
      return 'Prices saved.';
    }, 'Could not save the prices');
  };

  return (
    <section className="card" aria-labelledby="prices-heading">
      <h2 id="prices-heading">Prices</h2>
      <p className="field-hint">
        US dollars per million tokens, used to estimate costs in Usage. Check them against OpenAI’s pricing page; models
        not in the table show their tokens without a cost.
      </p>
      {rows === null ? (
        <p className="empty">Loading…</p>
      ) : (
        <form onSubmit={save} noValidate>
          <PriceGrid rows={rows} cells={cells} onEdit={prices.edit} onRemove={prices.remove} />
          {rows.length === 0 && <p className="empty">No prices: costs will not be estimated.</p>}
          <div className="actions">
            <button type="button" onClick={prices.add}>
              Add model
            </button>
            <SaveButton busy={status.busy}>Save prices</SaveButton>
          </div>
        </form>
      )}
      {problems.length > 0 && (
        <div role="alert" className="alert">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
      <SaveResult status={status} />
    </section>
  );
}

/** The rows being edited: null until the table arrived, none when it could not be loaded. */
function usePriceRows(onLoadFailed: (message: string) => void) {
  const api = useAide();
  const nextKey = useRef(0);
  const [rows, setRows] = useState<Row[] | null>(null);
  const show = useCallback((table: PriceTable) => setRows(rowsOf(table, () => nextKey.current++)), []);

  useEffect(() => {
    let live = true;
    api.getPrices().then(
      (table) => live && show(table),
      (failure: unknown) => {
        if (!live) return;
        setRows([]);
        onLoadFailed(`Could not load the prices: ${errorText(failure)}`);
      },
    );
    return () => {
      live = false;
    };
  }, [api, show, onLoadFailed]);

  const edit = (key: number, column: Column, value: string) =>
    setRows((known) => known && known.map((row) => (row.key === key ? { ...row, [column]: value } : row)));
  const add = () =>
    setRows((known) => [
      ...(known ?? []),
      { key: nextKey.current++, model: '', input: '', cachedInput: '', output: '' },
    ]);
  const remove = (key: number) => setRows((known) => known && known.filter((row) => row.key !== key));

  return { rows, show, edit, add, remove };
}

interface GridProps {
  rows: Row[];
  /** The cells the last check refused (`cellOf`). */
  cells: Set<string>;
  onEdit(key: number, column: Column, value: string): void;
  onRemove(key: number): void;
}

function PriceGrid({ rows, cells, onEdit, onRemove }: GridProps) {
  return (
    <table className="prices">
      <thead>
        <tr>
          <th scope="col">Model</th>
          {priceColumns.map(({ column, label }) => (
            <th scope="col" key={column}>
              {label}
            </th>
          ))}
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => {
          const name = `row ${index + 1}`;
          const invalid = (column: Column) => (cells.has(cellOf(row, column)) ? true : undefined);
          return (
            <tr key={row.key}>
              <td>
                <input
                  aria-label={`Model, ${name}`}
                  spellCheck={false}
                  value={row.model}
                  aria-invalid={invalid('model')}
                  onChange={(e) => onEdit(row.key, 'model', e.target.value)}
                />
              </td>
              {priceColumns.map(({ column, label }) => (
                <td key={column}>
                  <input
                    aria-label={`${label} $ per 1M tokens, ${name}`}
                    inputMode="decimal"
                    className="price"
                    value={row[column]}
                    aria-invalid={invalid(column)}
                    onChange={(e) => onEdit(row.key, column, e.target.value)}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  className="icon"
                  aria-label={row.model.trim() ? `Remove ${row.model.trim()}` : `Remove ${name}`}
                  onClick={() => onRemove(row.key)}
                >
                  Remove
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
