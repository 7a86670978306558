// Child-process fixtures for the kill tests: Node 20 cannot run TypeScript, so a fixture is
// bundled with its dependencies into one .mjs file in a temporary folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Bundles test/fixtures/<name>.ts; `file` is the script to run with node, `dispose` removes it. */
export async function bundleFixture(name: string): Promise<{ file: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `aide-${name}-`));
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    ssr: { noExternal: true },
    build: {
      ssr: join(root, `test/fixtures/${name}.ts`),
      outDir: dir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: `${name}.mjs` } },
    },
  });
  return { file: join(dir, `${name}.mjs`), dispose: () => rm(dir, { recursive: true, force: true }) };
}
