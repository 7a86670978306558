// The baseline of the incremental-sync benchmarks: what Radicale alone takes. The same requests
// Aide sends — the sync-collection REPORT with the last token, then a GET of the changed object —
// as raw fetch calls with a fixed XML body and a regular expression for the answer (no client code).
import type { RawAccount } from '../support/radicale';

export interface RawListing {
  token: string;
  /** URLs of the objects the REPORT lists as changed (status 200). */
  changed: string[];
}

const authorization = (account: RawAccount) =>
  `Basic ${Buffer.from(`${account.user}:${account.password}`).toString('base64')}`;

const reportBody = (token: string) =>
  '<?xml version="1.0" encoding="utf-8"?>' +
  '<d:sync-collection xmlns:d="DAV:">' +
  `<d:sync-token>${token}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>` +
  '</d:sync-collection>';

/** REPORT sync-collection on `calendarUrl` since `token` ('' for everything). */
export async function rawSyncReport(account: RawAccount, calendarUrl: string, token: string): Promise<RawListing> {
  const response = await fetch(calendarUrl, {
    method: 'REPORT',
    headers: { authorization: authorization(account), depth: '1', 'content-type': 'application/xml; charset=utf-8' },
    body: reportBody(token),
  });
  const text = await response.text();
  if (response.status !== 207) throw new Error(`REPORT answered ${response.status}`);
  const next = /<(?:\w+:)?sync-token>([^<]+)</.exec(text)?.[1];
  if (!next) throw new Error('REPORT answered without a sync-token');
  const changed: string[] = [];
  for (const [response] of text.matchAll(/<(?:\w+:)?response>[\s\S]*?<\/(?:\w+:)?response>/g)) {
    const href = /<(?:\w+:)?href>([^<]+)</.exec(response)?.[1];
    if (href && / 200 /.test(response)) changed.push(new URL(href, calendarUrl).href);
  }
  return { token: next, changed };
}

/** GET of one object's text. */
export async function rawGet(account: RawAccount, url: string): Promise<string> {
  const response = await fetch(url, { headers: { authorization: authorization(account) } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET answered ${response.status}`);
  return text;
}
