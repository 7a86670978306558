// The price table: lookup by exact id and longest prefix, the cost formula with cached tokens, and
// the user's own table kept in prices.json.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES } from '../../main/core/usage/default-prices';
import { PriceBook, costUsd, findPrice } from '../../main/core/usage/prices';
import { openConfStore } from '../../main/core/storage/open-store';

describe('findPrice', () => {
  it('finds a model by its id, and a dated snapshot by the longest known prefix', () => {
    expect(findPrice(DEFAULT_PRICES, 'gpt-4o')).toEqual(DEFAULT_PRICES['gpt-4o']);
    expect(findPrice(DEFAULT_PRICES, 'gpt-4o-mini-2024-07-18')).toEqual(DEFAULT_PRICES['gpt-4o-mini']);
    expect(findPrice(DEFAULT_PRICES, 'gpt-4o-2024-08-06')).toEqual(DEFAULT_PRICES['gpt-4o']);
    expect(findPrice(DEFAULT_PRICES, 'gpt-4.1-nano-2025-04-14')).toEqual(DEFAULT_PRICES['gpt-4.1-nano']);
    expect(findPrice(DEFAULT_PRICES, 'gpt-5-mini-2025-08-07')).toEqual(DEFAULT_PRICES['gpt-5-mini']);
  });

  it('knows nothing of models not in the table', () => {
    expect(findPrice(DEFAULT_PRICES, 'llama3.2:3b')).toBeNull();
    expect(findPrice(DEFAULT_PRICES, 'o3x')).toBeNull();
    expect(findPrice({}, 'gpt-4o')).toBeNull();
  });

  it('ships prices for the current OpenAI models', () => {
    const models = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'o3', 'o4-mini', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano'];
    expect(Object.keys(DEFAULT_PRICES).sort()).toEqual([...models].sort());
    for (const price of Object.values(DEFAULT_PRICES)) {
      expect(price.output).toBeGreaterThan(price.input);
      expect(price.cachedInput ?? 0).toBeLessThan(price.input);
    }
  });
});

describe('costUsd', () => {
  it('charges cached prompt tokens at the cached price and the rest at the input price', () => {
    const price = { input: 2, cachedInput: 0.5, output: 8 };
    // 600k uncached × $2 + 400k cached × $0.50 + 100k × $8, per million
    expect(costUsd(price, { promptTokens: 1_000_000, cachedTokens: 400_000, completionTokens: 100_000 })).toBeCloseTo(1.2 + 0.2 + 0.8, 10);
  });

  it('charges cached tokens at the input price when the table has no cached price', () => {
    const price = { input: 1, cachedInput: null, output: 4 };
    expect(costUsd(price, { promptTokens: 1_000_000, cachedTokens: 500_000, completionTokens: 0 })).toBeCloseTo(1, 10);
  });
});

describe('PriceBook', () => {
  it('starts with the shipped table and keeps the user’s own across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aide-prices-'));
    const book = new PriceBook(openConfStore, dir);
    expect(book.get()).toEqual(DEFAULT_PRICES);
    book.set({ 'my-model': { input: 1, cachedInput: null, output: 2 } });
    const reopened = new PriceBook(openConfStore, dir);
    expect(reopened.get()).toEqual({ 'my-model': { input: 1, cachedInput: null, output: 2 } });
    expect(reopened.priceOf('my-model-v2')).toEqual({ input: 1, cachedInput: null, output: 2 });
    expect(reopened.priceOf('gpt-4o')).toBeNull();
  });
});

it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])('does not price a model named %s from Object.prototype', (model) => {
  expect(findPrice({ 'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 } }, model)).toBeNull();
});
