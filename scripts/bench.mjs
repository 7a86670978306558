// `npm run bench`: builds the app, runs every benchmark (test/bench/*.bench-run.ts) one file at a
// time, then prints one table of all their rows and writes it as JSON to out/bench/results.json.
//
// Each row: the app's median over several runs, the baseline's median measured in the same run,
// and their ratio. Benchmarks print and record; they never fail on a number (timings are noisy).
// `npm run bench -- chat-render` runs only the files whose names contain "chat-render".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const resultsDir = join(root, 'out/bench');
const filter = process.argv[2] ?? '';
const files = readdirSync(join(root, 'test/bench'))
  .filter((name) => name.endsWith('.bench-run.ts') && name.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`No benchmark matches "${filter}".`);
  process.exit(1);
}

const run = (command, args, env = {}) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
};

// The Chromium benchmarks drive the built app.
if (run('npx', ['electron-vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1);

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const failed = [];
for (const file of files) {
  console.log(`\n▶ ${file}`);
  const status = run('npx', ['vitest', 'run', '--config', 'vitest.bench.config.ts', `test/bench/${file}`]);
  if (status !== 0) failed.push(file);
}

const rows = readdirSync(resultsDir)
  .filter((name) => name.endsWith('.json') && name !== 'results.json')
  .sort()
  .flatMap((name) => JSON.parse(readFileSync(join(resultsDir, name), 'utf8')));

const fmt = (v) =>
  v === null || !Number.isFinite(v) ? '—' : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
const ratioOf = (row) => (row.baseline === null || row.baseline === 0 ? null : row.value / row.baseline);

const table = [
  '| Benchmark | Measure | Aide | Baseline | Ratio | Aim | Runs |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((row) => {
    const ratio = ratioOf(row);
    const aim = row.aim ? `${row.aim} ${row.met === true ? '✓' : row.met === false ? '✗' : ''}`.trim() : '';
    const baseline = row.baseline === null ? '—' : `${fmt(row.baseline)} ${row.unit}${row.baselineLabel ? ` (${row.baselineLabel})` : ''}`;
    return `| ${row.bench} | ${row.metric} | ${fmt(row.value)} ${row.unit} | ${baseline} | ${ratio === null ? '—' : fmt(ratio)} | ${aim} | ${row.runs} |`;
  }),
].join('\n');

const machine = `${process.platform} ${process.arch}, Node ${process.versions.node}`;
writeFileSync(
  join(resultsDir, 'results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine, rows: rows.map((row) => ({ ...row, ratio: ratioOf(row) })) }, null, 2)}\n`,
);
console.log(`\n${table}\n`);
console.log(`${rows.length} rows from ${files.length} benchmark files; JSON: out/bench/results.json`);
if (failed.length > 0) {
  console.error(`Benchmarks that did not finish: ${failed.join(', ')}`);
  process.exit(1);
}
