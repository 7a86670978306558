// The price table costs are estimated with: the shipped default until the user edits it, then
// theirs, kept in prices.json. Also the lookup (exact id, then longest known prefix) and the cost formula.
import { z } from 'zod';
import { PriceTable, type ModelPrice } from '../../../common/contract';
import type { StoreFactory } from '../core-options';
import { openCheckedStore } from '../storage/open-store';
import { DEFAULT_PRICES } from './default-prices';

/** `table` is null until the user saves one, so an update of the shipped prices reaches them. */
const PricesFile = z.object({ table: PriceTable.nullable() });
type PricesFile = z.output<typeof PricesFile>;

export interface TokenCounts {
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
}

export class PriceBook {
  private readonly write: (data: PricesFile) => void;
  private table: PriceTable;
  readonly notice: string | null;

  constructor(openStore: StoreFactory, dataDir: string) {
    const opened = openCheckedStore(
      openStore,
      { name: 'prices', cwd: dataDir, defaults: { table: null }, projectVersion: '1.0.0', migrations: {} },
      PricesFile,
    );
    this.write = opened.write;
    this.notice = opened.notice;
    this.table = opened.data.table ?? DEFAULT_PRICES;
  }

  get(): PriceTable {
    return this.table;
  }

  set(table: PriceTable): PriceTable {
    this.table = { ...table };
    this.write({ table: this.table });
    return this.table;
  }

  /** The price of a model, or null when the table does not know it. */
  priceOf(model: string): ModelPrice | null {
    return findPrice(this.table, model);
  }
}

/**
 * Exact id first, then the longest entry the id starts with at a "-" boundary: a dated snapshot
 * ("gpt-4o-mini-2024-07-18") costs what its model costs, and the longest match keeps it from
 * being priced as the shorter "gpt-4o". The boundary keeps "o3" from pricing a model named "o3x".
 */
export function findPrice(table: PriceTable, model: string): ModelPrice | null {
  // Own keys only: a model named "constructor" or "__proto__" must not find Object's members.
  if (Object.hasOwn(table, model)) return table[model]!;
  let best: string | null = null;
  for (const known of Object.keys(table)) {
    if (model.startsWith(`${known}-`) && (best === null || known.length > best.length)) best = known;
  }
  return best === null ? null : table[best]!;
}

/** US dollars: cached prompt tokens at the cached price (the input price when the table has none). */
export function costUsd(price: ModelPrice, tokens: TokenCounts): number {
  const cached = Math.min(tokens.cachedTokens, tokens.promptTokens);
  const uncached = tokens.promptTokens - cached;
  return (uncached * price.input + cached * (price.cachedInput ?? price.input) + tokens.completionTokens * price.output) / 1_000_000;
}
