// The price table Aide estimates costs with: US dollars per million tokens, per model. It ships
// with OpenAI's prices; the user corrects them or adds models. Models without a price show tokens only.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PriceTable } from '../../../common/contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';

interface Row {
  key: number;
  model: string;
  input: string;
  cachedInput: string;
  output: string;
}

type Column = 'model' | 'input' | 'cachedInput' | 'output';

const columns: { column: Exclude<Column, 'model'>; label: string }[] = [
  { column: 'input', label: 'Input' },
  { column: 'cachedInput', label: 'Cached input' },
  { column: 'output', label: 'Output' },
];

const decimal = /^(\d+(\.\d*)?|\.\d+)$/;

function parsePrice(text: string): number | null {
  const trimmed = text.trim();
  return decimal.test(trimmed) ? Number(trimmed) : null;
}

/** The table, or the problems that keep it from being saved (and which cells have them). */
function validate(rows: Row[]): { table: PriceTable } | { problems: string[]; cells: Set<string> } {
  const problems: string[] = [];
  const cells = new Set<string>();
  const table: PriceTable = {};
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const where = `Row ${index + 1}`;
    const model = row.model.trim();
    if (model === '' || model.length > 200) {
      problems.push(`${where}: enter the model’s name.`);
      cells.add(`${row.key}:model`);
    } else if (seen.has(model)) {
      problems.push(`${where}: ${model} is already in the table.`);
      cells.add(`${row.key}:model`);
    }
    seen.add(model);
    const input = parsePrice(row.input);
    const output = parsePrice(row.output);
    const cached = row.cachedInput.trim() === '' ? null : parsePrice(row.cachedInput);
    if (input === null) cells.add(`${row.key}:input`);
    if (output === null) cells.add(`${row.key}:output`);
    if (cached === null && row.cachedInput.trim() !== '') cells.add(`${row.key}:cachedInput`);
    if (input === null || output === null || (cached === null && row.cachedInput.trim() !== '')) {
      problems.push(`${where}: prices are numbers of dollars, like 2.50 (cached input may be left empty).`);
    }
    if (input !== null && output !== null) {
      table[model] = { input, cachedInput: cached, output };
    }
  });
  return problems.length > 0 ? { problems, cells } : { table };
}

export function PricesSection() {
  const api = useAide();
  const nextKey = useRef(0);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [cells, setCells] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toRows = (table: PriceTable): Row[] =>
    Object.entries(table).map(([model, price]) => ({
      key: nextKey.current++,
      model,
      input: String(price.input),
      cachedInput: price.cachedInput === null ? '' : String(price.cachedInput),
      output: String(price.output),
    }));

  useEffect(() => {
    let live = true;
    api.getPrices().then(
      (table) => live && setRows(toRows(table)),
      (failure: unknown) => {
        if (!live) return;
        setRows([]);
        setError(`Could not load the prices: ${errorText(failure)}`);
      },
    );
    return () => {
      live = false;
    };
  }, [api]);

  const edit = (key: number, column: Column, value: string) =>
    setRows((known) => known && known.map((row) => (row.key === key ? { ...row, [column]: value } : row)));

  const add = () =>
    setRows((known) => [
      ...(known ?? []),
      { key: nextKey.current++, model: '', input: '', cachedInput: '', output: '' },
    ]);

  const remove = (key: number) => setRows((known) => known && known.filter((row) => row.key !== key));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!rows) return;
    setDone(null);
    setError(null);
    const checked = validate(rows);
    if ('problems' in checked) {
      setProblems(checked.problems);
      setCells(checked.cells);
      return;
    }
    setProblems([]);
    setCells(new Set());
    setBusy(true);
    try {
      setRows(toRows(await api.setPrices(checked.table)));
      setDone('Prices saved.');
    } catch (failure) {
      setError(`Could not save the prices: ${errorText(failure)}`);
    } finally {
      setBusy(false);
    }
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
          <table className="prices">
            <thead>
              <tr>
                <th scope="col">Model</th>
                {columns.map(({ column, label }) => (
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
                const invalid = (column: Column) => (cells.has(`${row.key}:${column}`) ? true : undefined);
                return (
                  <tr key={row.key}>
                    <td>
                      <input
                        aria-label={`Model, ${name}`}
                        spellCheck={false}
                        value={row.model}
                        aria-invalid={invalid('model')}
                        onChange={(e) => edit(row.key, 'model', e.target.value)}
                      />
                    </td>
                    {columns.map(({ column, label }) => (
                      <td key={column}>
                        <input
                          aria-label={`${label} $ per 1M tokens, ${name}`}
                          inputMode="decimal"
                          className="price"
                          value={row[column]}
                          aria-invalid={invalid(column)}
                          onChange={(e) => edit(row.key, column, e.target.value)}
                        />
                      </td>
                    ))}
                    <td>
                      <button
                        type="button"
                        className="icon"
                        aria-label={row.model.trim() ? `Remove ${row.model.trim()}` : `Remove ${name}`}
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
          {rows.length === 0 && <p className="empty">No prices: costs will not be estimated.</p>}
          <div className="actions">
            <button type="button" onClick={add}>
              Add model
            </button>
            <button type="submit" className="primary" disabled={busy}>
              Save prices
            </button>
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
