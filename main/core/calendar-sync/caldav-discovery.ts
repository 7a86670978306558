// Finds the account's calendar home from whatever URL the person typed: the server root, a
// principal, a calendar, or a host whose /.well-known/caldav redirects (RFC 6764).
//
// tsdav's createAccount does the same walk but swallows every failure into "cannot find
// principalUrl"; here a wrong password, an unreachable host or a bad certificate stops the walk at
// once with its own sentence, and only "not here" answers move on to the next candidate URL.
import { propfind, serviceDiscovery } from 'tsdav';
import { NO_CALDAV_MESSAGE } from './caldav-errors';
import { davFetch, type HttpContext } from './caldav-http';
import { hrefOf, propsOf } from './caldav-props';
import { CalDavError } from './sync-types';

export interface DiscoveredAccount {
  principalUrl: string;
  homeUrl: string;
}

// Answers that mean "no CalDAV here, try elsewhere" rather than "stop".
const NOT_HERE = [400, 403, 404, 405, 406, 409, 410, 415, 501];

async function propertyHref(url: string, prop: string, context: HttpContext): Promise<string | null> {
  const responses = await propfind({
    url,
    props: { [prop]: {} },
    depth: '0',
    fetch: davFetch(context, { pass: NOT_HERE }),
  });
  const name = prop.replace(/^.+:/, '').replace(/-(\w)/g, (_match, letter: string) => letter.toUpperCase());
  for (const response of responses) {
    if (!response.ok) continue;
    const href = hrefOf(propsOf(response)[name]);
    if (href) return new URL(href, url).href;
  }
  return null;
}

/** The well-known redirect target, or null when the server has none. */
async function wellKnownTarget(serverUrl: string, context: HttpContext): Promise<string | null> {
  // serviceDiscovery catches its own request errors (ours included) and then returns the URL it
  // was given; a failure that matters shows again on the next candidate's request.
  const target = await serviceDiscovery({
    account: { serverUrl, accountType: 'caldav' },
    fetch: davFetch(context, { pass: NOT_HERE }),
  });
  return target === new URL(serverUrl).href ? null : target;
}

function candidatesFor(serverUrl: string, wellKnown: string | null): string[] {
  const candidates = [serverUrl, wellKnown, new URL('/', serverUrl).href].filter((url): url is string => url !== null);
  return [...new Set(candidates)];
}

async function findPrincipal(serverUrl: string, context: HttpContext): Promise<string | null> {
  const first = await propertyHref(serverUrl, 'd:current-user-principal', context);
  if (first) return first;
  const wellKnown = await wellKnownTarget(serverUrl, context);
  for (const candidate of candidatesFor(serverUrl, wellKnown).slice(1)) {
    const principal = await propertyHref(candidate, 'd:current-user-principal', context);
    if (principal) return principal;
  }
  return null;
}

export async function discoverAccount(serverUrl: string, context: HttpContext): Promise<DiscoveredAccount> {
  const principalUrl = await findPrincipal(serverUrl, context);
  // Old servers without current-user-principal: the typed URL may itself be the principal.
  const homeUrl = await propertyHref(principalUrl ?? serverUrl, 'c:calendar-home-set', context);
  if (!homeUrl) throw new CalDavError('not-found', NO_CALDAV_MESSAGE);
  return { principalUrl: principalUrl ?? serverUrl, homeUrl: withSlash(homeUrl) };
}

export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
