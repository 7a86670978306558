// Time words the rules did not understand. A phrase that still has some ("at ten past",
// "Tuesday" after "on Monday or", "EST" when the zone is ambiguous) is asked back instead of
// being saved at a guessed time with the leftovers in its title.
import { HOLIDAY_NAME } from './holidays';
import { HOUR_WORD, NUMBER_WORD } from './number-words';
import type { Scanner } from './scanner';
import { MONTH } from './words';
import { ZONE_ABBREVIATION } from './zones';

const WEEKDAY_NAME = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?';
const FULL_MONTH = '(?:january|february|april|june|july|august|september|october|november|december)';
const ORDINAL_WORD = '(?:first|second|third|fourth|fifth|last)';
const PERIOD = '(?:week|weekend|month|year|quarter|spring|summer|autumn|fall|winter)';

const CASE_INSENSITIVE = [
  `\\b(?:(?:on|or|and|by|until|next|this|coming)\\s+)?${WEEKDAY_NAME}\\b`,
  `\\b(?:(?:on|in|or|by|until)\\s+)?(?:the\\s+)?(?:\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?${FULL_MONTH}(?:\\s+\\d{1,2}(?:st|nd|rd|th)?)?(?:,?\\s+\\d{4})?\\b`,
  `\\b(?:(?:on|or|by)\\s+)?${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`,
  `\\b(?:(?:on|or|by)\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b`,
  `\\b(?:(?:on|by|or)\\s+)?(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)\\b(?:\\s+of\\s+(?:${MONTH}|(?:the|this|next|every)\\s+month))?`,
  `\\b(?:(?:on|by)\\s+)?(?:the\\s+)?${ORDINAL_WORD}\\s+(?:${WEEKDAY_NAME}|week(?:end)?|day)\\b(?:\\s+(?:of|in)\\s+\\w+)?`,
  // Before the lone "at ten" below, so "at ten past" leaves the title whole.
  `\\b(?:(?:at|by)\\s+)?(?:${NUMBER_WORD}|\\d{1,2}|(?:a\\s+)?quarter|half)\\s+(?:minutes?\\s+)?(?:past|after|to|till|before)(?=\\s*$|\\s+(?:\\d|${HOUR_WORD}\\b|noon|midnight))`,
  `(?:\\b(?:at|by|around|until|till|from)\\s+|@\\s*)(?:\\d+(?:[:.]\\d+)*|${NUMBER_WORD})\\b`,
  `\\bor\\s+(?:\\d{1,2}(?:[:.]\\d{2})?|${HOUR_WORD})\\b`,
  `\\b\\d{1,2}[:.]\\d{2}(?:[:.]\\d{2})?\\b`,
  `\\b\\d{1,2}\\s*(?:a\\.?m\\.?|p\\.?m\\.?)(?![a-z])`,
  `\\b(?:o'?clock|noon|midnight|tonight|tomorrow|today|hence|fortnights?|after\\s+next)\\b`,
  `\\b(?:next|this|last|coming)\\s+${PERIOD}\\b`,
  `\\b(?:(?:by|at|before|until|on|for)\\s+)?(?:the\\s+)?(?:end|beginning|start|middle)\\s+of\\s+(?:the\\s+|this\\s+|next\\s+)?${PERIOD}\\b`,
  `\\b(?:in|within)\\s+(?:\\d+|${NUMBER_WORD}|a|an|a\\s+few|a\\s+couple\\s+of)\\s+(?:months?|years?)\\b`,
  `\\b(?:every|each)\\s+(?:\\S+\\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|${WEEKDAY_NAME})\\b`,
  `\\b(?:on|by|until|till|this|next|at)\\s+(?:the\\s+)?${HOLIDAY_NAME}(?![\\w'])`,
  `\\b(?:(?:on|by)\\s+)?\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b`,
].map((source) => new RegExp(source, 'gi'));

// Capitals only: "est" or "pt" in lower case are ordinary words.
const CASE_SENSITIVE = [
  new RegExp(`(?<![\\w/])${ZONE_ABBREVIATION}\\b`, 'g'),
  /(?<![\w/])[A-Z][a-z]+\/[A-Z][A-Za-z_]+(?![\w/])/g,
];

/** Claims every time word left unread (so it leaves the title); true when there was one. */
export function claimLeftovers(scanner: Scanner): boolean {
  let found = 0;
  for (const pattern of [...CASE_INSENSITIVE, ...CASE_SENSITIVE])
    found += scanner.claim(pattern, () => true, 'unclear');
  return found > 0;
}
