// The price table Aide ships with, in US dollars per million tokens (standard tier, no Batch discount).
// Compiled 2026-11-26 from OpenAI's pricing page and model pages (developers.openai.com/api/docs/pricing,
// …/docs/models/<id>), cross-checked against public tables that quote them. Prices change: users edit
// their own copy in Settings → Usage (setPrices), which replaces this one for them.
import type { PriceTable } from '../../../common/contract';

export const DEFAULT_PRICES: PriceTable = {
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  o3: { input: 2, cachedInput: 0.5, output: 8 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
};
