// Numbers as people write them in a phrase: digits, "twelve", "twenty-five", "forty five",
// "a couple of", and the clock forms "oh five" (minutes) and one…twelve (hours).

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

const UNIT_WORD = UNITS.slice(1).join('|');
const TEEN_WORD = TEENS.join('|');
const TENS_WORD = TENS.filter((t) => t !== '').join('|');

/** one…ninety-nine in words; teens come before units so "seventeen" is not read as "seven". */
export const NUMBER_WORD = `(?:(?:${TENS_WORD})(?:[-\\s](?:${UNIT_WORD}))?|${TEEN_WORD}|${UNIT_WORD})`;

/** A count as written in a duration: digits (with a decimal part), a number word, "a", "a couple of". */
export const NUMBER = `(?:\\d+(?:\\.\\d+)?|a\\s+couple(?:\\s+of)?|${NUMBER_WORD}|an?)`;

/** An hour of the clock in words. */
export const HOUR_WORD = `(?:${TEENS.slice(0, 3).join('|')}|${UNIT_WORD})`;

/** Minutes of the clock in words, as said after an hour: "oh five", "fifteen", "forty-five". */
export const MINUTE_WORD = `(?:oh[-\\s](?:${UNIT_WORD})|(?:twenty|thirty|forty|fifty)(?:[-\\s](?:${UNIT_WORD}))?|${TEEN_WORD})`;

/** The value of a number as written (digits or words), or NaN. */
export function numberValue(text: string): number {
  const words = text.toLowerCase().trim().replace(/\s+/g, ' ');
  if (/^\d+(?:\.\d+)?$/.test(words)) return Number(words);
  if (words === 'a' || words === 'an') return 1;
  if (/^a couple(?: of)?$/.test(words)) return 2;
  let total = 0;
  for (const word of words.replace(/^oh[-\s]/, '').split(/[-\s]/)) {
    const unit = UNITS.indexOf(word);
    const teen = TEENS.indexOf(word);
    const tens = TENS.indexOf(word);
    if (unit >= 0) total += unit;
    else if (teen >= 0) total += 10 + teen;
    else if (tens >= 2) total += tens * 10;
    else return NaN;
  }
  return total;
}
