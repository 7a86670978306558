// The Usage view: totals, the CSV export and the price table.
import type { Handlers } from '../core-types';
import type { UsageService } from './usage-service';

export function usageOperations(usage: UsageService) {
  return {
    getUsage: async () => usage.summary(),
    exportUsageCsv: () => usage.exportCsv(),
    getPrices: async () => usage.getPrices(),
    setPrices: async (table) => usage.setPrices(table),
  } satisfies Partial<Handlers>;
}
