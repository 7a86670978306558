// `npm run -s quickadd -- [--now ISO] [--tz ZONE] [--batch] "text"`: the offline quick-add parser
// from the command line. Node 20 cannot run TypeScript, so the CLI is bundled once into
// out/quickadd/ (vite, build output to stderr only) and rebuilt when a source is newer.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'out', 'quickadd');
const bundle = join(outDir, 'cli.mjs');
const sources = [
  ...['main/core/quick-add', 'main/core/reminders'].flatMap((dir) =>
    readdirSync(join(root, dir)).map((name) => join(root, dir, name)),
  ),
  join(root, 'package-lock.json'),
  fileURLToPath(import.meta.url),
];

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

async function build() {
  const { build: viteBuild } = await import('vite');
  // A private folder per process, renamed into place: two first runs at once cannot mix files.
  const tmp = join(outDir, `.build-${process.pid}`);
  try {
    await viteBuild({
      configFile: false,
      root,
      logLevel: 'silent',
      // Dependencies go into the one file too: a single module loads faster than luxon's and chrono's many.
      ssr: { noExternal: true },
      build: {
        ssr: join(root, 'main/core/quick-add/cli.ts'),
        outDir: tmp,
        emptyOutDir: true,
        target: 'node20',
        minify: false,
        rollupOptions: { output: { entryFileNames: 'cli.mjs', format: 'es' } },
      },
    });
    mkdirSync(outDir, { recursive: true });
    renameSync(join(tmp, 'cli.mjs'), bundle);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const built = mtime(bundle);
if (built < 0 || sources.some((path) => mtime(path) > built)) {
  try {
    await build();
  } catch (error) {
    console.error(`quickadd: building the CLI failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

const { runQuickAddCli } = await import(pathToFileURL(bundle).href);
const code = await runQuickAddCli(process.argv.slice(2), {
  stdin: process.stdin,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
