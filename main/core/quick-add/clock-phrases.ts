// Clock times said in words: "ten past 6pm", "twenty-five to 9", "half past seven", "quarter
// to midnight", "eleven fifteen pm", "at seven thirty", "at four", "two o'clock", each maybe
// followed by the zone it is said in ("quarter past 4 EST").
import type { Scanner } from './scanner';
import type { ClockTime, Meridiem, TimeSpec } from './types';
import { HOUR_WORD, MINUTE_WORD, NUMBER_WORD, numberValue } from './number-words';
import { MERIDIEM } from './words';
import { ZONE_AFTER_TIME, namesZone } from './zones';

/**
 * What may follow a time said without am/pm, so "at one point" or "at two shops" are not times.
 * Its one group is a zone's words ("EST"), which the rule's reader checks with `namesZone`.
 */
const TIME_END =
  "(?=\\s*$|\\s*[,;.!?]|\\s+(?:tomorrow|today|tonight|on|this|next|in\\s+the|at\\s+night|every|sharp|o'?clock|to|and|or|for|" +
  `(?:mon|tues?|wednes|thurs?|fri|satur|sun)day)\\b|\\s+${ZONE_AFTER_TIME})`;
const HOUR = `(\\d{1,2}|${HOUR_WORD}|noon|midnight)`;
const MINUTES = `(\\d{1,2}|${NUMBER_WORD})(?:\\s+minutes?)?`;

const PAST_OR_TO = new RegExp(
  `\\b(?:(at|by|around|until|till)\\s+)?(?:${MINUTES}|(?:a\\s+)?(quarter)|(half))\\s+(past|after|to|till|til|before)\\s+` +
    `${HOUR}(?:\\s*${MERIDIEM}(?![a-z])|${TIME_END})`,
  'gi',
);
const SPELLED = new RegExp(
  `\\b(?:(at|by|around)\\s+)?(${HOUR_WORD})(?:[\\s-]+(${MINUTE_WORD}))?` +
    `(?:\\s*${MERIDIEM}(?![a-z])|\\s+(o'?clock)\\b|${TIME_END})`,
  'gi',
);

function meridiemOf(text: string | undefined): Meridiem {
  if (text === undefined) return null;
  return text.toLowerCase().startsWith('a') ? 'am' : 'pm';
}

/** The hour named, as a clock: noon and midnight are fixed, 1–12 follow the usual reading. */
function hourClock(text: string, meridiem: Meridiem): ClockTime | null {
  const word = text.toLowerCase();
  if (word === 'noon') return meridiem === null ? { hour: 12, minute: 0, second: 0, meridiem, fixed: true } : null;
  if (word === 'midnight') return meridiem === null ? { hour: 24, minute: 0, second: 0, meridiem, fixed: true } : null;
  const hour = numberValue(word);
  if (!Number.isInteger(hour) || hour < 1 || hour > 12) return null;
  return { hour, minute: 0, second: 0, meridiem, fixed: false };
}

export function readSpokenClocks(scanner: Scanner, spec: TimeSpec): void {
  const take = (clock: ClockTime | null): boolean => {
    if (clock === null || spec.time !== null) return false;
    spec.time = clock;
    return true;
  };
  scanner.claim(PAST_OR_TO, (m) => {
    const [, lead, minutesText, quarter, half, direction = '', hourText = '', meridiemText, zoneWords] = m;
    if (zoneWords !== undefined && !namesZone(zoneWords)) return false;
    // "5 to 7" alone could be a count ("invite 5 to 7 people"); digits need "at" or "minutes".
    if (minutesText !== undefined && /^\d/.test(minutesText) && lead === undefined && !/minute/i.test(m[0]))
      return false;
    const minutes = quarter !== undefined ? 15 : half !== undefined ? 30 : numberValue(minutesText ?? '');
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 59) return false;
    const clock = hourClock(hourText, meridiemOf(meridiemText));
    if (clock === null) return false;
    const before = /^(to|till|til|before)$/i.test(direction);
    return take({ ...clock, minute: before ? -minutes : minutes });
  });
  scanner.claim(SPELLED, (m) => {
    const [, lead, hourText = '', minuteText, meridiemText, oclock, zoneWords] = m;
    if (zoneWords !== undefined && !namesZone(zoneWords)) return false;
    // A lone number word is a time only after "at" or with am/pm or o'clock ("at four", "six am").
    if (lead === undefined && meridiemText === undefined && oclock === undefined) return false;
    const clock = hourClock(hourText, meridiemOf(meridiemText));
    if (clock === null) return false;
    const minute = minuteText === undefined ? 0 : numberValue(minuteText);
    if (!Number.isInteger(minute) || minute > 59) return false;
    return take({ ...clock, minute });
  });
}
