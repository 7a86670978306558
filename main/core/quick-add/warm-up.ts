// Pays the quick-add parser's first-use costs (regular expressions compiled on their first runs,
// time-zone data) in small steps, so that neither the start nor the person's first phrase stalls.
import { monthDateWarmUps } from './calendar-dates';
import { parseQuickAdd, timeRuleWarmUps } from './parse';
import type { QuickAddOptions } from './types';

const phrases = ['at 5pm', 'remind me to stretch tomorrow at 9am', 'dentist on March 3 at 4pm'];

/** The steps, cheapest parts first; each is meant for its own turn of the event loop. */
export function quickAddWarmUps(options: () => QuickAddOptions): (() => void)[] {
  return [
    ...monthDateWarmUps(),
    ...timeRuleWarmUps(phrases, new Date()),
    ...phrases.map((phrase) => () => void parseQuickAdd(phrase, options())),
  ];
}
