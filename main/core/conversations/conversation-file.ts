// A conversation's file read from its end: the newest messages are parsed when it is opened, older
// lines stay on disk until a page further back (or the whole history) asks for them.
import { open, type FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { ChatMessage, type ConversationSummary } from '../../../common/contract';
import { linesBefore } from '../storage/lines-from-end';
import type { FileMark } from './conversation-index';

/** A line of a conversation file. A later message line with the same id replaces the earlier one. */
export const Line = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), message: ChatMessage }),
  z.object({ type: z.literal('title'), title: z.string() }),
  z.object({ type: z.literal('settings'), model: z.string().nullable(), systemPrompt: z.string().nullable() }),
]);
export type Line = z.output<typeof Line>;

type Settings = Pick<ConversationSummary, 'model' | 'systemPrompt'>;

/** The newest part of a file, parsed: messages in the order of their first line, each as its last line says. */
export interface Region {
  /** Offset of the oldest line parsed: 0 once the whole file is. */
  start: number;
  order: string[];
  byId: Map<string, ChatMessage>;
}

/** Title and settings lines the index has not recorded (a run stopped between the two writes). */
export interface Unrecorded {
  title: string | null;
  settings: Settings | null;
}

export interface Opened {
  region: Region;
  /** The file as it is now. */
  mark: FileMark;
  unrecorded: Unrecorded | null;
}

/**
 * Opens a conversation's file with at least its newest `messages` messages parsed, and every line
 * after what `mark` recorded (none, unless a run stopped between writing a line and the index).
 * Without a usable mark (an index from before marks) the whole file is read once.
 */
export async function openRegion(file: string, mark: FileMark | undefined, messages: number): Promise<Opened> {
  const handle = await openIfExists(file);
  if (!handle)
    return { region: { start: 0, order: [], byId: new Map() }, mark: { bytes: 0, messages: 0 }, unrecorded: null };
  try {
    const { size } = await handle.stat();
    const recorded = await recordedUpTo(handle, size, mark);
    const region: Region = { start: size, order: [], byId: new Map() };
    const unrecorded: Unrecorded = { title: null, settings: null };
    const newIds = new Set<string>();
    await readBack(
      handle,
      region,
      (added) => region.start <= recorded && added >= messages,
      (line, start) => {
        if (start < recorded) {
          if (line.type === 'message') newIds.delete(line.message.id);
        } else if (line.type === 'message') newIds.add(line.message.id);
        // Newest first: the first title (settings) line met is the one that applies.
        else if (line.type === 'title') unrecorded.title ??= line.title;
        else unrecorded.settings ??= { model: line.model, systemPrompt: line.systemPrompt };
      },
    );
    const count = recorded === 0 ? region.order.length : mark!.messages + newIds.size;
    return { region, mark: { bytes: size, messages: count }, unrecorded: recorded < size ? unrecorded : null };
  } finally {
    await handle.close();
  }
}

/** Parses `messages` more messages before the region (or up to the file's start). */
export async function extendRegion(file: string, region: Region, messages: number): Promise<void> {
  const handle = await openIfExists(file);
  if (!handle) return;
  try {
    await readBack(handle, region, (added) => added >= messages);
  } finally {
    await handle.close();
  }
}

/** Folds a line just appended to the file into its region. */
export function applyNewest(region: Region, line: Line): void {
  if (line.type !== 'message') return;
  if (!region.byId.has(line.message.id)) region.order.push(line.message.id);
  region.byId.set(line.message.id, line.message);
}

/** Where the index's record of the file ends, if it ends at a line's end; else 0 (read it all). */
async function recordedUpTo(handle: FileHandle, size: number, mark: FileMark | undefined): Promise<number> {
  if (!mark || mark.bytes > size) return 0;
  if (mark.bytes === size || mark.bytes === 0) return mark.bytes;
  // A newline before the mark ends a line; one right after it ends a torn line, which an append mends.
  const around = Buffer.alloc(2);
  await handle.read(around, 0, 2, mark.bytes - 1);
  return around[0] === 0x0a || around[1] === 0x0a ? mark.bytes : 0;
}

/** Parses lines before `region.start`, newest first, until `enough(messages added)` or the file's start. */
async function readBack(
  handle: FileHandle,
  region: Region,
  enough: (added: number) => boolean,
  onLine?: (line: Line, start: number) => void,
): Promise<void> {
  if (region.start === 0 || enough(0)) return;
  const newestFirst: string[] = [];
  let added = 0;
  let repeated = false;
  let atFileStart = true;
  for await (const { text, start } of linesBefore(handle, region.start)) {
    region.start = start;
    const line = parseLine(text);
    if (line) onLine?.(line, start);
    if (line?.type === 'message') {
      const { id } = line.message;
      // A line further back with an id already read is an earlier version: it keeps the later content.
      if (region.byId.has(id)) repeated = true;
      else {
        region.byId.set(id, line.message);
        added += 1;
      }
      newestFirst.push(id);
    }
    if (enough(added)) {
      atFileStart = false;
      break;
    }
  }
  if (atFileStart) region.start = 0;
  const order = newestFirst.reverse().concat(region.order);
  if (!repeated) region.order = order;
  else {
    // A message is placed where its first line is.
    const seen = new Set<string>();
    region.order = order.filter((id) => !seen.has(id) && seen.add(id));
  }
}

function parseLine(raw: string): Line | null {
  if (raw.trim() === '') return null;
  try {
    const parsed = Line.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function openIfExists(file: string): Promise<FileHandle | null> {
  try {
    return await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
