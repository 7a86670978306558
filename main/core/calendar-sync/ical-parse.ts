// Reading iCalendar text with ical.js into its component tree, and finding the task or event in
// it: the shared first step of reading, expanding, writing back and importing.
import ICAL from 'ical.js';

// RFC 9074's ACKNOWLEDGED is a UTC DATE-TIME; ical.js 2.2.1 does not know it and would read and
// write it as opaque text, so it joins the iCalendar design set (the library's extension point).
ICAL.design.icalendar.property['acknowledged'] = { defaultType: 'date-time' };

/** A calendar object Aide cannot read; `reason` is a short clause ("it has no UID"). */
export class MalformedCalendarObjectError extends Error {
  override name = 'MalformedCalendarObjectError';
  constructor(readonly reason: string) {
    super(`The calendar object cannot be read: ${reason}.`);
  }
}

export type ItemName = 'vtodo' | 'vevent';

/** The task or event of one object: its master and the RECURRENCE-ID overrides of the same UID. */
export interface ItemComponents {
  name: ItemName;
  master: ICAL.Component;
  overrides: ICAL.Component[];
  uid: string;
}

/** The VCALENDAR of `ics`; throws MalformedCalendarObjectError when it is not one calendar. */
export function parseVcalendar(ics: string): ICAL.Component {
  let jcal: unknown;
  try {
    jcal = ICAL.parse(ics);
  } catch {
    throw new MalformedCalendarObjectError('it is not valid iCalendar text');
  }
  if (!Array.isArray(jcal) || jcal[0] !== 'vcalendar') {
    throw new MalformedCalendarObjectError('it is not a single VCALENDAR');
  }
  return new ICAL.Component(jcal as [string, unknown[], unknown[]]);
}

/** Every VTODO and VEVENT in the calendar, masters and overrides. */
export function itemComponentsOf(vcalendar: ICAL.Component): ICAL.Component[] {
  return [...vcalendar.getAllSubcomponents('vtodo'), ...vcalendar.getAllSubcomponents('vevent')];
}

/**
 * The item of a calendar object resource (RFC 4791: one UID per resource). The master is the
 * component without RECURRENCE-ID; an object holding only overrides answers with its first.
 */
export function itemOf(vcalendar: ICAL.Component): ItemComponents {
  const all = itemComponentsOf(vcalendar);
  const master = all.find((c) => !c.hasProperty('recurrence-id')) ?? all[0];
  if (master === undefined) throw new MalformedCalendarObjectError('it holds no task (VTODO) or event (VEVENT)');
  const uid = textValue(master, 'uid');
  if (uid === null || uid.trim() === '') throw new MalformedCalendarObjectError('it has no UID');
  const name: ItemName = master.name === 'vtodo' ? 'vtodo' : 'vevent';
  const overrides = all.filter(
    (c) => c !== master && c.name === name && c.hasProperty('recurrence-id') && textValue(c, 'uid') === uid,
  );
  return { name, master, overrides, uid };
}

/** A text property's value, or null when absent or empty. */
export function textValue(component: ICAL.Component, name: string): string | null {
  const value = component.getFirstPropertyValue(name);
  if (value === null || value === undefined) return null;
  const text = String(value);
  return text === '' ? null : text;
}

/** The TZID parameters used anywhere under `component` (read without decoding any value). */
export function tzidsUsed(component: ICAL.Component): Set<string> {
  const out = new Set<string>();
  const visit = (c: ICAL.Component) => {
    if (c.name === 'vtimezone') return;
    for (const property of c.getAllProperties()) {
      const tzid = property.getParameter('tzid');
      if (typeof tzid === 'string' && tzid !== '') out.add(tzid);
    }
    for (const sub of c.getAllSubcomponents()) visit(sub);
  };
  visit(component);
  return out;
}

/** The VCALENDAR as text, ending in CRLF as RFC 5545 content lines do. */
export function calendarText(vcalendar: ICAL.Component): string {
  return `${vcalendar.toString()}\r\n`;
}
