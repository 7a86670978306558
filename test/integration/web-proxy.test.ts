// Browser mode behind a corporate proxy: with HTTPS_PROXY/HTTP_PROXY set, model calls go through
// the proxy (here a real local CONNECT proxy that can reach a host this machine cannot resolve);
// NO_PROXY sends a host direct; without proxy variables Node's own fetch is used.
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/create-core';
import type { Core } from '../../main/core/core-types';
import { createFileLogger } from '../../main/core/logger';
import { SecretStoreUnavailableError } from '../../main/core/ports';
import { describeProxy, proxyAwareFetch } from '../../main/web/proxy-fetch';
import { DEFAULT_API_KEY, startFakeOpenAIServer, type FakeOpenAIServer } from '../support/fake-openai-server';

/** A CONNECT proxy that sends every tunnel to `target`, recording the host that was asked for. */
async function startProxy(target: URL): Promise<{ url: string; tunnels: string[]; close(): Promise<void> }> {
  const tunnels: string[] = [];
  const open = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client: Socket, head) => {
    tunnels.push(req.url ?? '');
    open.add(client);
    const upstream = connect(Number(target.port), target.hostname, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://user:s3cret@127.0.0.1:${port}`,
    tunnels,
    close: () => {
      // A kept-alive tunnel would hold server.close() open until it times out.
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

let openai: FakeOpenAIServer | null = null;
let proxy: Awaited<ReturnType<typeof startProxy>> | null = null;
let core: Core | null = null;
afterEach(async () => {
  await core?.dispose();
  await proxy?.close();
  await openai?.close();
  core = null;
  proxy = null;
  openai = null;
});

/** Core in browser mode's shape, pointed at a model host only the proxy can reach. */
async function browserModeCore(env: NodeJS.ProcessEnv): Promise<Core> {
  const dataDir = await mkdtemp(join(tmpdir(), 'aide-web-proxy-'));
  const fetch = proxyAwareFetch(env);
  core = await createCore({
    dataDir,
    env: { OPENAI_BASE_URL: 'http://models.corp.invalid/v1', OPENAI_API_KEY: DEFAULT_API_KEY },
    secretStore: new SecretStoreUnavailableError('not needed: the key comes from the environment'),
    logger: createFileLogger(dataDir),
    ...(fetch && { fetch }),
  });
  return core;
}

describe('browser mode behind a proxy', () => {
  it('sends model requests through HTTPS_PROXY to a host only the proxy can reach', async () => {
    openai = await startFakeOpenAIServer();
    proxy = await startProxy(new URL(openai.url));
    const core = await browserModeCore({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url });
    expect(await core.handlers.listModels()).toMatchObject({ ok: true, models: expect.arrayContaining([expect.any(String)]) });
    expect(proxy.tunnels).toEqual(['models.corp.invalid:80']);
  });

  it('goes direct for hosts in NO_PROXY, and says the server cannot be reached when it is not there', async () => {
    openai = await startFakeOpenAIServer();
    proxy = await startProxy(new URL(openai.url));
    const core = await browserModeCore({ HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,.corp.invalid' });
    const result = await core.handlers.listModels();
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/reach|connect/i) } });
    expect(proxy.tunnels).toEqual([]);
  });

  it("uses Node's own fetch when no proxy is configured, and never shows the proxy's password", () => {
    expect(proxyAwareFetch({ NO_PROXY: 'localhost' })).toBeUndefined();
    expect(describeProxy({ https_proxy: 'http://user:s3cret@proxy.corp:3128' })).toBe('http://proxy.corp:3128');
  });
});
