// `npm run web [-- --port N]`: starts the core in plain Node and serves Aide to the browser.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/create-core';
import { createFileLogger } from '../core/logger';
import { keychainService, resolveDataDir } from '../core/paths';
import { createKeytarSecretStore } from '../core/secrets/keytar-secret-store';
import { describeProxy, proxyAwareFetch } from './proxy-fetch';
import { startWebServer } from './web-server';

function parsePort(args: string[]): number {
  const index = args.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  if (index === -1) return 0;
  const raw = args[index]!.includes('=') ? args[index]!.split('=')[1] : args[index + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(`Aide web: --port needs a number between 0 and 65535, got "${raw ?? ''}".\n`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const port = parsePort(process.argv.slice(2));
  const dataDir = resolveDataDir();
  const logger = createFileLogger(dataDir);
  const secretStore = await createKeytarSecretStore(keychainService());
  if (secretStore instanceof Error) process.stderr.write(`Aide web: ${secretStore.message}\n`);
  const fetch = proxyAwareFetch(process.env);
  if (fetch) logger.info('model requests use the proxy from the environment', { proxy: describeProxy(process.env) });
  const core = await createCore({
    dataDir,
    env: process.env,
    secretStore,
    logger,
    ...(fetch && { fetch }),
    // Tests (and developers) set AIDE_CHECK_RESPONSES=1 to catch handlers that drift from the contract.
    checkResponses: process.env.AIDE_CHECK_RESPONSES === '1',
  });
  const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
  const server = await startWebServer({ core, rendererDir, logger, port });
  logger.info('browser mode started', { port: server.port });
  process.stdout.write(`Aide web: ${server.url}\n`);

  const shutdown = async () => {
    await server.close();
    await core.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`Aide web could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
