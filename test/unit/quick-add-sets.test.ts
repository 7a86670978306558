// Every hand-labelled quick-add set (the labelled one we tune on and both held-out ones we never
// tune on) must stay at least 97% exactly right, with no confidently wrong answer at all.
import { describe, expect, it } from 'vitest';
import { parseQuickAdd } from '../../main/core/quick-add/parse';
import { SETS, score } from '../quick-add/sets';

describe.each(SETS.map((set) => [set.name, set] as const))('%s', (_name, set) => {
  const result = score(set.rows, (row) => parseQuickAdd(row.text, { now: new Date(row.now), timeZone: row.tz }));
  const misses = result.misses.map(({ row, got }) => `${row.text} (${row.tz}) → ${JSON.stringify(got)}`);

  it('is at least 97% exactly right', () => {
    expect(result.correct / result.total, misses.join('\n')).toBeGreaterThanOrEqual(0.97);
  });

  it('saves nothing at a time, kind or recurrence the label does not have', () => {
    expect(result.confidentlyWrong, misses.join('\n')).toBe(0);
  });
});

it('the second held-out set holds at least 150 phrases', () => {
  expect(SETS.find((set) => set.name.startsWith('held-out 2'))?.rows.length).toBeGreaterThanOrEqual(150);
});
