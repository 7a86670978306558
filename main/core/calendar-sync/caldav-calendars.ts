// The calendars in the account's home: listing them with what Aide needs to choose and sync
// them, and making a new one (MKCALENDAR).
import { randomUUID } from 'node:crypto';
import { makeCalendar, propfind, type DAVResponse } from 'tsdav';
import { errorForStatus } from './caldav-errors';
import { davFetch, type HttpContext } from './caldav-http';
import { withSlash } from './caldav-discovery';
import {
  colorOf,
  componentsOf,
  isCalendarCollection,
  isReadOnly,
  propsOf,
  realResponses,
  reportsOf,
  requireMultistatus,
  textOf,
} from './caldav-props';
import type { CalendarComponent, RemoteCalendar } from './sync-types';

// One PROPFIND asks for everything, supported-report-set included: tsdav's fetchCalendars sends
// one more PROPFIND per calendar for the reports and drops the privileges Aide needs.
const CALENDAR_PROPS = {
  'd:resourcetype': {},
  'd:displayname': {},
  'ca:calendar-color': {},
  'cs:getctag': {},
  'd:sync-token': {},
  'c:supported-calendar-component-set': {},
  'd:supported-report-set': {},
  'd:current-user-privilege-set': {},
};

function lastSegment(url: string): string {
  const segments = new URL(url).pathname.split('/').filter(Boolean);
  return decodeURIComponent(segments[segments.length - 1] ?? url);
}

function toRemoteCalendar(response: DAVResponse, baseUrl: string): RemoteCalendar {
  const props = propsOf(response);
  const url = withSlash(new URL(response.href ?? '', baseUrl).href);
  const displayName = textOf(props.displayname)?.trim();
  return {
    url,
    displayName: displayName || lastSegment(url),
    color: colorOf(props),
    components: componentsOf(props),
    readOnly: isReadOnly(props),
    ctag: textOf(props.getctag),
    // A server that hands out a sync-token offers sync-collection even when it does not list it.
    supportsSyncCollection: reportsOf(props).includes('syncCollection') || textOf(props.syncToken) !== null,
  };
}

export async function listCalendars(homeUrl: string, context: HttpContext): Promise<RemoteCalendar[]> {
  const responses = await propfind({ url: homeUrl, props: CALENDAR_PROPS, depth: '1', fetch: davFetch(context) });
  requireMultistatus(responses);
  return realResponses(responses)
    .filter((response) => response.ok && isCalendarCollection(propsOf(response)))
    .map((response) => toRemoteCalendar(response, homeUrl))
    .filter((calendar) => calendar.components.length > 0);
}

/** One calendar's current properties; a 404/410 throws `not-found` naming `knownName`. */
export async function readCalendar(
  url: string,
  context: HttpContext,
  knownName: string | null = null,
): Promise<RemoteCalendar> {
  const fetch = davFetch(context, knownName === null ? {} : { calendarName: knownName });
  const responses = await propfind({ url, props: CALENDAR_PROPS, depth: '0', fetch });
  requireMultistatus(responses);
  const own = realResponses(responses).find((response) => response.ok && isCalendarCollection(propsOf(response)));
  if (!own) throw errorForStatus(404, knownName);
  return toRemoteCalendar(own, url);
}

export async function createCalendar(
  homeUrl: string,
  displayName: string,
  components: CalendarComponent[],
  context: HttpContext,
): Promise<RemoteCalendar> {
  const url = `${homeUrl}${randomUUID()}/`;
  const responses = await makeCalendar({
    url,
    props: {
      'd:displayname': displayName,
      'c:supported-calendar-component-set': { 'c:comp': components.map((name) => ({ _attributes: { name } })) },
    },
    fetch: davFetch(context),
  });
  const failed = responses.find((response) => !response.ok);
  if (failed) throw errorForStatus(failed.status);
  return readCalendar(url, context);
}
