// An `.ics` file of one or many objects split into calendar object resources: one VCALENDAR per
// UID with the VTIMEZONEs it uses and its RECURRENCE-ID overrides, and a sentence for each thing
// left out.
import ICAL from 'ical.js';
import { MalformedCalendarObjectError, calendarText, textValue, tzidsUsed } from './ical-parse';
import { parseCalendarObject } from './ical-read';

export interface SplitIcs {
  objects: string[];
  skipped: string[];
}

const ITEM_NAMES = new Set(['vtodo', 'vevent']);
const KIND_WORDS: Record<string, string> = {
  vtodo: 'task',
  vevent: 'event',
  vjournal: 'journal entry',
  vfreebusy: 'free/busy block',
};

export function splitIcsFile(text: string): SplitIcs {
  const calendars = readCalendars(text);
  if (calendars === null)
    return { objects: [], skipped: ['The file is not an iCalendar (.ics) file, so nothing was imported.'] };
  const skipped: string[] = [];
  const byUid = new Map<string, { calendar: ICAL.Component; components: ICAL.Component[] }>();
  for (const calendar of calendars) {
    for (const component of calendar.getAllSubcomponents()) {
      if (component.name === 'vtimezone') continue;
      if (!ITEM_NAMES.has(component.name)) {
        skipped.push(
          `A ${KIND_WORDS[component.name] ?? component.name.toUpperCase()} was skipped: Aide imports only tasks and events.`,
        );
        continue;
      }
      const uid = textValue(component, 'uid');
      if (uid === null) {
        skipped.push(`The ${describe(component)} was skipped: it has no UID.`);
        continue;
      }
      const group = byUid.get(uid) ?? { calendar, components: [] };
      group.components.push(component);
      byUid.set(uid, group);
    }
  }
  const objects: string[] = [];
  for (const { calendar, components } of byUid.values()) {
    const object = objectOf(calendar, calendars, components, skipped);
    if (object !== null) objects.push(object);
  }
  return { objects, skipped };
}

/** The file's VCALENDARs, or null when it is not iCalendar at all. */
function readCalendars(text: string): ICAL.Component[] | null {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch {
    return null;
  }
  const roots = Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed;
  if (!Array.isArray(roots) || roots.length === 0) return null;
  const calendars = roots.filter(
    (root): root is [string, unknown[], unknown[]] => Array.isArray(root) && root[0] === 'vcalendar',
  );
  return calendars.length === 0 ? null : calendars.map((root) => new ICAL.Component(root));
}

/** One UID's components as a calendar object; null (with a sentence in `skipped`) when Aide cannot read it. */
function objectOf(
  source: ICAL.Component,
  all: ICAL.Component[],
  components: ICAL.Component[],
  skipped: string[],
): string | null {
  const masters = components.filter((c) => !c.hasProperty('recurrence-id'));
  for (const extra of masters.slice(1))
    skipped.push(`A second copy of the ${describe(extra)} was skipped: it has the same UID.`);
  const kept = components.filter((c) => !masters.slice(1).includes(c));
  const vcalendar = new ICAL.Component('vcalendar');
  vcalendar.addPropertyWithValue('version', '2.0');
  vcalendar.addPropertyWithValue('prodid', textValue(source, 'prodid') ?? '-//Aide//Aide//EN');
  // METHOD is left out: RFC 4791 forbids it in a stored object (an invitation file carries one).
  const calscale = textValue(source, 'calscale');
  if (calscale !== null) vcalendar.addPropertyWithValue('calscale', calscale);
  const used = new Set<string>();
  for (const component of kept) for (const tzid of tzidsUsed(component)) used.add(tzid);
  for (const tzid of used) {
    const vtimezone = all.flatMap((c) => c.getAllSubcomponents('vtimezone')).find((z) => textValue(z, 'tzid') === tzid);
    if (vtimezone !== undefined) vcalendar.addSubcomponent(copy(vtimezone));
  }
  for (const component of kept) vcalendar.addSubcomponent(copy(component));
  const text = calendarText(vcalendar);
  try {
    parseCalendarObject(text, 'UTC');
    return text;
  } catch (error) {
    if (!(error instanceof MalformedCalendarObjectError)) throw error;
    skipped.push(`The ${describe(components[0] ?? vcalendar)} was skipped: ${error.reason}.`);
    return null;
  }
}

function copy(component: ICAL.Component): ICAL.Component {
  return new ICAL.Component(structuredClone(component.toJSON()));
}

/** `event "Dentist"`, or `task with UID …` when it has no title. */
function describe(component: ICAL.Component): string {
  const kind = KIND_WORDS[component.name] ?? 'item';
  const title = textValue(component, 'summary');
  if (title !== null) return `${kind} "${title.length > 60 ? `${title.slice(0, 57)}…` : title}"`;
  const uid = textValue(component, 'uid');
  return uid === null ? `untitled ${kind}` : `${kind} with UID ${uid}`;
}
