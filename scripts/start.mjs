// `npm start`: makes sure the Electron binary is there, then builds and runs Aide in Electron.
// Electron 45 downloads its binary on first use, not at `npm ci`; this runs Electron's own
// installer (node_modules/electron/install.js) up front, with progress shown, so that a download
// that cannot work (offline, a blocked or wrong mirror) ends within seconds in a message that
// says why and points to `npm run web`, instead of a stack trace after a build.
// Honoured: ELECTRON_MIRROR (and the other @electron/get mirror settings), HTTPS_PROXY /
// HTTP_PROXY / NO_PROXY (any case), electron_config_cache, ELECTRON_EXEC_PATH (use this binary).
// AIDE_ELECTRON_DIR overrides where the electron package lives (tests point it at a copy);
// AIDE_ELECTRON_INSTALL_TIMEOUT_MS is how long the download may go without progress (30 s).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronMirror, electronVersion, proxyEnv, redactProxy, runElectronInstaller } from './electron-install.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = process.env.AIDE_ELECTRON_DIR || join(root, 'node_modules', 'electron');
const inactivityMs = Number(process.env.AIDE_ELECTRON_INSTALL_TIMEOUT_MS) || 30_000;

/** Where electron's own index.js looks for the binary, or null when it is not there. */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function fail(lines) {
  console.error(
    [
      ...lines,
      '  To use Aide right now without Electron, run:',
      '    npm run web',
      '  which runs Aide in your browser.',
    ].join('\n'),
  );
  process.exit(1);
}

async function ensureBinary() {
  const fromEnv = process.env.ELECTRON_EXEC_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    fail([`Aide: ELECTRON_EXEC_PATH is ${fromEnv}, which does not exist. Unset it to use the Electron from npm.`]);
  }
  const installed = electronBinary();
  if (installed) return installed;

  const version = electronVersion(electronDir) ?? '?';
  const mirror = electronMirror();
  const proxy = proxyEnv();
  const via = proxy ? ` via proxy ${redactProxy(proxy.HTTPS_PROXY ?? proxy.HTTP_PROXY)}` : '';
  console.error(
    `Aide: the Electron binary is not installed yet. Downloading Electron ${version} ` +
      `(${process.platform}-${process.arch}, about 100 MB, once) from ${mirror}${via} …`,
  );
  const result = await runElectronInstaller({ electronDir, inactivityMs });
  if (result.interrupted) process.exit(130);
  const binary = electronBinary();
  if (binary) return binary;
  fail([
    `Aide: the Electron binary is not installed, and downloading it from ${mirror}${via} failed:`,
    `  ${result.ok ? `the installer finished but left no binary in ${join(electronDir, 'dist')}` : result.reason}`,
    '  With internet access, `npm start` downloads Electron by itself. If GitHub is blocked, set',
    '  ELECTRON_MIRROR to a mirror (e.g. https://npmmirror.com/mirrors/electron/); behind a proxy,',
    '  set HTTPS_PROXY (e.g. http://proxy.example:8080). Offline, copy node_modules/electron/dist and',
    '  node_modules/electron/path.txt from a machine where `npm start` works.',
  ]);
}

const binary = await ensureBinary();

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
