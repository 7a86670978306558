// `npm start` (scripts/start.mjs) when the Electron binary is missing: it runs Electron's own
// installer against the mirror (here always a local server, never the internet), and either
// launches the downloaded binary or ends, within seconds, in a message pointing to `npm run web`.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  electronPackageCopy,
  makeZip,
  refusedPort,
  repoRoot,
  sha256,
  startMirror,
  startRefusingProxy,
  type LocalServer,
} from '../support/electron-mirror';

const script = join(repoRoot, 'scripts', 'start.mjs');
const artefact = (version: string): string => `electron-v${version}-${process.platform}-${process.arch}.zip`;
const STALL_MS = 3000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs start.mjs with a clean download environment: no proxies, no mirror but `mirror`. */
function runStart(electronDir: string, extraEnv: NodeJS.ProcessEnv, args: string[] = []): Promise<Run> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/proxy|^electron_|^npm_config_electron|^npm_package_config_electron|^aide_|^global_agent|^debug$/i.test(key))
      continue;
    env[key] = value;
  }
  Object.assign(env, { AIDE_ELECTRON_DIR: electronDir, AIDE_ELECTRON_INSTALL_TIMEOUT_MS: String(STALL_MS) }, extraEnv);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A hang must fail the test, not stall the run.
    const guard = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

function expectDownloadFailureMessage(run: Run, mirror: string): void {
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('Electron binary is not installed');
  expect(run.stderr).toContain(`downloading it from ${mirror}`);
  expect(run.stderr).toContain('ELECTRON_MIRROR');
  expect(run.stderr).toContain('HTTPS_PROXY');
  expect(run.stderr).toContain('npm run web');
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function track(server: Promise<LocalServer>): Promise<LocalServer> {
  servers.push(await server);
  return servers[servers.length - 1]!;
}

describe('npm start without an Electron binary', () => {
  it("asks the mirror for this platform's artefact and, on a 404, explains and points to npm run web", async () => {
    const { electronDir, cacheDir, version } = await electronPackageCopy();
    const mirror = await track(startMirror((_req, res) => res.writeHead(404).end('Not Found')));
    const run = await runStart(electronDir, { ELECTRON_MIRROR: mirror.url, electron_config_cache: cacheDir });
    expect(mirror.requests).toEqual([`GET /v${version}/${artefact(version)}`]);
    expectDownloadFailureMessage(run, mirror.url);
    expect(run.stderr).toContain(`Response code 404 (Not Found) for ${mirror.url}v${version}/${artefact(version)}`);
    expect(run.ms).toBeLessThan(5000);
  });

  it('refuses a download whose checksum does not match checksums.json', async () => {
    const { electronDir, cacheDir } = await electronPackageCopy();
    const zip = makeZip([{ name: 'electron', data: Buffer.from('#!/bin/sh\n'), mode: 0o755 }]);
    const mirror = await track(startMirror((_req, res) => res.writeHead(200).end(zip)));
    const run = await runStart(electronDir, { ELECTRON_MIRROR: mirror.url, electron_config_cache: cacheDir });
    expectDownloadFailureMessage(run, mirror.url);
    expect(run.stderr).toMatch(/checksum/i);
  });

  it('ends in the message within seconds when the mirror refuses the connection', async () => {
    const { electronDir, cacheDir } = await electronPackageCopy();
    const mirror = `http://127.0.0.1:${await refusedPort()}/`;
    const run = await runStart(electronDir, { ELECTRON_MIRROR: mirror, electron_config_cache: cacheDir });
    expectDownloadFailureMessage(run, mirror);
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(run.ms).toBeLessThan(5000);
  });

  it('stops waiting for a mirror that accepts the connection but never answers', async () => {
    const { electronDir, cacheDir } = await electronPackageCopy();
    const mirror = await track(startMirror(() => {}));
    const run = await runStart(electronDir, { ELECTRON_MIRROR: mirror.url, electron_config_cache: cacheDir });
    expect(mirror.requests).toHaveLength(1);
    expectDownloadFailureMessage(run, mirror.url);
    expect(run.stderr).toContain('no progress for 3 s');
    expect(run.ms).toBeGreaterThanOrEqual(STALL_MS);
    expect(run.ms).toBeLessThan(STALL_MS + 5000);
  });

  it('downloads through the proxy in http_proxy', async () => {
    const { electronDir, cacheDir } = await electronPackageCopy();
    const proxy = await track(startRefusingProxy());
    const port = await refusedPort();
    const mirror = `http://127.0.0.1:${port}/`;
    const run = await runStart(electronDir, {
      ELECTRON_MIRROR: mirror,
      electron_config_cache: cacheDir,
      http_proxy: `http://user:secret@127.0.0.1:${proxy.port}`,
    });
    expect(proxy.requests).toEqual([`CONNECT 127.0.0.1:${port}`]);
    expectDownloadFailureMessage(run, mirror);
    expect(run.stderr).toContain(`via proxy http://***@127.0.0.1:${proxy.port}/`);
    expect(run.stderr).not.toContain('secret');
  });

  /** A copy of the electron package whose checksums.json lists a fake release zip, and that zip. */
  async function fakeRelease(): Promise<{
    electronDir: string;
    cacheDir: string;
    version: string;
    zip: Buffer;
    marker: string;
    executable: string;
  }> {
    const { electronDir, cacheDir, version } = await electronPackageCopy();
    const marker = join(await mkdtemp(join(tmpdir(), 'aide-fake-electron-')), 'launched');
    const executable = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
    const zip = makeZip([
      {
        name: executable,
        data: Buffer.from('#!/bin/sh\nprintf "%s\\n" "$@" > "$AIDE_FAKE_ELECTRON_MARKER"\n'),
        mode: 0o755,
      },
    ]);
    // The installer checks the zip against checksums.json; this copy lists the fake one.
    await writeFile(join(electronDir, 'checksums.json'), JSON.stringify({ [artefact(version)]: sha256(zip) }));
    return { electronDir, cacheDir, version, zip, marker, executable };
  }

  /** Runs start.mjs to launch without building (--skipBuild); --entry is what the fake binary records. */
  async function startAndLaunch(release: Awaited<ReturnType<typeof fakeRelease>>, mirror: LocalServer): Promise<Run> {
    const run = await runStart(
      release.electronDir,
      {
        ELECTRON_MIRROR: mirror.url,
        electron_config_cache: release.cacheDir,
        AIDE_FAKE_ELECTRON_MARKER: release.marker,
      },
      ['--skipBuild', '--entry', 'aide-test-entry'],
    );
    expect(mirror.requests).toEqual([`GET /v${release.version}/${artefact(release.version)}`]);
    expect(run.stderr).toContain(`Downloading Electron ${release.version}`);
    expect(run.code).toBe(0);
    expect(await readFile(join(release.electronDir, 'path.txt'), 'utf8')).toBe(release.executable);
    expect((await readFile(release.marker, 'utf8')).split('\n')[0]).toBe('aide-test-entry');
    return run;
  }

  it.skipIf(process.platform === 'win32')('installs the binary from the mirror, then launches it', async () => {
    const release = await fakeRelease();
    const mirror = await track(
      startMirror((_req, res) => res.writeHead(200, { 'content-length': release.zip.length }).end(release.zip)),
    );
    await startAndLaunch(release, mirror);
  });

  it.skipIf(process.platform === 'win32')(
    'lets a slow download run past the stall limit while bytes keep coming',
    async () => {
      const release = await fakeRelease();
      const pieces = 7;
      const mirror = await track(
        startMirror((_req, res) => {
          res.writeHead(200, { 'content-length': release.zip.length });
          const size = Math.ceil(release.zip.length / pieces);
          let sent = 0;
          const timer = setInterval(() => {
            res.write(release.zip.subarray(sent, sent + size));
            sent += size;
            if (sent >= release.zip.length) {
              clearInterval(timer);
              res.end();
            }
          }, 800);
          res.on('close', () => clearInterval(timer));
        }),
      );
      const run = await startAndLaunch(release, mirror);
      expect(run.ms).toBeGreaterThan(STALL_MS + 1000);
    },
  );

  it('says so when there is no installer to run', async () => {
    const run = await runStart(await mkdtemp(join(tmpdir(), 'aide-no-electron-')), {
      ELECTRON_MIRROR: `http://127.0.0.1:${await refusedPort()}/`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Electron binary is not installed');
    expect(run.stderr).toContain('install.js');
    expect(run.stderr).toContain('npm run web');
  });

  it('fails the same way when path.txt names a binary that was never downloaded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aide-half-electron-'));
    await writeFile(join(dir, 'path.txt'), 'electron');
    const run = await runStart(dir, { ELECTRON_MIRROR: `http://127.0.0.1:${await refusedPort()}/` });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('npm run web');
  });

  it('does not download when ELECTRON_EXEC_PATH names a missing binary, and says so', async () => {
    const { electronDir } = await electronPackageCopy();
    const missing = join(electronDir, 'no-such-electron');
    const run = await runStart(electronDir, { ELECTRON_EXEC_PATH: missing });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`ELECTRON_EXEC_PATH is ${missing}`);
    expect(run.stderr).toContain('npm run web');
    expect(run.stderr).not.toContain('Downloading');
  });
});
