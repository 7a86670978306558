// `npm run web [-- --port N]`: builds Aide, then serves it to the browser from plain Node
// (no Electron binary needed). `--no-build` skips the build when out/ is current.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');

if (!skipBuild || !existsSync(`${root}/out/main/web.js`)) {
  const build = spawnSync(process.execPath, [`${root}/node_modules/electron-vite/bin/electron-vite.js`, 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) {
    console.error('Aide web: the build failed (see above).');
    process.exit(build.status ?? 1);
  }
}

const server = spawn(process.execPath, [`${root}/out/main/web.js`, ...args.filter((a) => a !== '--no-build')], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
