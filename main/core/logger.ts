// The app's log: JSON lines in <dataDir>/logs/aide.log (owner-only), rotated by size into
// aide.1.log … aide.N.log, every line passed through redact() so no key reaches the disk.
import { appendFileSync, chmodSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from './ports';
import { redact } from './redact';

type Level = 'info' | 'warn' | 'error';

export interface FileLoggerOptions {
  /** Also write each line to stderr (development). */
  echo?: boolean;
  /** The log is rotated before a line would take it past this size. */
  maxBytes?: number;
  /** Rotated files kept besides aide.log. */
  keep?: number;
}

export const DEFAULT_MAX_LOG_BYTES = 1024 * 1024;
export const DEFAULT_KEPT_LOGS = 3;

export function createFileLogger(dataDir: string, options: FileLoggerOptions = {}): Logger {
  const dir = join(dataDir, 'logs');
  const file = join(dir, 'aide.log');
  const rotated = (n: number) => join(dir, `aide.${n}.log`);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_LOG_BYTES;
  const keep = options.keep ?? DEFAULT_KEPT_LOGS;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // A log written by an older version, or copied in, may be readable by others; it may hold paths and errors.
    chmodSync(file, 0o600);
  } catch {
    // No folder (read-only disk) or no log yet: each write below tries again and fails quietly.
  }

  const rotate = () => {
    rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) renameIfPresent(rotated(n), rotated(n + 1));
    if (keep >= 1) renameIfPresent(file, rotated(1));
    else rmSync(file, { force: true });
  };

  const write = (level: Level, message: string, fields?: Record<string, unknown>) => {
    let line: string;
    try {
      line = redact(serialize({ time: new Date().toISOString(), level, message, ...fields }));
    } catch {
      return; // Logging must never be the thing that fails.
    }
    try {
      const bytes = Buffer.byteLength(line) + 1;
      const size = sizeOf(file);
      if (size > 0 && size + bytes > maxBytes) rotate();
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      appendFileSync(file, `${line}\n`, { mode: 0o600 });
    } catch {
      // A full disk or a read-only folder must not take the app down with it; the echo still reaches stderr.
    }
    if (options.echo) process.stderr.write(`${line}\n`);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

/** Turns an unknown thrown value into loggable fields without its (possibly secret-bearing) payloads. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const { code } = error as NodeJS.ErrnoException;
    return { error: error.message, name: error.name, ...(typeof code === 'string' && { code }) };
  }
  return { error: String(error) };
}

/** JSON, even for fields JSON.stringify refuses (a cycle, a bigint): those become strings. */
function serialize(entry: Record<string, unknown>): string {
  try {
    return JSON.stringify(entry);
  } catch {
    // Fall through to the careful pass, which costs more and is rarely needed.
  }
  const seen = new WeakSet<object>();
  return JSON.stringify(entry, (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return '[circular]';
      seen.add(value);
    }
    return value;
  });
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function renameIfPresent(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
