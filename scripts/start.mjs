// `npm start`: checks that the Electron binary is present (it cannot be downloaded on machines
// without internet access) before spending time on a build, then builds and runs Aide in Electron.
// AIDE_ELECTRON_DIR overrides where the electron package lives, so tests can point at an empty one.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = process.env.AIDE_ELECTRON_DIR || join(root, 'node_modules', 'electron');

/** Where electron's own index.js would look, without its download-on-first-use fallback. */
function electronBinary() {
  if (process.env.ELECTRON_EXEC_PATH) {
    return existsSync(process.env.ELECTRON_EXEC_PATH) ? process.env.ELECTRON_EXEC_PATH : null;
  }
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (binary === null) {
  console.error(
    [
      'Aide: the Electron binary is not installed, and it cannot be downloaded on this machine.',
      '  To run the desktop app, get the binary on a machine with internet access:',
      '    npx install-electron',
      '  (or copy node_modules/electron/dist and node_modules/electron/path.txt from such a machine).',
      '  To use Aide right now without Electron, run:',
      '    npm run web',
      '  which runs Aide in your browser.',
    ].join('\n'),
  );
  process.exit(1);
}

// A terminal inside another Electron app (VS Code) may export ELECTRON_RUN_AS_NODE, which would
// start Electron as plain Node and never open a window.
const env = { ...process.env, ELECTRON_EXEC_PATH: binary };
delete env.ELECTRON_RUN_AS_NODE;
const preview = spawn(
  process.execPath,
  [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'preview', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => preview.kill(signal));
preview.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
