// The hand-labelled quick-add sets and how an answer is scored against a label: exactly right,
// or confidently wrong (a reminder or appointment whose kind, time or recurrence is not the label's).
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { QuickAddResult } from '../../main/core/quick-add/parse';

export interface Labelled {
  text: string;
  now: string;
  tz: string;
  expect: QuickAddResult;
}

export interface LabelledSet {
  name: string;
  /** Tuned on (the labelled set) or never looked at while tuning (the held-out sets). */
  tuned: boolean;
  rows: Labelled[];
}

function load(file: string): Labelled[] {
  return readFileSync(new URL(file, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Labelled);
}

export const SETS: LabelledSet[] = [
  { name: 'labelled (phrases.jsonl)', tuned: true, rows: load('./phrases.jsonl') },
  { name: 'held-out 1 (holdout.jsonl)', tuned: false, rows: load('./holdout.jsonl') },
  { name: 'held-out 2 (holdout-2.jsonl)', tuned: false, rows: load('./holdout-2.jsonl') },
];

/** The contract's fields only (architecture section 2): extra optional fields do not count. */
export function contractFields(result: QuickAddResult): QuickAddResult {
  switch (result.kind) {
    case 'reminder':
      return { kind: 'reminder', title: result.title, due: result.due, rrule: result.rrule };
    case 'appointment':
      return { kind: 'appointment', title: result.title, start: result.start, end: result.end, rrule: result.rrule };
    case 'incomplete':
      return { kind: 'incomplete', title: result.title, missing: result.missing };
    case 'none':
      return { kind: 'none' };
  }
}

export function isCorrect(got: QuickAddResult, expected: QuickAddResult): boolean {
  return isDeepStrictEqual(contractFields(got), expected);
}

/** The kind of mistake that saves something at a time the person did not say. */
export function isConfidentlyWrong(got: QuickAddResult, expected: QuickAddResult): boolean {
  if (got.kind === 'reminder')
    return expected.kind !== 'reminder' || got.due !== expected.due || got.rrule !== expected.rrule;
  if (got.kind === 'appointment')
    return (
      expected.kind !== 'appointment' ||
      got.start !== expected.start ||
      got.end !== expected.end ||
      got.rrule !== expected.rrule
    );
  return false;
}

export interface Score {
  total: number;
  correct: number;
  confidentlyWrong: number;
  misses: { row: Labelled; got: QuickAddResult }[];
}

export function score(rows: Labelled[], parse: (row: Labelled) => QuickAddResult): Score {
  const misses: Score['misses'] = [];
  let confidentlyWrong = 0;
  for (const row of rows) {
    const got = parse(row);
    if (isConfidentlyWrong(got, row.expect)) confidentlyWrong++;
    if (!isCorrect(got, row.expect)) misses.push({ row, got });
  }
  return { total: rows.length, correct: rows.length - misses.length, confidentlyWrong, misses };
}
