// Static security scan: Electronegativity over the sources (main/, preload/, renderer/) and the
// built output (out/), read through its JS API because its CLI exits 0 whatever it finds. Fails on
// any finding, or any file it could not parse, that .electronegativity-allow.json does not list
// with a reason. `node scripts/electronegativity.mjs [--json]`; needs `npm run build` first.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const ELECTRON_VERSION = '45.5.0';
const scanned = ['main', 'preload', 'renderer', 'out', 'package.json'];
// Compares the Electron version with the release list it downloads from GitHub: no network here,
// and `npm ls electron` plus the pinned version in package.json already say which one we ship.
const excludedChecks = ['AvailableSecurityFixesGlobalCheck'];

const allowList = JSON.parse(readFileSync(join(root, '.electronegativity-allow.json'), 'utf8'));
for (const entry of allowList.allowed) {
  if (typeof entry.id !== 'string' || typeof entry.file !== 'string' || !(entry.reason?.length >= 20)) {
    console.error(`electronegativity: allow-list entry without an id, a file and a reason: ${JSON.stringify(entry)}`);
    process.exit(2);
  }
}

if (!existsSync(join(root, 'out/main/index.js'))) {
  console.error('electronegativity: out/ is missing; run `npx electron-vite build` first.');
  process.exit(2);
}

// One tree, so the global checks (CSP, navigation limits, permission handler) see main and the
// renderer together, as they ship; node_modules is never scanned.
const tree = mkdtempSync(join(tmpdir(), 'aide-electronegativity-'));
for (const entry of scanned) {
  cpSync(join(root, entry), join(tree, entry), { recursive: true, filter: (path) => !path.includes('node_modules') });
}

// The tool looks for translations online (1 s timeout) unless the locale is its default.
process.env.LANG = 'en-US';
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
const quiet = console.log;
console.log = () => undefined;
let result;
try {
  result = await run({
    input: tree,
    electronVersionOverride: ELECTRON_VERSION,
    isRelative: true,
    customScan: [],
    excludeFromScan: excludedChecks,
    parserPlugins: [],
  });
} finally {
  console.log = quiet;
  rmSync(tree, { recursive: true, force: true });
}

const findings = result.issues.map((issue) => ({
  id: issue.id,
  file: issue.file,
  line: issue.location?.line ?? 0,
  severity: issue.severity?.name ?? 'unknown',
  confidence: issue.confidence?.name ?? 'unknown',
  description: String(issue.description ?? ''),
}));
const isAllowed = (finding) =>
  allowList.allowed.some((entry) => entry.id === finding.id && entry.file === finding.file);
const unexpected = findings.filter((finding) => !isAllowed(finding));
const unparsed = result.errors.filter((error) => !error.tolerable);
const unused = allowList.allowed.filter((entry) => !findings.some((f) => f.id === entry.id && f.file === entry.file));

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      { checks: result.atomicChecks + result.globalChecks, findings, unexpected, unparsed, unused },
      null,
      2,
    ),
  );
} else {
  console.log(
    `electronegativity ${ELECTRON_VERSION}: ${result.atomicChecks + result.globalChecks} checks, ` +
      `${findings.length} findings, ${findings.length - unexpected.length} allowed with a reason, ${unexpected.length} not allowed`,
  );
  for (const f of unexpected) console.log(`  NOT ALLOWED ${f.id} ${f.file}:${f.line} (${f.severity}, ${f.confidence})`);
  for (const e of unparsed) console.log(`  COULD NOT PARSE ${e.file}: ${e.message}`);
  for (const entry of unused) console.log(`  note: allow-list entry no longer needed: ${entry.id} ${entry.file}`);
}
process.exit(unexpected.length > 0 || unparsed.length > 0 ? 1 : 0);
