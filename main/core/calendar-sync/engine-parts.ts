// What the pieces of the sync engine (pull, push, local changes, import) share: the agenda, the
// sync state, the outbox, the mapping, and a way to change the agenda without it counting as a
// local change.
import { createHash } from 'node:crypto';
import type { Clock, Logger } from '../ports';
import { MalformedCalendarObjectError } from './ical-parse';
import type { AgendaService } from '../reminders/agenda-service';
import type { Outbox } from './outbox';
import type { CalendarMapping } from './sync-mapping';
import type { SyncState } from './sync-state';

export interface EngineParts {
  agenda: AgendaService;
  state: SyncState;
  outbox: Outbox;
  mapping: CalendarMapping;
  clock: Clock;
  logger: Logger;
  /** The person's IANA zone. */
  timeZone(): string;
  /** Runs `change` (agenda writes that came from the server) without it entering the outbox. */
  quietly<T>(change: () => T): T;
}

const PLAIN_ID = /^[A-Za-z0-9._@+-]{1,100}$/;

/** Aide writes its own items with the UID `<id>@aide` (ical-write.ts). */
export const uidForId = (id: string): string => `${id}@aide`;

/**
 * The agenda id of the object with this UID: the id Aide gave it (`<id>@aide`), the UID itself
 * when it is a plain id, else a digest of it. Deterministic, so an object seen twice (a sync cut
 * short before its state was written, a file imported again, another device's copy) lands on the
 * same item, never a copy.
 */
export function idForUid(uid: string): string {
  const own = /^(.+)@aide$/.exec(uid)?.[1];
  if (own !== undefined && PLAIN_ID.test(own)) return own;
  return PLAIN_ID.test(uid) ? uid : `uid-${createHash('sha256').update(uid).digest('hex').slice(0, 40)}`;
}

/** A name for an object the engine could not read: its SUMMARY when one can be picked out, else its file name. */
export function objectName(ics: string, href: string | null): string {
  const summary = /^SUMMARY[^:\r\n]*:(.*)$/m.exec(ics)?.[1]?.trim();
  if (summary) return `"${summary.slice(0, 80)}"`;
  const file = href === null ? '' : (href.split('/').filter(Boolean).at(-1) ?? '');
  return file === '' ? 'an unnamed entry' : `the entry ${decoded(file)}`;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Why the mapping could not read an object, as the end of a sentence. */
export function unreadableReason(error: unknown): string {
  return error instanceof MalformedCalendarObjectError ? error.reason : 'it is not a calendar entry Aide can read';
}
