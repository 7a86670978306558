// Calendar object resources one by one (GET, PUT with preconditions, DELETE) and many at once
// (calendar-multiget).
import { createObject, davRequest, deleteObject, updateObject } from 'tsdav';
import { readCalendar } from './caldav-calendars';
import { errorForStatus } from './caldav-errors';
import { davFetch, readText, type HttpContext } from './caldav-http';
import { propsOf, realResponses, requireMultistatus, textOf } from './caldav-props';
import type { RemoteObject } from './sync-types';

const ICS_TYPE = 'text/calendar; charset=utf-8';
// Big calendars are fetched in slices so no single REPORT body grows without bound.
const MULTIGET_SLICE = 200;

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/** tsdav has no plain GET helper; this is one request through the same door. */
export async function getObject(href: string, context: HttpContext): Promise<RemoteObject | null> {
  const response = await davFetch(context, { pass: [404, 410] })(href, {
    method: 'GET',
    headers: { accept: ICS_TYPE },
  });
  if (response.status === 404 || response.status === 410) {
    await discard(response);
    return null;
  }
  return { href, etag: response.headers.get('etag'), ics: await readText(response, context) };
}

export async function putObject(
  href: string,
  ics: string,
  etag: string | null,
  context: HttpContext,
): Promise<{ etag: string | null }> {
  const fetch = davFetch(context, { pass: [409] });
  // tsdav drops an empty If-Match, which would overwrite blindly; without a real ETag the write
  // is a create, and the server answers 412 if the object exists.
  const response =
    etag === null || etag === ''
      ? await createObject({ url: href, data: ics, headers: { 'content-type': ICS_TYPE, 'If-None-Match': '*' }, fetch })
      : await updateObject({ url: href, data: ics, etag, headers: { 'content-type': ICS_TYPE }, fetch });
  await discard(response);
  if (response.status === 409) {
    // WebDAV answers a PUT into a missing collection with 409 (RFC 4918 §9.7.1): when the
    // calendar is gone, say so (readCalendar throws not-found); otherwise it is the server's refusal.
    await readCalendar(new URL('.', href).href, context);
    throw errorForStatus(409);
  }
  // A server that changed the text on the way in may leave the ETag out (RFC 4791 §5.3.4).
  return { etag: response.headers.get('etag') };
}

export async function removeObject(href: string, etag: string | null, context: HttpContext): Promise<void> {
  // Already gone is what the caller wanted.
  const response = await deleteObject({
    url: href,
    etag: etag ?? undefined,
    fetch: davFetch(context, { pass: [404, 410] }),
  });
  await discard(response);
}

function pathOf(href: string): string {
  const url = new URL(href);
  return `${url.pathname}${url.search}`;
}

export interface MultigetResult {
  objects: RemoteObject[];
  /** Asked for but gone by the time of the REPORT. */
  missing: string[];
}

// tsdav's calendarMultiGet throws a bare Error when any one href is 404 (an object deleted between
// the listing and the fetch); this reads the multistatus itself and reports those as missing.
async function multigetSlice(
  calendarUrl: string,
  hrefs: string[],
  context: HttpContext,
  calendarName: string,
): Promise<MultigetResult> {
  const responses = await davRequest({
    url: calendarUrl,
    init: {
      method: 'REPORT',
      namespace: 'c',
      headers: { depth: '1' },
      body: {
        'calendar-multiget': {
          _attributes: { 'xmlns:d': 'DAV:', 'xmlns:c': 'urn:ietf:params:xml:ns:caldav' },
          'd:prop': { 'd:getetag': {}, 'c:calendar-data': {} },
          'd:href': hrefs.map(pathOf),
        },
      },
    },
    fetch: davFetch(context, { calendarName }),
  });
  requireMultistatus(responses);
  const result: MultigetResult = { objects: [], missing: [] };
  const textless: string[] = [];
  for (const response of realResponses(responses)) {
    const href = new URL(response.href ?? '', calendarUrl).href;
    const props = propsOf(response);
    const ics = textOf(props.calendarData);
    if (!response.ok) result.missing.push(href);
    else if (ics === null) textless.push(href);
    else result.objects.push({ href, etag: textOf(props.getetag), ics });
  }
  // Present but sent without its text: asked for on its own rather than taken for gone.
  for (const href of textless) {
    const object = await getObject(href, context);
    if (object) result.objects.push(object);
    else result.missing.push(href);
  }
  // Some servers leave a gone href out of the answer instead of listing it as 404.
  const answered = new Set([...result.objects.map((object) => object.href), ...result.missing]);
  result.missing.push(...hrefs.filter((href) => !answered.has(new URL(href).href)));
  return result;
}

/** The objects at `hrefs`: one GET for a single change, calendar-multiget for more. */
export async function fetchObjects(
  calendarUrl: string,
  hrefs: string[],
  context: HttpContext,
  calendarName: string,
): Promise<MultigetResult> {
  if (hrefs.length === 1) {
    const object = await getObject(hrefs[0]!, context);
    return object ? { objects: [object], missing: [] } : { objects: [], missing: [hrefs[0]!] };
  }
  const result: MultigetResult = { objects: [], missing: [] };
  for (let start = 0; start < hrefs.length; start += MULTIGET_SLICE) {
    const slice = await multigetSlice(calendarUrl, hrefs.slice(start, start + MULTIGET_SLICE), context, calendarName);
    result.objects.push(...slice.objects);
    result.missing.push(...slice.missing);
  }
  return result;
}
