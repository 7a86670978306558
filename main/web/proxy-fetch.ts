// Browser mode runs core in plain Node, whose fetch ignores proxy settings. When the environment
// names a proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY in either case, as curl reads them), model
// calls go through undici's EnvHttpProxyAgent; otherwise Node's own fetch is used unchanged.
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';

const proxyVariables = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

export function proxyAwareFetch(env: NodeJS.ProcessEnv): typeof fetch | undefined {
  if (!proxyVariables.some((name) => env[name])) return undefined;
  const dispatcher = new EnvHttpProxyAgent({
    httpProxy: env.HTTP_PROXY || env.http_proxy,
    httpsProxy: env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy,
    noProxy: env.NO_PROXY ?? env.no_proxy,
  });
  // undici's fetch is the engine behind Node's own; its Response is the same WHATWG shape.
  return ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    })) as unknown as typeof fetch;
}

/** The proxy in use, with any user name and password removed, for the start-up line. */
export function describeProxy(env: NodeJS.ProcessEnv): string | null {
  const raw = proxyVariables.map((name) => env[name]).find(Boolean);
  if (!raw) return null;
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    return url.origin;
  } catch {
    return 'a proxy from the environment';
  }
}
