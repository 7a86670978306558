// Quick-add parser benchmark (`npm run bench:quickadd`): accuracy (exact whole-result match) on
// the labelled set and on the held-out set, and time per phrase. Prints numbers; asserts none.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { it } from 'vitest';
import { parseQuickAdd, type QuickAddResult } from '../../main/core/quick-add/parse';

interface Labelled {
  text: string;
  now: string;
  tz: string;
  expect: QuickAddResult;
}

const ROUNDS = 50;

function load(name: string): Labelled[] {
  return readFileSync(new URL(`../quick-add/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Labelled);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function accuracy(name: string, rows: Labelled[]): void {
  const misses = rows.filter(
    (row) => !isDeepStrictEqual(parseQuickAdd(row.text, { now: new Date(row.now), timeZone: row.tz }), row.expect),
  );
  const percent = (100 * (rows.length - misses.length)) / rows.length;
  console.log(`quick-add accuracy, ${name}: ${rows.length - misses.length}/${rows.length} = ${percent.toFixed(1)}%`);
  for (const row of misses) {
    const got = parseQuickAdd(row.text, { now: new Date(row.now), timeZone: row.tz });
    console.log(
      `  miss: "${row.text}" (${row.tz})\n    expected ${JSON.stringify(row.expect)}\n    got      ${JSON.stringify(got)}`,
    );
  }
}

it('quick-add parser: accuracy and time per phrase', () => {
  const labelled = load('phrases.jsonl');
  const holdout = load('holdout.jsonl');
  accuracy('labelled set (phrases.jsonl)', labelled);
  accuracy('held-out set (holdout.jsonl)', holdout);

  const inputs = [...labelled, ...holdout].map((row) => ({
    text: row.text,
    options: { now: new Date(row.now), timeZone: row.tz },
  }));
  for (const input of inputs) parseQuickAdd(input.text, input.options); // warm-up: JIT and zone caches
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const input of inputs) {
      const t0 = process.hrtime.bigint();
      parseQuickAdd(input.text, input.options);
      samples.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
  }
  samples.sort((a, b) => a - b);
  console.log(
    `quick-add time per phrase over ${samples.length} calls (${inputs.length} phrases × ${ROUNDS}): ` +
      `median ${quantile(samples, 0.5).toFixed(1)} µs, p99 ${quantile(samples, 0.99).toFixed(1)} µs, max ${quantile(samples, 1).toFixed(1)} µs`,
  );
});
