// Quick-add benchmark (`npm run bench:quickadd`): our parser against chrono-node's casual parser
// alone and Microsoft's Recognizers-Text date-time model, on the same labelled and held-out
// phrases — exact-match accuracy, confidently wrong answers (a reminder or appointment at a time
// the label does not have) and time per phrase — as rows in out/bench/quick-add.json. Prints
// numbers; asserts none (test/unit/quick-add-sets.test.ts holds the floors).
import { it } from 'vitest';
import { parseQuickAdd, type QuickAddResult } from '../../main/core/quick-add/parse';
import { SETS, score, type Labelled } from '../quick-add/sets';
import { chronoEngine, recognizersEngine } from './quick-add-engines';
import { median, quantile, recordRows, type BenchRow } from './report';

const ROUNDS = 30;

const ENGINES: { name: string; parse: (row: Labelled) => QuickAddResult; rounds: number }[] = [
  {
    name: 'Aide rules (+ chrono for month names)',
    parse: (row) => parseQuickAdd(row.text, { now: new Date(row.now), timeZone: row.tz }),
    rounds: ROUNDS,
  },
  { name: 'chrono-node casual alone', parse: chronoEngine, rounds: ROUNDS },
  // About a hundred times slower: fewer rounds keep the run short and still give a stable median.
  { name: 'Recognizers-Text date-time', parse: recognizersEngine, rounds: 3 },
];

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;

function timePerPhrase(parse: (row: Labelled) => QuickAddResult, rows: Labelled[], rounds: number): number[] {
  for (const row of rows) parse(row); // warm-up: JIT, zone caches, the recogniser's lazy tables
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const row of rows) {
      const t0 = process.hrtime.bigint();
      parse(row);
      samples.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
  }
  return samples;
}

it('quick-add engines: accuracy, confidently wrong, time per phrase', () => {
  const all = SETS.flatMap((set) => set.rows);
  const rows: BenchRow[] = [];
  const table: string[] = [];
  for (const engine of ENGINES) {
    const cells: string[] = [];
    for (const set of SETS) {
      const s = score(set.rows, engine.parse);
      cells.push(`${pct(s.correct, s.total)} / ${pct(s.confidentlyWrong, s.total)}`);
      const bench = `Quick-add ${set.name}`;
      rows.push(
        {
          bench,
          metric: `${engine.name}: correct`,
          unit: 'count',
          value: s.correct,
          baseline: s.total,
          baselineLabel: 'phrases',
          runs: 1,
        },
        {
          bench,
          metric: `${engine.name}: confidently wrong`,
          unit: 'count',
          value: s.confidentlyWrong,
          baseline: s.total,
          baselineLabel: 'phrases',
          aim: engine.rounds === ROUNDS && engine.name.startsWith('Aide') ? '0' : undefined,
          met: engine.name.startsWith('Aide') ? s.confidentlyWrong === 0 : undefined,
          runs: 1,
        },
      );
      if (engine.name.startsWith('Aide'))
        for (const { row, got } of s.misses)
          console.log(
            `  miss (${set.name}): "${row.text}" (${row.tz})\n    expected ${JSON.stringify(row.expect)}\n    got      ${JSON.stringify(got)}`,
          );
    }
    const samples = timePerPhrase(engine.parse, all, engine.rounds);
    const aide = engine.name.startsWith('Aide');
    rows.push(
      {
        bench: 'Quick-add parse',
        metric: `${engine.name}: time per phrase, median`,
        unit: 'µs',
        value: median(samples),
        baseline: null,
        aim: aide ? '< 1000 µs' : undefined,
        met: aide ? median(samples) < 1000 : undefined,
        runs: engine.rounds,
      },
      {
        bench: 'Quick-add parse',
        metric: `${engine.name}: time per phrase, p99`,
        unit: 'µs',
        value: quantile(samples, 0.99),
        baseline: null,
        aim: aide ? '< 5000 µs' : undefined,
        met: aide ? quantile(samples, 0.99) < 5000 : undefined,
        runs: engine.rounds,
      },
    );
    table.push(
      `| ${engine.name} | ${cells.join(' | ')} | ${median(samples).toFixed(0)} / ${quantile(samples, 0.99).toFixed(0)} µs |`,
    );
  }
  console.log(
    `\n| engine | ${SETS.map((s) => `${s.name} (${s.rows.length}): correct / confidently wrong`).join(' | ')} | per phrase, median / p99 |\n` +
      `| --- | ${SETS.map(() => '---').join(' | ')} | --- |\n${table.join('\n')}\n`,
  );
  recordRows('quick-add', rows);
});
