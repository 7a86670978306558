// What changed in one calendar since the last sync: sync-collection (RFC 6578) where the server
// offers it, else the ctag and a listing of ETags; in both cases only objects whose ETag differs
// from what Aide holds are fetched.
import { calendarQuery, syncCollection, type DAVResponse } from 'tsdav';
import { errorForStatus, MALFORMED_MESSAGE } from './caldav-errors';
import { readCalendar } from './caldav-calendars';
import { davFetch, type HttpContext } from './caldav-http';
import { fetchObjects } from './caldav-objects';
import { propsOf, realResponses, requireMultistatus, textOf } from './caldav-props';
import { CalDavError, type CalendarChanges, type RemoteCalendar, type RemoteObject } from './sync-types';

interface Listing {
  /** href → ETag (null when the server did not give one) of every object listed as present. */
  present: Map<string, string | null>;
  /** hrefs listed as gone (sync-collection only). */
  gone: string[];
  /** Objects whose text came with the listing (an initial sync-collection asks for it). */
  withText: RemoteObject[];
  syncToken: string | null;
}

// A server may page a sync-collection answer (507 on the collection itself); each page's token
// asks for the next. Bounded so a misbehaving server cannot keep Aide busy forever.
const MAX_SYNC_PAGES = 50;

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/$/, '') === b.replace(/\/$/, '');
}

function syncCollectionRequest(
  calendar: RemoteCalendar,
  token: string | null,
  withText: boolean,
  context: HttpContext,
): Promise<DAVResponse[]> {
  return syncCollection({
    url: calendar.url,
    props: withText ? { 'd:getetag': {}, 'c:calendar-data': {} } : { 'd:getetag': {} },
    syncLevel: 1,
    // An empty token asks for the initial, full listing (RFC 6578 §3.8).
    syncToken: token ?? '',
    // An expired token comes back as 403/409 with <valid-sync-token/>; the caller reads it.
    fetch: davFetch(context, { pass: token === null ? [] : [403, 409], calendarName: calendar.displayName }),
  });
}

function isExpiredToken(responses: DAVResponse[]): boolean {
  const first = responses[0];
  if (!first || (first.status !== 403 && first.status !== 409)) return false;
  const body: unknown = first.raw;
  if ((typeof body === 'string' ? body : JSON.stringify(body ?? '')).includes('valid-sync-token')) return true;
  throw errorForStatus(first.status);
}

/**
 * The listing since `token`, or 'expired' when the server no longer knows the token. `withText`
 * asks for each object's text in the same REPORT (RFC 6578 allows any property): when nothing is
 * known yet everything is fetched anyway, and one request beats one REPORT plus multigets. A
 * server that leaves the text out still gets its objects fetched afterwards.
 */
async function syncListing(
  calendar: RemoteCalendar,
  token: string | null,
  withText: boolean,
  context: HttpContext,
): Promise<Listing | 'expired'> {
  const listing: Listing = { present: new Map(), gone: [], withText: [], syncToken: token };
  for (let page = 0; page < MAX_SYNC_PAGES; page += 1) {
    const responses = await syncCollectionRequest(calendar, listing.syncToken, withText, context);
    if (isExpiredToken(responses)) return 'expired';
    const multistatus = requireMultistatus(responses);
    listing.syncToken = textOf(multistatus.syncToken) ?? listing.syncToken;
    let truncated = false;
    for (const response of realResponses(responses)) {
      const href = new URL(response.href ?? '', calendar.url).href;
      if (sameUrl(href, calendar.url)) {
        truncated ||= response.status === 507;
        continue;
      }
      if (response.status === 404 || response.status === 410) {
        listing.present.delete(href);
        listing.gone.push(href);
      } else {
        const props = propsOf(response);
        const etag = textOf(props.getetag);
        const ics = textOf(props.calendarData);
        listing.present.set(href, etag);
        if (ics !== null) listing.withText.push({ href, etag, ics });
      }
    }
    if (!truncated) return listing;
  }
  return listing;
}

async function initialListing(calendar: RemoteCalendar, withText: boolean, context: HttpContext): Promise<Listing> {
  const listing = await syncListing(calendar, null, withText, context);
  // Without a token there is nothing to expire; a server saying so anyway is not making sense.
  if (listing === 'expired') throw new CalDavError('malformed', MALFORMED_MESSAGE);
  return listing;
}

/** Every object's href and ETag by calendar-query (for servers without sync-collection). */
async function etagListing(calendar: RemoteCalendar, context: HttpContext): Promise<Listing> {
  // tsdav's fetchCalendarObjects filters on VEVENT only; reminders are VTODOs, so the filter
  // here matches any component.
  const responses = await calendarQuery({
    url: calendar.url,
    props: { 'd:getetag': {} },
    filters: { 'comp-filter': { _attributes: { name: 'VCALENDAR' } } },
    depth: '1',
    fetch: davFetch(context, { calendarName: calendar.displayName }),
  });
  const present = new Map<string, string | null>();
  for (const response of realResponses(responses)) {
    const href = new URL(response.href ?? '', calendar.url).href;
    if (!sameUrl(href, calendar.url) && response.ok) present.set(href, textOf(propsOf(response).getetag));
  }
  return { present, gone: [], withText: [], syncToken: null };
}

async function changesFromListing(
  calendar: RemoteCalendar,
  listing: Listing,
  knownEtags: ReadonlyMap<string, string>,
  full: boolean,
  context: HttpContext,
): Promise<Omit<CalendarChanges, 'ctag'>> {
  const asKnown = knownSpelling(knownEtags);
  const present = new Map([...listing.present].map(([href, etag]) => [asKnown(href), etag]));
  const isNew = (href: string, etag: string | null) => etag === null || knownEtags.get(href) !== etag;
  const arrived = listing.withText
    .map((object) => ({ ...object, href: asKnown(object.href) }))
    .filter((object) => isNew(object.href, object.etag));
  const had = new Set(listing.withText.map((object) => asKnown(object.href)));
  const wanted = [...present].filter(([href, etag]) => !had.has(href) && isNew(href, etag)).map(([href]) => href);
  const fetched = await fetchObjects(calendar.url, wanted, context, calendar.displayName);
  const deleted = new Set([...listing.gone, ...fetched.missing].map(asKnown));
  if (full) for (const href of knownEtags.keys()) if (!present.has(href)) deleted.add(href);
  const changed = [...arrived, ...fetched.objects.map((object) => ({ ...object, href: asKnown(object.href) }))];
  return { changed, deleted: [...deleted], syncToken: listing.syncToken, full };
}

function canonicalHref(href: string): string {
  const url = new URL(href);
  url.pathname = url.pathname
    .split('/')
    .map((segment) => {
      try {
        return encodeURIComponent(decodeURIComponent(segment));
      } catch {
        return segment;
      }
    })
    .join('/');
  return url.href;
}

/**
 * Servers differ in how they percent-encode hrefs (`a@b.ics` or `a%40b.ics`); an href the caller
 * already knows is handed back in the caller's own spelling, so the same object never looks like
 * one deleted plus one new.
 */
function knownSpelling(knownEtags: ReadonlyMap<string, string>): (href: string) => string {
  const byCanonical = new Map([...knownEtags.keys()].map((href) => [canonicalHref(href), href]));
  return (href) => byCanonical.get(canonicalHref(href)) ?? href;
}

export async function changesSince(
  calendar: RemoteCalendar,
  syncToken: string | null,
  knownEtags: ReadonlyMap<string, string>,
  context: HttpContext,
): Promise<CalendarChanges> {
  if (calendar.supportsSyncCollection) {
    const withText = knownEtags.size === 0;
    let listing = await syncListing(calendar, syncToken, withText && syncToken === null, context);
    let full = syncToken === null;
    if (listing === 'expired') {
      listing = await initialListing(calendar, withText, context);
      full = true;
    }
    // The ctag is not asked for here: it would cost a request per sync and the token says it all.
    return { ...(await changesFromListing(calendar, listing, knownEtags, full, context)), ctag: null };
  }
  const current = await readCalendar(calendar.url, context, calendar.displayName);
  if (calendar.ctag !== null && current.ctag === calendar.ctag && knownEtags.size > 0) {
    return { changed: [], deleted: [], syncToken: null, ctag: current.ctag, full: false };
  }
  const listing = await etagListing(calendar, context);
  return { ...(await changesFromListing(calendar, listing, knownEtags, true, context)), ctag: current.ctag };
}
