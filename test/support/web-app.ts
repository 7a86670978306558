// Runs the built browser mode (`node out/main/web.js`) as a real child process with its own data
// folder and keychain service, the way `npm run web` does, and can restart it on the same data.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const WEB_ENTRY = resolve(__dirname, '../../out/main/web.js');

export interface WebApp {
  url: string;
  dataDir: string;
  service: string;
  /** Everything the server printed, stdout and stderr. */
  output(): string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `OPENAI_API_KEY` stands in for a saved key (benchmarks); tests save keys through Settings. Tests
 * have the core check every response against the contract; benchmarks turn that off
 * (`checkResponses: false`), as in the packaged app, so they measure the work a user's app does.
 */
export async function startWebApp(
  env: { OPENAI_BASE_URL: string; OPENAI_API_KEY?: string },
  options: { checkResponses?: boolean } = {},
): Promise<WebApp> {
  const check = options.checkResponses === false ? '0' : '1';
  if (!existsSync(WEB_ENTRY))
    throw new Error('out/main/web.js is missing: run `npm run build` before the end-to-end tests.');
  const dataDir = await mkdtemp(join(tmpdir(), 'aide-e2e-'));
  const service = `AideE2E-${randomUUID()}`;
  let printed = '';
  let child: ChildProcess;

  const start = () =>
    new Promise<string>((resolveUrl, reject) => {
      let sinceStart = '';
      child = spawn(process.execPath, [WEB_ENTRY, '--port', '0'], {
        env: {
          ...process.env,
          AIDE_CHECK_RESPONSES: check,
          AIDE_DATA_DIR: dataDir,
          AIDE_KEYCHAIN_SERVICE: service,
          OPENAI_BASE_URL: env.OPENAI_BASE_URL,
          OPENAI_API_KEY: env.OPENAI_API_KEY ?? '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${printed}`)), 20_000);
      child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      child.stdout!.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        sinceStart += chunk.toString();
        const match = /Aide web: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(sinceStart);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${printed}`)));
    });

  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });

  const app: WebApp = {
    url: await start(),
    dataDir,
    service,
    output: () => printed,
    async restart() {
      await stop();
      app.url = await start();
    },
    stop,
  };
  return app;
}
