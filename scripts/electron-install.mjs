// Runs Electron's own installer (node_modules/electron/install.js, the same script that
// `npx install-electron` and electron's index.js run) for `npm start`, with three additions:
//  - a proxy in HTTPS_PROXY / HTTP_PROXY (any case, or npm's proxy settings) is used: Node 20's
//    fetch ignores those variables, and @electron/get only installs undici's EnvHttpProxyAgent
//    when ELECTRON_GET_USE_PROXY is set, so we set it;
//  - a download that makes no progress is stopped (see `inactivityMs`), so a mirror that accepts
//    a connection and never answers ends in a message instead of a hang;
//  - the failure comes back as one line (no stack trace), with the progress shown meanwhile.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath } from 'node:url';

const preload = fileURLToPath(new URL('./electron-install-preload.cjs', import.meta.url));
export const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';

/** The download server @electron/get will use (same variables, same order as its mirrorVar). */
export function electronMirror(env = process.env) {
  return (
    env.npm_config_electron_mirror ||
    env.NPM_CONFIG_ELECTRON_MIRROR ||
    env.npm_package_config_electron_mirror ||
    env.ELECTRON_MIRROR ||
    DEFAULT_MIRROR
  );
}

/** The proxy settings to hand to the installer, or null when none is configured. */
export function proxyEnv(env = process.env) {
  const first = (...names) => names.map((name) => env[name]).find(Boolean);
  // undici's EnvHttpProxyAgent reads http(s)_proxy / HTTP(S)_PROXY / no_proxy / NO_PROXY.
  // GLOBAL_AGENT_* are what older Electron versions (global-agent) read; npm_config_* come from
  // `npm config set proxy/https-proxy/noproxy` when started through npm.
  const https = first('https_proxy', 'HTTPS_PROXY', 'GLOBAL_AGENT_HTTPS_PROXY', 'npm_config_https_proxy');
  const http = first('http_proxy', 'HTTP_PROXY', 'GLOBAL_AGENT_HTTP_PROXY', 'npm_config_proxy');
  const noProxy = first('no_proxy', 'NO_PROXY', 'GLOBAL_AGENT_NO_PROXY', 'npm_config_noproxy');
  if (!https && !http) return null;
  const out = { ELECTRON_GET_USE_PROXY: env.ELECTRON_GET_USE_PROXY || '1' };
  if (https) out.HTTPS_PROXY = out.https_proxy = https;
  if (http) out.HTTP_PROXY = out.http_proxy = http;
  if (noProxy) out.NO_PROXY = out.no_proxy = noProxy;
  return out;
}

/** A proxy URL fit to print: any user name and password hidden. */
export function redactProxy(url) {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = '***';
      parsed.password = '';
    }
    return parsed.href;
  } catch {
    return '(unparsable proxy setting)';
  }
}

/** Bytes and files under `dir` (0 when it does not exist); entries vanishing mid-walk are skipped. */
function measure(dir) {
  let bytes = 0;
  let files = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return { bytes, files };
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = measure(path);
      bytes += inner.bytes;
      files += inner.files;
    } else {
      try {
        bytes += statSync(path).size;
        files += 1;
      } catch {
        // moved into the cache or deleted between readdir and stat
      }
    }
  }
  return { bytes, files };
}

/** The one line that says why the installer failed, from what it wrote to stderr. */
export function failureReason(stderr, code, signal) {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !/^at\s/.test(line));
  const error = lines.find((line) => /^[A-Za-z]*Error\b/.test(line));
  const reason = (error ?? lines.at(-1) ?? '').replace(/^[A-Za-z]*Error:\s*/, '');
  if (reason) return reason.length > 400 ? `${reason.slice(0, 400)}…` : reason;
  return signal ? `the installer was killed (${signal})` : `the installer exited with code ${code}`;
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * Runs `<electronDir>/install.js`. Resolves to { ok: true } or { ok: false, reason, interrupted? }
 * (interrupted: the signal, when the user stopped it); never rejects.
 *
 * `inactivityMs` bounds the time without progress, not the total time: a real download is about
 * 100 MB and may rightly take many minutes on a slow line, but a healthy one never goes long
 * without a byte. Progress is watched from outside the installer, in the only places it writes:
 * its temporary directory (the zip being downloaded; TMPDIR/TMP/TEMP point to a fresh directory
 * for it) and `<electronDir>/dist` (the unpacking). A refused or unresolvable mirror fails within
 * a second on its own; a blackholed one within undici's 10 s connect timeout; a mirror that
 * accepts but never answers (undici would wait 300 s for headers) is stopped after `inactivityMs`.
 */
export function runElectronInstaller({ electronDir, env = process.env, inactivityMs, log = process.stderr }) {
  const installer = join(electronDir, 'install.js');
  if (!existsSync(installer)) {
    return Promise.resolve({
      ok: false,
      reason: `Electron's installer (${installer}) is missing; \`npm ci\` puts it back`,
    });
  }
  const temp = mkdtempSync(join(tmpdir(), 'aide-electron-download-'));
  const dist = join(electronDir, 'dist');
  const child = spawn(process.execPath, ['--require', preload, installer], {
    cwd: electronDir,
    env: { ...env, ...proxyEnv(env), TMPDIR: temp, TMP: temp, TEMP: temp },
    // stdout is the installer's own; stderr is kept, to turn a failure into one line (its
    // progress bar needs a terminal and only appears after 30 s, so the progress shown is ours).
    stdio: ['ignore', 'inherit', 'pipe'],
  });

  let stderr = '';
  let lastActivity = Date.now();
  let stalled = false;
  let last = { download: -1, unpacked: -1 };
  let lastPrinted = 0;
  let inline = false;
  const tty = Boolean(log.isTTY);
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    lastActivity = Date.now();
  });

  const showProgress = (text) => {
    if (tty) {
      inline = true;
      log.write(`\r  ${text}\u001b[K`);
    } else if (Date.now() - lastPrinted >= 10_000) {
      lastPrinted = Date.now();
      log.write(`  ${text}\n`);
    }
  };

  const watch = setInterval(
    () => {
      const download = measure(temp).bytes;
      const unpacked = measure(dist).files;
      if (download !== last.download || unpacked !== last.unpacked) {
        if (last.download !== -1) {
          lastActivity = Date.now();
          if (unpacked !== last.unpacked && unpacked > 0) showProgress(`unpacking: ${unpacked} files`);
          else if (download > 0) showProgress(`downloaded ${mb(download)}`);
        }
        last = { download, unpacked };
      }
      if (Date.now() - lastActivity > inactivityMs) {
        stalled = true;
        clearInterval(watch);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 2000).unref();
      }
    },
    Math.min(500, Math.max(50, inactivityMs / 4)),
  );

  // Ctrl-C reaches the installer too (same process group); wait for it, then clean up.
  let interrupted = null;
  const onSignal = (signal) => {
    interrupted = signal;
    child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, onSignal);

  return new Promise((resolve) => {
    const finish = (result) => {
      for (const signal of ['SIGINT', 'SIGTERM']) process.off(signal, onSignal);
      clearInterval(watch);
      if (inline) log.write('\n');
      rmSync(temp, { recursive: true, force: true });
      resolve(result);
    };
    child.on('error', (error) => finish({ ok: false, reason: `could not run the installer: ${error.message}` }));
    child.on('close', (code, signal) => {
      if (interrupted) {
        finish({ ok: false, reason: `interrupted (${interrupted})`, interrupted });
      } else if (stalled) {
        finish({
          ok: false,
          reason: `no progress for ${Math.round(inactivityMs / 1000)} s (no answer from the server), so the download was stopped`,
        });
      } else if (code === 0) {
        if (stderr.trim()) log.write(stderr);
        finish({ ok: true });
      } else {
        if (env.DEBUG) log.write(stderr);
        finish({ ok: false, reason: failureReason(stderr, code, signal) });
      }
    });
  });
}

/** The version of the electron package in `electronDir`, or null. */
export function electronVersion(electronDir) {
  try {
    return JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version ?? null;
  } catch {
    return null;
  }
}
