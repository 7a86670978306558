// Quick-add parser benchmark (`npm run bench:quickadd`): accuracy (exact whole-result match) on
// the labelled set and on the held-out set, and time per phrase against chrono-node's own
// `chrono.parse` on the same phrases in the same run (dates only: no title, intent or RRULE), as
// rows in out/bench/quick-add.json. Prints numbers; asserts none.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import * as chrono from 'chrono-node';
import { it } from 'vitest';
import { parseQuickAdd, type QuickAddResult } from '../../main/core/quick-add/parse';
import { median, quantile, recordRows } from './report';

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
  const ours = (input: (typeof inputs)[number]) => parseQuickAdd(input.text, input.options);
  const theirs = (input: (typeof inputs)[number]) => chrono.parse(input.text, input.options.now, { forwardDate: true });
  const time = (parse: () => unknown, into: number[]) => {
    const t0 = process.hrtime.bigint();
    parse();
    into.push(Number(process.hrtime.bigint() - t0) / 1000);
  };
  for (const input of inputs) {
    // warm-up: JIT and zone caches
    ours(input);
    theirs(input);
  }
  const samples: number[] = [];
  const chronoSamples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const input of inputs) {
      // Alternate which goes first, so neither always runs on the other's warm caches.
      if (round % 2 === 0) {
        time(() => ours(input), samples);
        time(() => theirs(input), chronoSamples);
      } else {
        time(() => theirs(input), chronoSamples);
        time(() => ours(input), samples);
      }
    }
  }
  console.log(
    `quick-add time per phrase over ${samples.length} calls (${inputs.length} phrases × ${ROUNDS}): ` +
      `median ${median(samples).toFixed(1)} µs, p99 ${quantile(samples, 0.99).toFixed(1)} µs, max ${quantile(samples, 1).toFixed(1)} µs`,
  );
  const bench = 'Quick-add parse';
  const baselineLabel = "chrono-node's chrono.parse on the same phrases (dates only)";
  recordRows('quick-add', [
    {
      bench,
      metric: 'time per phrase, median',
      unit: 'µs',
      value: median(samples),
      baseline: median(chronoSamples),
      baselineLabel,
      runs: ROUNDS,
    },
    {
      bench,
      metric: 'time per phrase, p99',
      unit: 'µs',
      value: quantile(samples, 0.99),
      baseline: quantile(chronoSamples, 0.99),
      baselineLabel,
      runs: ROUNDS,
    },
  ]);
});
