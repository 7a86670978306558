// Time zones a time is said in: abbreviations ("9am EST", "4pm CET"), "Pacific time", IANA
// names ("Asia/Tokyo") and "<city> time". An abbreviation means its region's wall clock, so
// "EST" in July is New York's summer time: people say EST for Eastern time all year.
import { isValidTimeZone } from '../reminders/zone-offsets';
import type { Scanner } from './scanner';
import type { TimeSpec } from './types';

const ABBREVIATIONS: Record<string, string> = {
  EST: 'America/New_York',
  EDT: 'America/New_York',
  ET: 'America/New_York',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  CT: 'America/Chicago',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  MT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  PT: 'America/Los_Angeles',
  AKST: 'America/Anchorage',
  AKDT: 'America/Anchorage',
  HST: 'Pacific/Honolulu',
  // GMT and UTC are the same fixed clock; London in summer is BST.
  GMT: 'UTC',
  UTC: 'UTC',
  BST: 'Europe/London',
  WET: 'Europe/Lisbon',
  WEST: 'Europe/Lisbon',
  CET: 'Europe/Berlin',
  CEST: 'Europe/Berlin',
  EET: 'Europe/Athens',
  EEST: 'Europe/Athens',
  MSK: 'Europe/Moscow',
  JST: 'Asia/Tokyo',
  KST: 'Asia/Seoul',
  HKT: 'Asia/Hong_Kong',
  SGT: 'Asia/Singapore',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
  ACST: 'Australia/Adelaide',
  ACDT: 'Australia/Adelaide',
  AWST: 'Australia/Perth',
  NZST: 'Pacific/Auckland',
  NZDT: 'Pacific/Auckland',
};
const REGIONS: Record<string, string> = {
  eastern: 'America/New_York',
  central: 'America/Chicago',
  mountain: 'America/Denver',
  pacific: 'America/Los_Angeles',
};

/** Zone abbreviations in capitals, also those that mean several zones (IST: India, Ireland, Israel), for the leftover check. */
export const ZONE_ABBREVIATION = `(?:${Object.keys(ABBREVIATIONS).join('|')}|IST|CAT|EAT|WAT|AST|ADT|NST|SST)`;

// Capitals only: "et" and "pt" are words too. Ambiguous ones (IST) are not claimed, so they are asked back.
const ABBREVIATION = new RegExp(`(?<![\\w/])(${Object.keys(ABBREVIATIONS).join('|')})\\b`, 'g');
const REGION_TIME = '(eastern|central|mountain|pacific)(?:\\s+(?:standard|daylight))?\\s+time';
const REGION = new RegExp(`\\b${REGION_TIME}\\b`, 'gi');
const IANA = /(?<![\w/])([A-Z][A-Za-z]+\/[A-Z][A-Za-z_]+(?:\/[A-Z][A-Za-z_]+)?)(?![\w/])/g;
/**
 * "<City> time" with a city of three, two or one words, tried longest first and from every word,
 * so a name before the city does not hide it ("call Bob New York time" is New York's clock).
 */
const CITY_TIMES = [3, 2, 1].map(
  (words) => new RegExp(`\\b((?:[A-Z][a-z]+\\s+){${words - 1}}[A-Z][a-z]+)\\s+time\\b`, 'g'),
);

/**
 * What may name a zone right after a time said in words ("quarter past 4 EST", "at seven thirty
 * Pacific time"), as one capture group for a clock rule's end. The clock rules match without
 * regard to case, so this admits "est" too; `namesZone` then decides with the case-sensitive rules.
 */
export const ZONE_AFTER_TIME =
  `(${ZONE_ABBREVIATION}|${REGION_TIME.replace('(', '(?:')}|` +
  `[a-z]+\\/[a-z_]+(?:\\/[a-z_]+)?|(?:[a-z]+\\s+){0,2}[a-z]+\\s+time)(?![\\w/])`;

const WHOLE_ABBREVIATION = new RegExp(`^${ZONE_ABBREVIATION}$`);
const WHOLE_REGION = new RegExp(`^${REGION_TIME}$`, 'i');
const WHOLE_CITY = /^((?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)\s+time$/;

/**
 * True when `words` (a ZONE_AFTER_TIME match) name a zone as readZones reads them. Ambiguous
 * abbreviations (IST) count, so the time is read and the zone is asked back.
 */
export function namesZone(words: string): boolean {
  if (WHOLE_ABBREVIATION.test(words) || WHOLE_REGION.test(words)) return true;
  if (words.includes('/')) return /^[A-Z]/.test(words) && isValidTimeZone(words);
  const city = WHOLE_CITY.exec(words);
  return city !== null && cityZone(city[1] ?? '') !== null;
}

let cities: Map<string, string> | null = null;

/** "new york" → "America/New_York", from the zones this runtime knows; built once, on first use. */
function cityZone(name: string): string | null {
  if (cities === null) {
    cities = new Map();
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const city = zone.split('/').pop() ?? '';
      cities.set(city.replace(/_/g, ' ').toLowerCase(), zone);
    }
    cities.set('utc', 'UTC');
  }
  return cities.get(name.replace(/\s+/g, ' ').toLowerCase()) ?? null;
}

/** Claims the zone a time is said in, once; only when the phrase has a time for it to apply to. */
export function readZones(scanner: Scanner, spec: TimeSpec): void {
  const take = (label: string, zone: string | null | undefined): boolean => {
    if (zone === null || zone === undefined || spec.zone !== null) return false;
    spec.zone = { label, zone };
    return true;
  };
  scanner.claim(ABBREVIATION, (m) => take(m[1] ?? '', ABBREVIATIONS[m[1] ?? '']));
  scanner.claim(REGION, (m) => take(m[0], REGIONS[(m[1] ?? '').toLowerCase()]));
  scanner.claim(IANA, (m) => take(m[1] ?? '', isValidTimeZone(m[1] ?? '') ? m[1] : null));
  for (const cityTime of CITY_TIMES) scanner.claim(cityTime, (m) => take(m[0], cityZone(m[1] ?? '')));
}
