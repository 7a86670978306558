// The shared shape of benchmark results. Each benchmark file records its rows here; `npm run bench`
// (scripts/bench.mjs) gathers every file's rows into one table and one JSON file.
//
// A row is one measured quantity: the app's median over several runs, the baseline's median
// measured in the same run (a naive version, the raw library, or the small case), and their
// ratio. Nothing here asserts: timings on a shared machine are noisy.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const RESULTS_DIR = resolve(__dirname, '../../out/bench');

export interface BenchRow {
  /** The benchmark, e.g. "Streaming a 20,000-token answer". */
  bench: string;
  /** What was measured, e.g. "longest task". */
  metric: string;
  unit: 'ms' | 'µs' | 'MB' | 'frames' | 'count' | 'x';
  /** Median of `runs` runs of the app. */
  value: number;
  /** Median of the baseline measured in the same run, or null when there is none. */
  baseline: number | null;
  /** What the baseline is, e.g. "whole Markdown re-rendered per delta". */
  baselineLabel?: string;
  /** The aim from the issue, in words, e.g. "< 50 ms". */
  aim?: string;
  /** Whether the value meets the aim (informational; never fails anything). */
  met?: boolean;
  runs: number;
}

export function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function quantile(values: number[], q: number): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

export const ratio = (row: BenchRow): number | null =>
  row.baseline === null || row.baseline === 0 ? null : row.value / row.baseline;

/** Writes this file's rows to out/bench/<name>.json (read by scripts/bench.mjs) and prints them. */
export function recordRows(name: string, rows: BenchRow[]): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(rows, null, 2)}\n`);
  for (const row of rows) {
    const r = ratio(row);
    const base = row.baseline === null ? '' : ` | baseline ${fmt(row.baseline)} ${row.unit}${r === null ? '' : ` | ratio ${r.toFixed(2)}`}`;
    console.log(`${row.bench} — ${row.metric}: ${fmt(row.value)} ${row.unit}${base}${row.aim ? ` | aim ${row.aim}` : ''}`);
  }
}

export const fmt = (v: number): string =>
  !Number.isFinite(v) ? 'n/a' : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
