// The openai SDK retries every 429. `insufficient_quota` is a 429 that no retry can fix (the
// account is out of credit), so this fetch marks it `x-should-retry: false`, which the SDK honours.

export function quotaAwareFetch(inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.status !== 429) return response;
    const body = await response.text();
    const headers = new Headers(response.headers);
    if (isInsufficientQuota(body)) headers.set('x-should-retry', 'false');
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
}

function isInsufficientQuota(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; type?: unknown } };
    return parsed.error?.code === 'insufficient_quota' || parsed.error?.type === 'insufficient_quota';
  } catch {
    return false;
  }
}
