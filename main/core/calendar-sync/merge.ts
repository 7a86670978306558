// Three-way merge of an item's synced fields: a field changed on one side only keeps that side's
// value; a field changed on both sides keeps the newer change and the other value goes into a
// sentence for the item's history, so nothing is silently dropped.
import { toZonedIso } from '../reminders/zone-offsets';
import { FIELD_NAMES, type FieldName, type ItemFields } from './item-fields';

export interface MergeResult {
  fields: ItemFields;
  /** One sentence per true conflict, naming the value that was not kept. */
  history: string[];
}

export interface MergeSides {
  /** The fields as last synced, or null when there is no common base (both sides count as changed). */
  base: ItemFields | null;
  local: ItemFields;
  remote: ItemFields;
  /** Whether the local change is the newer one (our updatedAt after the server's LAST-MODIFIED). */
  localNewer: boolean;
  now: Date;
  timeZone: string;
}

const LABELS: Record<FieldName, string> = {
  title: 'title',
  notes: 'notes',
  location: 'place',
  start: 'time',
  end: 'end time',
  rrule: 'repetition',
  done: 'done state',
  remindMinutesBefore: 'alert',
  snoozedUntil: 'snooze',
};

export function mergeFields(sides: MergeSides): MergeResult {
  const { base, local, remote, localNewer } = sides;
  const fields = { ...remote };
  const history: string[] = [];
  for (const name of FIELD_NAMES) {
    const localChanged = base === null || local[name] !== base[name];
    const remoteChanged = base === null || remote[name] !== base[name];
    if (local[name] === remote[name] || !localChanged) continue;
    if (!remoteChanged || localNewer) Object.assign(fields, { [name]: local[name] });
    if (localChanged && remoteChanged) history.push(conflictSentence(name, sides, localNewer));
  }
  return { fields, history };
}

function conflictSentence(name: FieldName, sides: MergeSides, localNewer: boolean): string {
  const when = toZonedIso(sides.now, sides.timeZone).slice(0, 16).replace('T', ' ');
  const kept = localNewer ? sides.local[name] : sides.remote[name];
  const other = localNewer ? sides.remote[name] : sides.local[name];
  const keptWhere = localNewer ? 'in Aide' : 'on the calendar server';
  const otherWhere = localNewer ? 'on the calendar server' : 'in Aide';
  return (
    `${when}: the ${LABELS[name]} was changed both in Aide and on the calendar server. ` +
    `Kept ${show(name, kept, sides.timeZone)} (the newer change, made ${keptWhere}); ` +
    `the ${LABELS[name]} set ${otherWhere} was ${show(name, other, sides.timeZone)}.`
  );
}

function show(name: FieldName, value: ItemFields[FieldName], timeZone: string): string {
  if (value === null) return 'none';
  if (name === 'done') return value ? 'done' : 'not done';
  if (name === 'remindMinutesBefore') return `${String(value)} minutes before`;
  if (typeof value === 'number') return toZonedIso(new Date(value), timeZone);
  return `"${String(value)}"`;
}
