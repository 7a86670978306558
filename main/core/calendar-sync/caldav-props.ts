// Typed readers for what tsdav makes of a multistatus: xml-js "compact" objects with camelCased
// names and no namespaces, typed `any` by tsdav. Nothing untyped leaves this file.
import type { DAVResponse } from 'tsdav';
import { MALFORMED_MESSAGE } from './caldav-errors';
import { CalDavError, type CalendarComponent } from './sync-types';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * An element's text. tsdav turns texts that look like numbers or booleans into numbers and
 * booleans (a calendar named "2024", a numeric ctag), so those are turned back into strings. Not
 * always to the same text ("0012" comes back as "12"), but always the same way, so ctags and ETags
 * still compare; a sync token mangled so is refused by the server and costs one full listing.
 */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRecord(value)) {
    if (typeof value._cdata === 'string') return value._cdata;
    if (value._text !== undefined) return textOf(value._text);
  }
  return null;
}

/** The first `<href>` inside a property such as current-user-principal or calendar-home-set. */
export function hrefOf(value: unknown): string | null {
  if (!isRecord(value)) return null;
  for (const href of asList(value.href)) {
    const text = textOf(href)?.trim();
    if (text) return text;
  }
  return null;
}

export function propsOf(response: DAVResponse): Record<string, unknown> {
  return isRecord(response.props) ? response.props : {};
}

/** Child element names of a property, e.g. resourcetype → ['collection', 'calendar']. */
export function childNames(value: unknown): string[] {
  return isRecord(value) ? Object.keys(value).filter((key) => !key.startsWith('_')) : [];
}

export function isCalendarCollection(props: Record<string, unknown>): boolean {
  return childNames(props.resourcetype).includes('calendar');
}

/** supported-calendar-component-set → the components Aide uses; both when the server does not say. */
export function componentsOf(props: Record<string, unknown>): CalendarComponent[] {
  const set = props.supportedCalendarComponentSet;
  if (!isRecord(set)) return ['VTODO', 'VEVENT'];
  const names = asList(set.comp).map((comp) =>
    isRecord(comp) && isRecord(comp._attributes) ? comp._attributes.name : null,
  );
  return (['VTODO', 'VEVENT'] as const).filter((name) => names.includes(name));
}

/** supported-report-set → report names, camelCased (`syncCollection`, `calendarMultiget`). */
export function reportsOf(props: Record<string, unknown>): string[] {
  const set = props.supportedReportSet;
  if (!isRecord(set)) return [];
  return asList(set.supportedReport).flatMap((entry) => (isRecord(entry) ? childNames(entry.report) : []));
}

const WRITE_PRIVILEGES = ['all', 'write', 'writeContent', 'bind'];

/** Read-only only when the server lists the person's privileges and none of them writes. */
export function isReadOnly(props: Record<string, unknown>): boolean {
  const set = props.currentUserPrivilegeSet;
  if (!isRecord(set)) return false;
  const privileges = asList(set.privilege).flatMap((privilege) => childNames(privilege));
  return privileges.length > 0 && !privileges.some((name) => WRITE_PRIVILEGES.includes(name));
}

/** `#rrggbb` from Apple's calendar-color (which is often `#rrggbbaa`), or null. */
export function colorOf(props: Record<string, unknown>): string | null {
  const match = /^#([0-9a-f]{6})(?:[0-9a-f]{2})?$/i.exec(textOf(props.calendarColor)?.trim() ?? '');
  return match ? `#${match[1]!.toLowerCase()}` : null;
}

function parsedRoot(responses: DAVResponse[]): Record<string, unknown> | null {
  const raw: unknown = responses[0]?.raw;
  return isRecord(raw) ? raw : null;
}

/**
 * tsdav hands back unparseable XML (or a non-XML answer) as a raw string and a parsed non-DAV
 * document as an object without `multistatus`; both mean the server's answer cannot be used.
 */
export function requireMultistatus(responses: DAVResponse[]): Record<string, unknown> {
  const multistatus = parsedRoot(responses)?.multistatus;
  if (multistatus === undefined) throw new CalDavError('malformed', MALFORMED_MESSAGE);
  return isRecord(multistatus) ? multistatus : {};
}

/** The responses that are real `<response>` elements (an empty multistatus yields one placeholder). */
export function realResponses(responses: DAVResponse[]): DAVResponse[] {
  return responses.filter((response) => typeof response.href === 'string' && response.href.length > 0);
}
