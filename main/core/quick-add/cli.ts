// The quick-add command line (`npm run -s quickadd`): one phrase, or JSON lines with --batch,
// each answered with exactly one JSON line on stdout. scripts/quickadd.mjs builds and runs it.
import { createInterface } from 'node:readline';
import { isValidTimeZone } from '../reminders/zone-offsets';
import { parseQuickAdd, type QuickAddResult } from './parse';

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  out: (line: string) => void;
  err: (line: string) => void;
}

interface Flags {
  now: Date;
  timeZone: string;
  batch: boolean;
  text: string;
}

const USAGE = 'Usage: npm run -s quickadd -- [--now ISO] [--tz ZONE] "text"   or   ... --batch < lines.jsonl';

/** Reads the flags; returns an error message for a bad one. */
function readFlags(args: string[]): Flags | string {
  let now = new Date();
  let timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  let batch = false;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (name === '--batch') batch = true;
    else if (name === '--now' || name === '--tz') {
      const value = inline ?? args[++i];
      if (value === undefined) return `${name} needs a value.`;
      if (name === '--now') {
        now = new Date(value);
        if (Number.isNaN(now.getTime()))
          return `--now "${value}" is not an ISO 8601 date-time, e.g. 2026-11-25T10:00:00+01:00.`;
      } else {
        if (!isValidTimeZone(value)) return `--tz "${value}" is not an IANA time zone, e.g. Europe/Berlin.`;
        timeZone = value;
      }
    } else if (name === '--help' || name === '-h') return USAGE;
    else if (name === '--') continue;
    else words.push(arg);
  }
  return { now, timeZone, batch, text: words.join(' ') };
}

/** One batch line: `{"text","now"?,"tz"?}` → the result, or `{"error"}` for a line that is not one. */
function answerLine(line: string, flags: Flags): QuickAddResult | { error: string } {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { error: 'Not a JSON line; expected {"text": "...", "now"?: "ISO", "tz"?: "Zone"}.' };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { error: 'Expected a JSON object with "text".' };
  const { text, now, tz } = input as Record<string, unknown>;
  if (typeof text !== 'string') return { error: '"text" must be a string.' };
  if (now !== undefined && typeof now !== 'string') return { error: '"now" must be an ISO 8601 string.' };
  if (tz !== undefined && typeof tz !== 'string') return { error: '"tz" must be an IANA zone name.' };
  const at = now === undefined ? flags.now : new Date(now);
  if (Number.isNaN(at.getTime())) return { error: `"now" "${String(now)}" is not an ISO 8601 date-time.` };
  const timeZone = tz ?? flags.timeZone;
  if (!isValidTimeZone(timeZone)) return { error: `"tz" "${timeZone}" is not an IANA time zone.` };
  return parseQuickAdd(text, { now: at, timeZone });
}

/** Runs the CLI; resolves to the exit code (0, or 2 for bad flags). */
export async function runQuickAddCli(args: string[], io: CliIo): Promise<number> {
  const flags = readFlags(args);
  if (typeof flags === 'string') {
    io.err(flags);
    return 2;
  }
  if (!flags.batch) {
    if (flags.text.trim() === '') {
      io.err(USAGE);
      return 2;
    }
    io.out(JSON.stringify(parseQuickAdd(flags.text, { now: flags.now, timeZone: flags.timeZone })));
    return 0;
  }
  // Lines are answered as they arrive, in order; blank lines are skipped.
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    io.out(JSON.stringify(answerLine(line, flags)));
  }
  return 0;
}
