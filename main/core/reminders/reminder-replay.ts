// Replays one of the reminders files (the snapshot or a journal) onto the tables, a slice at a
// time: changes in order, a batch only once all of its lines are there. A torn end (a line without
// its newline, a batch cut short: a run killed mid-write) is not applied and is reported by
// `validEnd`; any other unreadable line counts as damage.
import { readLinesInSlices } from '../storage/jsonl-slices';
import { readLine, type Change } from './reminder-lines';

export interface Replayed {
  /** The file's size in bytes. */
  size: number;
  /** Where the last complete change or batch ends: the file's whole, readable part. */
  validEnd: number;
  changes: number;
  /** Unreadable lines before the end, or a snapshot without its header. */
  damaged: number;
}

/** Null when the file does not exist. */
export async function replayFile(
  file: string,
  apply: (change: Change) => void,
  snapshot: boolean,
): Promise<Replayed | null> {
  let pending: { size: number; changes: Change[] } | null = null;
  let unreadable: number | null = null;
  let sawHeader = false;
  const pool = new Map<string, string>();
  const replayed: Replayed = { size: 0, validEnd: 0, changes: 0, damaged: 0 };
  const size = await readLinesInSlices(file, ({ text, end, terminated }) => {
    // An unreadable line followed by more lines is damage; the last one alone is a torn end.
    if (unreadable !== null) replayed.damaged += 1;
    unreadable = null;
    const line = terminated ? readLine(text, pool) : null;
    if (line === null) {
      if (text.trim() !== '') unreadable = end;
      return;
    }
    if (line.type === 'header') {
      sawHeader = true;
      replayed.validEnd = end;
      return;
    }
    if (pending !== null && line.type === 'batch') replayed.damaged += 1;
    if (line.type === 'batch') {
      pending = { size: line.size, changes: [] };
      return;
    }
    if (pending === null) {
      apply(line.change);
      replayed.changes += 1;
      replayed.validEnd = end;
      return;
    }
    pending.changes.push(line.change);
    if (pending.changes.length < pending.size) return;
    for (const change of pending.changes) apply(change);
    replayed.changes += pending.changes.length;
    replayed.validEnd = end;
    pending = null;
  });
  if (size === null) return null;
  if (snapshot && !sawHeader && size > 0) replayed.damaged += 1;
  return { ...replayed, size };
}
