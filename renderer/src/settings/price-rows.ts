// The price table as rows of text the user edits, and the check that turns them back into a table
// (or says, per row and cell, what keeps it from being saved).
import type { PriceTable } from '../../../common/contract';
import { decimalNumber } from '../typed-number';

export interface Row {
  /** React's key for the row; rows have no other identity while their model is being typed. */
  key: number;
  model: string;
  input: string;
  cachedInput: string;
  output: string;
}

export type Column = 'model' | 'input' | 'cachedInput' | 'output';

export const priceColumns: { column: Exclude<Column, 'model'>; label: string }[] = [
  { column: 'input', label: 'Input' },
  { column: 'cachedInput', label: 'Cached input' },
  { column: 'output', label: 'Output' },
];

export const cellOf = (row: Row, column: Column): string => `${row.key}:${column}`;

export function rowsOf(table: PriceTable, nextKey: () => number): Row[] {
  return Object.entries(table).map(([model, price]) => ({
    key: nextKey(),
    model,
    input: String(price.input),
    cachedInput: price.cachedInput === null ? '' : String(price.cachedInput),
    output: String(price.output),
  }));
}

/** The table, or the problems that keep it from being saved (and which cells have them). */
export function validate(rows: Row[]): { table: PriceTable } | { problems: string[]; cells: Set<string> } {
  const problems: string[] = [];
  const cells = new Set<string>();
  const table: PriceTable = {};
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const where = `Row ${index + 1}`;
    const model = row.model.trim();
    if (model === '' || model.length > 200) {
      problems.push(`${where}: enter the model’s name.`);
      cells.add(cellOf(row, 'model'));
    } else if (seen.has(model)) {
      problems.push(`${where}: ${model} is already in the table.`);
      cells.add(cellOf(row, 'model'));
    }
    seen.add(model);
    const input = decimalNumber(row.input);
    const output = decimalNumber(row.output);
    const cached = row.cachedInput.trim() === '' ? null : decimalNumber(row.cachedInput);
    if (input === null) cells.add(cellOf(row, 'input'));
    if (output === null) cells.add(cellOf(row, 'output'));
    if (cached === null && row.cachedInput.trim() !== '') cells.add(cellOf(row, 'cachedInput'));
    if (input === null || output === null || (cached === null && row.cachedInput.trim() !== '')) {
      problems.push(`${where}: prices are numbers of dollars, like 2.50 (cached input may be left empty).`);
    }
    if (input !== null && output !== null) {
      table[model] = { input, cachedInput: cached, output };
    }
  });
  return problems.length > 0 ? { problems, cells } : { table };
}
